/**
 * The cycle work store (migration 004) on each database: a plan with its pages, a page taken
 * for a lease, taken again only once the lease ran out, committed only by its owner (with its
 * links and log entries in the same transaction), first-come claims, the journal of creates,
 * held deprovisions, phase moves made once, and everything dropped with the plan.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CyclePageRecord, PageWrites, Store } from '../../src/store/store.ts';
import { databases } from './databases.ts';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();

const page = (seq: number, phase: CyclePageRecord['phase'] = 'sync'): CyclePageRecord => ({
  cycleId: 'c1',
  phase,
  seq,
  appId: 'app1',
  work: { type: 'user', ids: [`u${seq}`] },
  status: 'pending',
  attempts: 0,
  owner: null,
  leaseUntil: null,
  done: 0,
  counts: {},
  result: null,
  error: null,
  updated: at(0),
});

const noWrites = (): PageWrites => ({
  linkPuts: [],
  linkDeletes: [],
  seen: [],
  logs: [],
  escrowPuts: [],
  escrowDeletes: [],
  deprovisions: [],
  claimsDone: [],
  done: 0,
  counts: {},
});

async function withPlan(store: Store) {
  await store.provisioning.work.createPlan(
    {
      cycleId: 'c1',
      appId: 'app1',
      phase: 'sync',
      plan: { kind: 'initial' },
      outcome: {},
      created: at(0),
      updated: at(0),
    },
    [page(0), page(1)],
  );
}

for (const database of databases) {
  describe(`cycle work store on ${database.name}`, { skip: database.skip }, () => {
    test('a page is taken once per lease and committed only by its owner', async (t) => {
      const store = await database.open();
      t.after(() => store.close());
      const work = store.provisioning.work;
      await withPlan(store);
      const key = { cycleId: 'c1', phase: 'sync' as const, seq: 0 };
      const first = await work.claimPage(key, 'w1', at(30), at(1));
      assert.equal(first?.attempts, 1);
      assert.deepEqual(first?.work, { type: 'user', ids: ['u0'] });
      assert.equal(await work.claimPage(key, 'w2', at(40), at(10)), undefined, 'lease still held');
      assert.deepEqual(await work.requeueExpired('c1', at(20)), [], 'not expired yet');
      assert.deepEqual(await work.requeueExpired('c1', at(31)), [key], 'w1 died');
      const second = await work.claimPage(key, 'w2', at(60), at(31));
      assert.equal(second?.attempts, 2);
      assert.equal(await work.renewPage(key, 'w1', at(90)), false);
      const link = {
        appId: 'app1',
        objectType: 'user' as const,
        sourceId: 'u0',
        targetId: 't0',
        identity: 'u0@x.test',
        state: 'active' as const,
        exported: null,
        pending: null,
        seenCycle: 'c1',
        created: at(1),
        updated: at(1),
      };
      const writes = { ...noWrites(), linkPuts: [link], done: 1, counts: { Create: 1 } };
      assert.equal(await work.commitPage(key, 'w1', { status: 'done', writes }), false);
      assert.equal((await store.provisioning.links.get('app1', 'user', ['u0'])).length, 0);
      assert.equal(await work.commitPage(key, 'w2', { status: 'done', writes }), true);
      assert.equal((await store.provisioning.links.get('app1', 'user', ['u0']))[0]?.targetId, 't0');
      const summary = (await work.pages('c1', 'sync')).find((p) => p.seq === 0)!;
      assert.deepEqual([summary.status, summary.done, summary.counts], ['done', 1, { Create: 1 }]);
      assert.equal(await work.claimPage(key, 'w3', at(99), at(99)), undefined, 'done stays done');
    });

    test('partial commits add up; claims are first come; the journal and deprovisions keep', async (t) => {
      const store = await database.open();
      t.after(() => store.close());
      const work = store.provisioning.work;
      await withPlan(store);
      const key = { cycleId: 'c1', phase: 'sync' as const, seq: 1 };
      await work.claimPage(key, 'w1', at(30), at(1));
      const a = await work.claim('app1', 'c1', 'c1:sync:1', ['m1', 'u1']);
      const b = await work.claim('app1', 'c1', 'c1:sync:0', ['m1', 'u0']);
      assert.equal(a.get('m1')?.page, 'c1:sync:1');
      assert.equal(b.get('m1')?.page, 'c1:sync:1', 'the first page keeps m1');
      assert.equal(b.get('u0')?.page, 'c1:sync:0');
      const ahead = { ...noWrites(), claimsDone: ['m1'], done: 1, counts: { Create: 1 } };
      assert.ok(await work.commitPage(key, 'w1', { status: 'running', writes: ahead }));
      const rest = {
        ...noWrites(),
        claimsDone: ['u1'],
        done: 1,
        counts: { Create: 1, Update: 1 },
        deprovisions: [{ objectType: 'user' as const, sourceId: 'gone', item: { kind: 'delete' } }],
      };
      assert.ok(await work.commitPage(key, 'w1', { status: 'done', writes: rest }));
      const summary = (await work.pages('c1')).find((p) => p.seq === 1)!;
      assert.deepEqual([summary.done, summary.counts], [2, { Create: 2, Update: 1 }]);
      assert.equal((await work.claims('c1', ['m1'])).get('m1')?.done, true);
      assert.deepEqual(await work.deprovisions('c1'), [{ kind: 'delete' }]);
      await work.creating('app1', 'c1', 'user', ['u5', 'u6']);
      await work.created('app1', 'c1', 'user', [{ sourceId: 'u5', targetId: 't5' }]);
      assert.deepEqual([...(await work.creates('c1', 'user', ['u5', 'u6', 'u7']))].sort(), [
        ['u5', 't5'],
        ['u6', null],
      ]);
      assert.equal(await work.advance('c1', 'sync', 'reference', [page(0, 'reference')]), true);
      assert.equal(await work.advance('c1', 'sync', 'reference', [page(0, 'reference')]), false);
      assert.equal((await work.getPlan('c1'))?.phase, 'reference');
      await work.setOutcome('c1', { failure: 'x' });
      await work.setOutcome('c1', { stopped: 'y' });
      assert.deepEqual((await work.getPlan('c1'))?.outcome, { failure: 'x', stopped: 'y' });
      assert.equal(await work.cancelPending('c1', 'reference'), 1);
      assert.equal((await work.openPlans('app1')).length, 1);
      await work.clear('c1');
      assert.equal(await work.getPlan('c1'), undefined);
      assert.deepEqual(await work.pages('c1'), []);
      assert.equal((await work.claims('c1', ['m1'])).size, 0);
    });
  });
}
