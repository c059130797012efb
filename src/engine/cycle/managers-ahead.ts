/**
 * Managers first (initial cycles): the unlinked managers of a page's users are provisioned
 * before the page — and their managers before them — so that 100,000 users are created with
 * their manager rather than patched again by the reference pass. Each user is taken by one
 * page only (`context.claims`); a page whose managers another run is provisioning right now
 * waits for them, unless that run waits for it in turn (a deep management chain across the
 * batches): waits form no cycle, and such a report gets its manager in the reference pass.
 *
 * Example: await provisionManagersAhead(context, items, pageToken)
 */
import type { DirectoryUserRecord } from '../../store/store.ts';
import type { CycleContext } from './cycle-context.ts';
import type { SyncItem } from './object-state.ts';
import { syncObjects } from './sync-objects.ts';

/** A batch of managers being provisioned ahead, and the runs it waits for (its own included). */
export interface AheadRun {
  done: Promise<void>;
  waitsFor: Set<symbol>;
}

/** Whether run `from` waits for `to`, directly or through other runs. */
function reaches(runs: ReadonlyMap<symbol, AheadRun>, from: symbol, to: symbol): boolean {
  const seen = new Set<symbol>();
  const stack = [from];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (at === to) return true;
    if (seen.has(at)) continue;
    seen.add(at);
    for (const next of runs.get(at)?.waitsFor ?? []) stack.push(next);
  }
  return false;
}

/**
 * Initial cycles: the managers of the page's users that no page has taken yet are provisioned
 * first (and their managers before them), so that the users are created with their manager
 * instead of being patched again in the reference pass. Their own page then skips them.
 */
export async function provisionManagersAhead(
  context: CycleContext,
  items: readonly SyncItem[],
  pageToken: symbol,
): Promise<void> {
  const { candidates, claims } = context;
  if (candidates === undefined) return;
  const token = Symbol('ahead');
  const runs = context.aheadRuns;
  const managers: string[] = [];
  const elsewhere = new Set<Promise<void>>();
  for (const item of items) {
    const manager = (item.record as DirectoryUserRecord | undefined)?.data.manager;
    if (!manager) continue;
    const owner = claims.get(manager);
    if (owner !== undefined && owner !== pageToken) {
      // Taken ahead by another run just now: wait for it rather than patch the manager later —
      // unless that run waits, directly or through others, for this one: neither would end.
      const running = runs.get(owner);
      if (running && !reaches(runs, owner, pageToken)) {
        elsewhere.add(running.done);
        runs.get(pageToken)?.waitsFor.add(owner);
      }
      continue;
    }
    // Free, or in this very page (it moves ahead of the page): take it.
    if (candidates !== 'all' && !candidates.has(manager)) continue;
    claims.set(manager, token);
    managers.push(manager);
  }
  if (managers.length > 0) {
    runs.get(pageToken)?.waitsFor.add(token);
    const run = (async () => {
      const records = await context.store.directory.users.getMany(managers);
      await syncObjects(
        context,
        'user',
        records.map((record) => ({ sourceId: record.id, record, changeId: null, assigned: true })),
        token,
      );
    })();
    runs.set(token, { done: run.catch(() => {}), waitsFor: new Set() });
    try {
      await run;
    } finally {
      runs.delete(token);
    }
  }
  await Promise.all(elsewhere);
}
