/**
 * The journal of a cycle's creates on workers: before a create is sent, the object is noted
 * (a page's creates are noted together, in one write); when the target answers, its id. A page
 * that runs again after its worker died finds, by matching, the objects the first run created
 * but could not record — the journal tells it that this cycle created them, so the log shows
 * them as created (once), not as matched.
 *
 * Example:
 *   const journal = createCreateJournal(store.provisioning.work, appId, cycleId, log);
 *   context.journal = journal;   // createObject calls creating() and created()
 *   relabelCreates(entries, counts, await priorCreates(work, cycleId, 'user', ids));
 */
import type {
  CycleWorkStore,
  ProvisioningLogEntry,
  ProvisioningObjectType,
} from '../../store/store.ts';
import type { CreateJournal, EngineLog } from '../cycle/cycle-context.ts';

interface Pending {
  type: ProvisioningObjectType;
  sourceId: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export function createCreateJournal(
  work: Pick<CycleWorkStore, 'creating' | 'created'>,
  appId: string,
  cycleId: string,
  log: EngineLog,
): CreateJournal {
  let queue: Pending[] = [];
  let answered: { type: ProvisioningObjectType; sourceId: string; targetId: string }[] = [];
  let scheduled = false;

  async function write(batch: Pending[]): Promise<void> {
    try {
      for (const type of ['user', 'group'] as const) {
        const ids = batch.filter((p) => p.type === type).map((p) => p.sourceId);
        if (ids.length > 0) await work.creating(appId, cycleId, type, ids);
      }
      for (const p of batch) p.resolve();
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }

  async function writeAnswers(): Promise<void> {
    const batch = answered;
    answered = [];
    for (const type of ['user', 'group'] as const) {
      const done = batch.filter((a) => a.type === type);
      if (done.length > 0) await work.created(appId, cycleId, type, done);
    }
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    // The creates of a page start in the same turn of the event loop: one write for them all.
    setImmediate(() => {
      scheduled = false;
      const batch = queue;
      queue = [];
      if (batch.length > 0) void write(batch);
      if (answered.length > 0)
        writeAnswers().catch((err: unknown) =>
          log.warn(
            { err, cycleId },
            'noting created target ids failed (only a page run again needs them)',
          ),
        );
    });
  }

  return {
    creating(type, sourceId) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ type, sourceId, resolve, reject });
        schedule();
      });
    },
    created(type, sourceId, targetId) {
      answered.push({ type, sourceId, targetId });
      schedule();
    },
  };
}

/** What earlier runs of this cycle noted about these objects: source id → target id (null: unknown). */
export function priorCreates(
  work: Pick<CycleWorkStore, 'creates'>,
  cycleId: string,
  type: ProvisioningObjectType,
  sourceIds: readonly string[],
): Promise<Map<string, string | null>> {
  return work.creates(cycleId, type, sourceIds);
}

const relinked = (e: ProvisioningLogEntry) =>
  e.targetId !== null &&
  ((e.action === 'Update' && e.status === 'Success') ||
    (e.action === 'Other' && e.status === 'Skipped' && e.errorCode === 'RedundantExport'));

/**
 * Entries of objects an earlier run of this cycle created (the journal says so, and they were
 * matched to that target object) become Create/Success, with the counts moved along.
 */
export function relabelCreates(
  entries: ProvisioningLogEntry[],
  counts: Record<string, number>,
  prior: ReadonlyMap<string, string | null>,
): number {
  let relabelled = 0;
  for (const [i, entry] of entries.entries()) {
    if (!prior.has(entry.sourceId) || !relinked(entry)) continue;
    const target = prior.get(entry.sourceId);
    if (target !== null && target !== entry.targetId) continue;
    for (const name of [entry.action, entry.status]) counts[name] = (counts[name] ?? 0) - 1;
    for (const name of ['Create', 'Success']) counts[name] = (counts[name] ?? 0) + 1;
    entries[i] = {
      ...entry,
      action: 'Create',
      status: 'Success',
      errorCode: null,
      reason:
        'created on the target by an earlier run of this page, whose worker stopped before recording it; matched and linked now',
      steps: [
        ...entry.steps,
        {
          name: 'action',
          status: 'Success',
          description: `Created ${entry.targetId} on the target (recorded by the page's next run)`,
        },
      ],
    };
    relabelled++;
  }
  for (const name of Object.keys(counts)) if (counts[name] === 0) delete counts[name];
  return relabelled;
}
