/**
 * What comes after a phase of a cycle on workers, computed by the watcher once every page of
 * the phase is done: the first later phase with work — member deltas (incremental, planned at
 * the start), the sweep of linked objects this initial cycle did not visit, the reference pass
 * over links with pending references, the deprovisions (checked against the accidental-deletion
 * threshold here: held, one page logs them as StagedDelete; else pages of 500 carry them out) —
 * and at last the finish. A cycle that failed or was stopped goes straight to the finish.
 *
 * Example: const { phase, works } = await nextPhase(deps, planRecord, 'sync'); // { phase: 'reference', works: [...] }
 */
import type { CyclePhase, CyclePlanRecord } from '../../store/store.ts';
import type { Deprovision } from '../cycle/cycle-context.ts';
import { deletionCheck } from '../cycle/deprovision.ts';
import type { CycleOutcomeState, CyclePlan, PageWork } from './page-work.ts';
import { chunked, phaseOrder, splitObjects } from './page-work.ts';
import type { WorkerDeps } from './worker-deps.ts';

/** Groups per reference page: each compares its whole member list. */
const groupsPerReferencePage = 50;

async function linkIds(
  read: (after: string | undefined) => Promise<{ sourceId: string }[]>,
  limit: number,
): Promise<string[]> {
  const ids: string[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await read(after);
    ids.push(...page.map((l) => l.sourceId));
    if (page.length < limit) return ids;
    after = page.at(-1)!.sourceId;
  }
}

async function worksOf(
  deps: WorkerDeps,
  record: CyclePlanRecord,
  phase: CyclePhase,
): Promise<PageWork[] | 'planned'> {
  const plan = record.plan as unknown as CyclePlan;
  const links = deps.store.provisioning.links;
  const size = deps.pageSize ?? 500;
  const types = plan.types;
  switch (phase) {
    case 'members':
      return plan.kind === 'incremental' ? 'planned' : [];
    case 'sweep': {
      if (plan.kind !== 'initial') return [];
      const works: PageWork[] = [];
      for (const type of types) {
        const ids = await linkIds(
          (after) => links.unseen(record.appId, type, record.cycleId, after, size),
          size,
        );
        works.push(...splitObjects(type, ids, size));
      }
      return works;
    }
    case 'reference': {
      const works: PageWork[] = [];
      for (const type of types) {
        const ids = await linkIds((after) => links.pending(record.appId, type, after, size), size);
        for (const part of chunked(ids, type === 'group' ? groupsPerReferencePage : size))
          works.push({ kind: 'reference', type, ids: part });
      }
      return works;
    }
    case 'deprovision': {
      const items = (await deps.store.provisioning.work.deprovisions(
        record.cycleId,
      )) as Deprovision[];
      if (items.length === 0) return [];
      // Held: one page logs every item as StagedDelete; else bounded pages carry them out.
      if (!deletionCheck(plan.job, items).proceed) return [{ kind: 'deprovision' }];
      return chunked(items, size).map((part) => ({ kind: 'deprovision', items: part }));
    }
    case 'finish':
      return [{ kind: 'finish' }];
    default:
      return [];
  }
}

export async function nextPhase(
  deps: WorkerDeps,
  record: CyclePlanRecord,
  from: CyclePhase,
): Promise<{ phase: CyclePhase; works: PageWork[] }> {
  const outcome = record.outcome as CycleOutcomeState;
  if (outcome.failure || outcome.stopped) return { phase: 'finish', works: [{ kind: 'finish' }] };
  const planned = await deps.store.provisioning.work.pages(record.cycleId);
  for (const phase of phaseOrder.slice(phaseOrder.indexOf(from) + 1)) {
    const works = await worksOf(deps, record, phase);
    if (works === 'planned') {
      if (planned.some((p) => p.phase === phase)) return { phase, works: [] };
      continue;
    }
    if (works.length > 0) return { phase, works };
  }
  return { phase: 'finish', works: [{ kind: 'finish' }] };
}
