/**
 * The provisioning store conformance suite (Store.provisioning): jobs with version checks,
 * schedule and leases; links (upsert, seen, pending, paging); cycles; log entries with their
 * filters and paging; escrows — run unchanged against each database in ./databases.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  isStoreError,
  type ProvisioningLink,
  type ProvisioningLogEntry,
  type Store,
} from '../../src/store/store.ts';
import { databases } from './databases.ts';

const link = (
  appId: string,
  sourceId: string,
  extra: Partial<ProvisioningLink> = {},
): ProvisioningLink => ({
  appId,
  objectType: 'user',
  sourceId,
  targetId: `t-${sourceId}`,
  identity: `${sourceId}@contoso.test`,
  state: 'active',
  exported: { userName: `${sourceId}@contoso.test` },
  pending: null,
  seenCycle: null,
  created: '2026-01-01T00:00:00.000Z',
  updated: '2026-01-01T00:00:00.000Z',
  ...extra,
});

const entry = (
  appId: string,
  i: number,
  extra: Partial<ProvisioningLogEntry> = {},
): ProvisioningLogEntry => ({
  appId,
  cycleId: 'c1',
  changeId: i,
  at: `2026-01-01T00:00:${String(i).padStart(2, '0')}.000Z`,
  objectType: 'user',
  sourceId: `s${i}`,
  sourceIdentity: `User${i}@Contoso.test`,
  targetId: `t${i}`,
  action: i % 2 ? 'Create' : 'Update',
  status: i % 3 ? 'Success' : 'Failure',
  errorCode: i % 3 ? null : 'TargetRejected',
  reason: null,
  recommendedAction: null,
  steps: [{ name: 'import', status: 'Success', description: 'Received' }],
  modifiedProperties: [{ name: 'title', old: null, new: `T${i}` }],
  durationMs: 3,
  ...extra,
});

for (const database of databases) {
  describe(`provisioning store conformance (${database.name})`, { skip: database.skip }, () => {
    let store: Store;
    before(async () => {
      store = await database.open();
    });
    after(() => store.close());
    const p = () => store.provisioning;

    test('jobs: create once, update with a version check, due, leases, delete with everything', async () => {
      const job = await p().jobs.create({
        appId: 'app-1',
        settings: { a: 1 },
        mappings: { objectMappings: [] },
        state: {},
      });
      assert.deepEqual(
        [job.enabled, job.configVersion, job.initialVersion, job.watermark, job.version],
        [false, 1, 0, 0, 1],
      );
      await assert.rejects(
        p().jobs.create({ appId: 'app-1', settings: {}, mappings: {}, state: {} }),
        (e) => isStoreError(e, 'conflict'),
      );
      const updated = await p().jobs.update(
        'app-1',
        { enabled: true, nextRunAt: '2026-01-01T00:00:00.000Z', watermark: 42 },
        1,
      );
      assert.deepEqual([updated.enabled, updated.watermark, updated.version], [true, 42, 2]);
      await assert.rejects(p().jobs.update('app-1', { watermark: 1 }, 1), (e) =>
        isStoreError(e, 'conflict'),
      );
      await assert.rejects(p().jobs.update('nope', { watermark: 1 }), (e) =>
        isStoreError(e, 'notFound'),
      );
      assert.deepEqual((await p().jobs.get('app-1'))?.settings, { a: 1 });

      assert.equal(await p().jobs.nextDue(), '2026-01-01T00:00:00.000Z');
      assert.deepEqual(
        (await p().jobs.due('2026-01-01T00:00:01.000Z', 10)).map((j) => j.appId),
        ['app-1'],
      );
      assert.deepEqual(await p().jobs.due('2025-12-31T00:00:00.000Z', 10), []);
      assert.equal(
        await p().jobs.claim('app-1', 'a', '2026-01-01T00:05:00.000Z', '2026-01-01T00:00:01.000Z'),
        true,
      );
      assert.equal(
        await p().jobs.claim('app-1', 'b', '2026-01-01T00:05:00.000Z', '2026-01-01T00:00:02.000Z'),
        false,
      );
      assert.equal(
        await p().jobs.claim('app-1', 'a', '2026-01-01T00:06:00.000Z', '2026-01-01T00:00:02.000Z'),
        true,
        'renewed',
      );
      assert.deepEqual(
        await p().jobs.due('2026-01-01T00:00:03.000Z', 10),
        [],
        'leased jobs are not due',
      );
      assert.equal(
        await p().jobs.claim('app-1', 'b', '2026-01-01T00:20:00.000Z', '2026-01-01T00:10:00.000Z'),
        true,
        'expired',
      );
      await p().jobs.release('app-1', 'a');
      assert.equal((await p().jobs.get('app-1'))?.leaseOwner, 'b', 'only the owner releases');
      await p().jobs.release('app-1', 'b');
      assert.equal((await p().jobs.get('app-1'))?.leaseOwner, null);
      assert.equal((await p().jobs.get('app-1'))?.version, 2, 'leases do not bump the version');

      await p().links.put([link('app-1', 'x')]);
      await p().logs.append([entry('app-1', 1)]);
      assert.equal(await p().jobs.delete('app-1'), true);
      assert.equal(await p().links.count('app-1'), 0);
      assert.equal((await p().logs.query({ appId: 'app-1', limit: 10 })).entries.length, 0);
      assert.equal(await p().jobs.delete('app-1'), false);
    });

    test('links: upsert, get, seen and unseen, pending, paging, count, clear', async () => {
      await p().links.put([
        link('app-2', 'a'),
        link('app-2', 'b'),
        link('app-2', 'c', { pending: { ids: ['m'] } }),
      ]);
      await p().links.put([
        link('app-2', 'a', { targetId: 't-new', state: 'disabled', exported: { userName: 'new' } }),
      ]);
      const got = await p().links.get('app-2', 'user', ['a', 'c', 'zz']);
      const a = got.find((l) => l.sourceId === 'a')!;
      assert.deepEqual(
        [a.targetId, a.state, a.exported],
        ['t-new', 'disabled', { userName: 'new' }],
      );
      assert.deepEqual(got.find((l) => l.sourceId === 'c')?.pending, { ids: ['m'] });
      assert.equal(await p().links.count('app-2'), 3);
      assert.equal(await p().links.count('app-2', 'group'), 0);

      await p().links.markSeen('app-2', 'user', ['a', 'b'], 'cycle-1');
      assert.deepEqual(
        (await p().links.unseen('app-2', 'user', 'cycle-1', undefined, 10)).map((l) => l.sourceId),
        ['c'],
      );
      const first = await p().links.unseen('app-2', 'user', 'cycle-2', undefined, 2);
      assert.deepEqual(
        first.map((l) => l.sourceId),
        ['a', 'b'],
      );
      assert.deepEqual(
        (await p().links.unseen('app-2', 'user', 'cycle-2', 'b', 2)).map((l) => l.sourceId),
        ['c'],
      );
      assert.deepEqual(
        (await p().links.pending('app-2', 'user', undefined, 10)).map((l) => l.sourceId),
        ['c'],
      );
      await p().links.put([link('app-2', 'c', { pending: null })]);
      assert.deepEqual(await p().links.pending('app-2', 'user', undefined, 10), []);
      await p().links.delete('app-2', 'user', ['b']);
      assert.equal(await p().links.count('app-2'), 2);
      assert.equal(await p().links.clear('app-2'), 2);
    });

    test('cycles: create, progress, list newest first, latest real one', async () => {
      const base = {
        appId: 'app-3',
        kind: 'initial' as const,
        status: 'running' as const,
        finished: null,
        done: 0,
        total: 10,
        counts: {},
        error: null,
        watermarkFrom: 0,
        watermarkTo: null,
      };
      await p().cycles.create({
        ...base,
        id: 'c-1',
        dryRun: false,
        started: '2026-01-01T00:00:00.000Z',
      });
      await p().cycles.create({
        ...base,
        id: 'c-2',
        dryRun: true,
        started: '2026-01-01T00:01:00.000Z',
      });
      await p().cycles.update('c-1', {
        done: 10,
        counts: { Create: 10 },
        status: 'succeeded',
        finished: '2026-01-01T00:00:05.000Z',
        watermarkTo: 99,
      });
      const c1 = await p().cycles.get('c-1');
      assert.deepEqual(
        [c1?.done, c1?.counts, c1?.status, c1?.watermarkTo],
        [10, { Create: 10 }, 'succeeded', 99],
      );
      assert.deepEqual(
        (await p().cycles.list('app-3', 10)).map((c) => c.id),
        ['c-2', 'c-1'],
      );
      assert.equal((await p().cycles.latest('app-3'))?.id, 'c-1', 'dry runs are left out');
      assert.equal((await p().cycles.latest('app-3', { finished: true }))?.id, 'c-1');
    });

    test('logs: append, newest first, filters (status, action, identity any case, time, cycle), paging, retention', async () => {
      await p().logs.append(Array.from({ length: 12 }, (_, i) => entry('app-4', i + 1)));
      await p().logs.append([entry('app-4', 13, { cycleId: 'c2' })]);
      const all = await p().logs.query({ appId: 'app-4', limit: 5 });
      assert.deepEqual(
        all.entries.map((e) => e.sourceId),
        ['s13', 's12', 's11', 's10', 's9'],
      );
      assert.ok(all.next !== undefined);
      const next = await p().logs.query({ appId: 'app-4', limit: 5, before: all.next });
      assert.deepEqual(
        next.entries.map((e) => e.sourceId),
        ['s8', 's7', 's6', 's5', 's4'],
      );
      assert.deepEqual(all.entries[0]?.modifiedProperties, [
        { name: 'title', old: null, new: 'T13' },
      ]);
      assert.equal(
        (await p().logs.query({ appId: 'app-4', status: 'Failure', limit: 100 })).entries.length,
        4,
      );
      assert.equal(
        (await p().logs.query({ appId: 'app-4', action: 'Create', limit: 100 })).entries.length,
        7,
      );
      assert.deepEqual(
        (await p().logs.query({ appId: 'app-4', identity: 'USER1', limit: 100 })).entries.map(
          (e) => e.sourceId,
        ),
        ['s13', 's12', 's11', 's10', 's1'],
      );
      assert.deepEqual(
        (await p().logs.query({ appId: 'app-4', identity: 't7', limit: 100 })).entries.map(
          (e) => e.sourceId,
        ),
        ['s7'],
        'by target id',
      );
      assert.deepEqual(
        (
          await p().logs.query({
            appId: 'app-4',
            since: '2026-01-01T00:00:03.000Z',
            until: '2026-01-01T00:00:05.000Z',
            limit: 100,
          })
        ).entries.map((e) => e.sourceId),
        ['s4', 's3'],
      );
      assert.equal(
        (await p().logs.query({ appId: 'app-4', cycleId: 'c2', limit: 100 })).entries.length,
        1,
      );
      assert.equal(await p().logs.deleteBefore('app-4', '2026-01-01T00:00:03.000Z'), 2);
    });

    test('escrows: upsert, due by retry time, list, count, delete, clear', async () => {
      const escrow = (sourceId: string, retryAt: string, attempts = 1) => ({
        appId: 'app-5',
        objectType: 'user' as const,
        sourceId,
        attempts,
        kind: 'transient',
        errorCode: 'TargetUnavailable',
        reason: '503',
        firstFailed: '2026-01-01T00:00:00.000Z',
        lastFailed: '2026-01-01T00:00:00.000Z',
        retryAt,
      });
      await p().escrows.put([
        escrow('a', '2026-01-01T00:05:00.000Z'),
        escrow('b', '2026-01-01T01:00:00.000Z'),
      ]);
      await p().escrows.put([escrow('a', '2026-01-01T00:10:00.000Z', 2)]);
      assert.deepEqual(
        (await p().escrows.due('app-5', '2026-01-01T00:30:00.000Z', 10)).map((e) => [
          e.sourceId,
          e.attempts,
        ]),
        [['a', 2]],
      );
      assert.equal(
        (await p().escrows.get('app-5', 'user', ['b']))[0]?.retryAt,
        '2026-01-01T01:00:00.000Z',
      );
      assert.equal(await p().escrows.count('app-5'), 2);
      assert.deepEqual(
        (await p().escrows.list('app-5', 10)).map((e) => e.sourceId),
        ['a', 'b'],
      );
      await p().escrows.delete('app-5', 'user', ['a']);
      assert.equal(await p().escrows.clear('app-5'), 1);
    });
  });
}
