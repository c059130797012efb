/**
 * One page of users or groups on a worker, through the cycle's own syncObjects. Initial cycles
 * take claims first (first come, in the store), so that across workers no user is provisioned
 * twice: the page's unclaimed managers (and theirs) are provisioned ahead and committed at once,
 * then the page waits, a bounded while, for the managers other pages took, so its users are
 * created with their manager; what is still missing then is set by the reference pass.
 *
 * Example: const writes = await runObjectsPage(run, { kind: 'objects', type: 'user', ids, assigned: true, claims: true });
 */
import type { DirectoryGroupRecord, DirectoryUserRecord } from '../../store/store.ts';
import type { SyncItem } from '../cycle/object-state.ts';
import { syncObjects } from '../cycle/sync-objects.ts';
import { priorCreates } from './create-journal.ts';
import { collectWrites } from './page-context.ts';
import type { PageRun } from './page-run.ts';
import { type PageWork, pageName } from './page-work.ts';

type ObjectsWork = Extract<PageWork, { kind: 'objects' }>;
type AnyRecord = DirectoryUserRecord | DirectoryGroupRecord;

const managerOf = (r: AnyRecord | undefined) =>
  (r as DirectoryUserRecord | undefined)?.data.manager || undefined;

export async function runObjectsPage(run: PageRun, work: ObjectsWork) {
  const { deps, parts, key } = run;
  const { store } = deps;
  const { type, ids } = work;
  const records = (
    type === 'user'
      ? await store.directory.users.getMany(ids)
      : await store.directory.groups.getMany(ids)
  ) as AnyRecord[];
  const byId = new Map(records.map((r) => [r.id, r]));
  const live = records.filter((r) => r.deleted === null);
  // Initial pages list the objects in scope; one deleted since is simply done (as in-process).
  const items: SyncItem[] = work.assigned
    ? live.map((record) => ({ sourceId: record.id, record, changeId: null, assigned: true }))
    : ids.map((id, i) => {
        const retry = work.retries?.[i];
        return {
          sourceId: id,
          record: byId.get(id),
          changeId: work.changes?.[i] ?? null,
          ...(retry && { retry }),
        };
      });
  const dropped = work.assigned ? ids.length - live.length : 0;

  if (!(work.claims && type === 'user' && parts.plan.kind === 'initial')) {
    const page = await run.openPage();
    page.prior = await priorCreates(store.provisioning.work, key.cycleId, type, ids);
    page.context.recorder.done(dropped);
    await syncObjects(page.context, type, items);
    return collectWrites(page);
  }

  // Initial users: the managers above the page's users that are not in the page, level by level.
  const name = pageName(key);
  const known = new Map<string, AnyRecord>(live.map((r) => [r.id, r]));
  const outside = new Set<string>();
  let frontier = [...new Set(live.map(managerOf).filter((m): m is string => !!m && !known.has(m)))];
  for (let depth = 0; depth < 8 && frontier.length > 0; depth++) {
    const found = await store.directory.users.getMany(frontier);
    for (const r of found) {
      known.set(r.id, r);
      outside.add(r.id);
    }
    frontier = [...new Set(found.map(managerOf).filter((m): m is string => !!m && !known.has(m)))];
  }
  const cycleWork = store.provisioning.work;
  const held = await cycleWork.claims(key.cycleId, [...outside]);
  const free: string[] = [];
  for (const id of outside) {
    const record = known.get(id)!;
    if (held.has(id) || record.deleted !== null) continue;
    if (parts.scope.all || (await parts.scope.isUserAssigned(id))) free.push(id);
  }
  const claims = await cycleWork.claim(parts.app.id, key.cycleId, name, [
    ...live.map((r) => r.id),
    ...free,
  ]);
  for (const [id, claim] of held) claims.set(id, claim);
  const isMine = (id: string) => claims.get(id)?.page === name;
  const settled = new Set(
    [...claims].filter(([, c]) => c.done || c.page !== name).map(([id]) => id),
  );
  const other = Symbol('another page');
  const taken = (map: Map<string, symbol>) =>
    [...map].filter(([, t]) => t !== other).map(([id]) => id);

  // 1. This page's managers (from outside it, and its own) go first, committed at once for the others.
  const pageManagers = new Set(live.map(managerOf).filter((m): m is string => !!m));
  const ahead = [...new Set([...outside, ...[...pageManagers].filter((m) => known.has(m))])].filter(
    (id) => isMine(id) && !settled.has(id),
  );
  if (ahead.length > 0) {
    const page = await run.openPage();
    page.prior = await priorCreates(cycleWork, key.cycleId, 'user', ahead);
    for (const id of settled) page.context.claims.set(id, other);
    page.context.candidates = new Set(
      [...claims.keys()].filter((id) => isMine(id) && !settled.has(id)),
    );
    await syncObjects(
      page.context,
      'user',
      ahead.map((id) => ({ sourceId: id, record: known.get(id), changeId: null, assigned: true })),
    );
    const done = taken(page.context.claims);
    await run.commitPart(await collectWrites(page, done));
    for (const id of done) settled.add(id);
  }

  // 2. Managers other pages took: wait (bounded) until they have committed them.
  let waiting = [
    ...new Set(live.map(managerOf).filter((m): m is string => !!m && claims.has(m) && !isMine(m))),
  ].filter((m) => !claims.get(m)!.done);
  const deadline = Date.now() + run.options.managerWaitMs;
  while (waiting.length > 0 && Date.now() < deadline) {
    await run.sleep(run.options.managerPollMs);
    const now = await cycleWork.claims(key.cycleId, waiting);
    waiting = waiting.filter((m) => !now.get(m)?.done);
  }

  // 3. The page's own users.
  const page = await run.openPage();
  page.prior = await priorCreates(cycleWork, key.cycleId, 'user', ids);
  page.context.recorder.done(dropped);
  for (const id of settled) page.context.claims.set(id, other);
  page.context.candidates = new Set(
    [...claims.keys()].filter((id) => isMine(id) && !settled.has(id)),
  );
  await syncObjects(page.context, 'user', items);
  return collectWrites(page, taken(page.context.claims));
}
