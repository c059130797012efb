/**
 * Managers first (initial cycles): the unlinked managers of a page's users are provisioned
 * before the page — and their managers before them — so that 100,000 users are created with
 * their manager rather than patched again by the reference pass. Each user is taken by one
 * page only (`context.claims`); a page whose managers another page is provisioning right now
 * waits for them.
 *
 * Example: await provisionManagersAhead(context, items, pageToken)
 */
import type { DirectoryUserRecord } from '../../store/store.ts';
import type { CycleContext } from './cycle-context.ts';
import type { SyncItem } from './object-state.ts';
import { syncObjects } from './sync-objects.ts';

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
  const managers: string[] = [];
  const elsewhere = new Set<Promise<void>>();
  for (const item of items) {
    const manager = (item.record as DirectoryUserRecord | undefined)?.data.manager;
    if (!manager) continue;
    const owner = claims.get(manager);
    // Taken ahead by another page just now: wait for it rather than patch the manager later.
    const running = owner === undefined ? undefined : context.aheadRuns.get(owner);
    if (running) elsewhere.add(running);
    // Free, or in this very page (it moves ahead of the page): take it.
    if (owner !== undefined && owner !== pageToken) continue;
    if (candidates !== 'all' && !candidates.has(manager)) continue;
    claims.set(manager, token);
    managers.push(manager);
  }
  if (managers.length > 0) {
    const run = (async () => {
      const records = await context.store.directory.users.getMany(managers);
      await syncObjects(
        context,
        'user',
        records.map((record) => ({ sourceId: record.id, record, changeId: null, assigned: true })),
        token,
      );
    })();
    context.aheadRuns.set(
      token,
      run.catch(() => {}),
    );
    try {
      await run;
    } finally {
      context.aheadRuns.delete(token);
    }
  }
  await Promise.all(elsewhere);
}
