/**
 * Restart with reset scopes and start/stop, on each database: each scope resets its own part
 * (escrows and their counts, quarantine, a TooManyDeletes hold with the held deletes forced
 * through, the watermark), `full` also drops every link so the next cycle matches everything
 * again without duplicating anything, unknown scopes are refused in words; stop lets the
 * running cycle finish its page and holds it there, watermark unmoved, and start resumes
 * with an incremental cycle from the watermark.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { FetchLike } from '../../src/client/index.ts';
import { databases } from '../store/databases.ts';
import { createEngineHarness } from './support.ts';

/** Answers 400 to POST /Users of userNames starting with "bad". */
const rejectBad =
  (fetch: FetchLike): FetchLike =>
  async (url, init) => {
    const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
    if (init.method === 'POST' && /^bad/.test(String(body?.userName)))
      return new Response(
        JSON.stringify({
          schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
          status: '400',
          detail: 'userName is not allowed here',
        }),
        { status: 400, headers: { 'content-type': 'application/scim+json' } },
      );
    return fetch(url, init);
  };

for (const database of databases) {
  describe(`restart and start/stop on ${database.name}`, { skip: database.skip }, () => {
    test('each reset scope resets its own part; unknown scopes are refused in words', async (t) => {
      const h = await createEngineHarness({
        open: () => database.open(),
        wrapFetch: rejectBad,
        settings: { deletionThreshold: 1 },
      });
      t.after(() => h.close());
      const jobs = h.provisioning.jobs;
      const users = [];
      for (const name of ['ann', 'bad1', 'cy']) {
        const user = await h.addUser(`${name}@contoso.test`);
        users.push(user);
        await h.assign('user', user.id);
      }
      await jobs.start(h.app.id);
      const initial = await h.run();
      assert.equal(initial.counts.Failure, 1);
      assert.equal(await h.store.provisioning.escrows.count(h.app.id), 1);
      const counted = (await jobs.load(h.app.id)).job.state.escrowCounts;
      assert.deepEqual(counted, { failures: 1, referenceFailures: 0, successes: 2 });

      const escrows = await jobs.restart(h.app.id, ['escrows']);
      assert.deepEqual(escrows.reset, ['escrows']);
      assert.equal(escrows.initialPending, false, 'the watermark is kept');
      assert.equal(await h.store.provisioning.escrows.count(h.app.id), 0);
      assert.deepEqual((await jobs.load(h.app.id)).job.state.escrowCounts, {
        failures: 0,
        referenceFailures: 0,
        successes: 0,
      });

      await h.revokeToken();
      await h.run('failed');
      assert.equal((await h.provisioning.status(h.app.id)).state, 'quarantined');
      const lifted = await jobs.restart(h.app.id, ['quarantine']);
      assert.deepEqual([lifted.quarantine, lifted.initialPending], [null, false]);
      assert.equal((await jobs.load(h.app.id)).job.state.failingCycles, 0);
      await h.renewToken();

      for (const a of await h.directory.assignments.list(h.app.id))
        await h.directory.assignments.unassign(h.app.id, a.id);
      const held = await h.run('held');
      assert.equal(held.counts.StagedDelete, 2);
      const forced = await jobs.restart(h.app.id, ['forceDeletes']);
      assert.deepEqual(
        [forced.reset, forced.hold, forced.initialPending],
        [['forceDeletes'], null, false],
      );
      const through = await h.run();
      assert.equal(through.kind, 'incremental');
      assert.equal(through.counts.Disable, 2, 'the held deletes went through');

      const standard = await jobs.restart(h.app.id);
      assert.deepEqual(standard.reset, ['watermark', 'escrows', 'quarantine']);
      assert.equal(standard.initialPending, true);
      assert.deepEqual((await jobs.restart(h.app.id, [])).reset, standard.reset);

      await assert.rejects(
        jobs.restart(h.app.id, ['watermark', 'bogus']),
        (e: Error & { field?: string }) =>
          e.message ===
            '"bogus" (reset[1]) is not a reset scope: use watermark, escrows, quarantine, forceDeletes or full' &&
          e.field === 'reset',
      );
      await assert.rejects(
        jobs.restart(h.app.id, ['force-deletes']),
        /did you mean forceDeletes\?/,
      );
      await assert.rejects(jobs.restart(h.app.id, 'full'), /reset must be a list of scopes/);
    });

    test('a full restart drops every link and last export; the next cycle matches everything again, duplicating nothing', async (t) => {
      const h = await createEngineHarness({ open: () => database.open() });
      t.after(() => h.close());
      const ann = await h.addUser('ann@contoso.test');
      const bob = await h.addUser('bob@contoso.test');
      const team = await h.directory.groups.add({ displayName: 'Team', securityEnabled: true });
      await h.directory.groups.addMembers(team.id, [ann.id, bob.id]);
      await h.assign('group', team.id);
      const first = await h.run();
      assert.equal(first.counts.Create, 3);
      const before = (await h.targetUsers()).map((u) => u.id).sort();

      const full = await h.provisioning.jobs.restart(h.app.id, ['full']);
      assert.deepEqual(full.reset, ['watermark', 'escrows', 'quarantine', 'forceDeletes', 'full']);
      const status = await h.provisioning.status(h.app.id);
      assert.deepEqual(status.links, { users: 0, groups: 0 });
      assert.equal(status.initialPending, true);

      const again = await h.run();
      assert.equal(again.kind, 'initial');
      assert.equal(again.counts.Create, undefined, 'nothing created');
      assert.deepEqual((await h.targetUsers()).map((u) => u.id).sort(), before);
      assert.equal((await h.targetGroups()).length, 1);
      assert.deepEqual(h.memberIds(await h.groupNamed('Team')), before);
      assert.deepEqual((await h.provisioning.status(h.app.id)).links, { users: 2, groups: 1 });
    });

    test('stop: the running cycle finishes its page and holds, watermark unmoved; start resumes from the watermark (incremental)', async (t) => {
      const h = await createEngineHarness({
        open: () => database.open(),
        pageSize: 2,
        settings: { scope: 'all' },
      });
      t.after(() => h.close());
      const users = [];
      for (let i = 0; i < 12; i++) users.push(await h.addUser(`u${i}@contoso.test`));
      await h.provisioning.jobs.start(h.app.id);
      const initial = await h.run();
      for (const user of users) await h.directory.users.update(user.id, { jobTitle: 'Lead' });

      let asked = false;
      const off = h.provisioning.events.on('cycle:progress', ({ done }) => {
        if (done > 0 && !asked) {
          asked = true;
          void h.provisioning.jobs.stop(h.app.id);
        }
      });
      const stopped = await h.provisioning.runCycle(h.app.id);
      off();
      assert.equal(stopped.status, 'stopped');
      assert.equal(stopped.kind, 'incremental');
      const done = (await h.logsOf(stopped)).map((e) => `${e.action}/${e.status}`);
      assert.ok(done.length > 0 && done.length < 12, `stopped early (${done.length} done)`);
      assert.equal(done.length % 2, 0, 'whole pages only');
      assert.ok(done.every((d) => d === 'Update/Success'));
      const row = await h.store.provisioning.cycles.get(stopped.cycleId);
      assert.equal(row?.watermarkTo, null);
      const held = await h.provisioning.status(h.app.id);
      assert.deepEqual(
        [held.state, held.enabled, held.watermark],
        ['off', false, initial.watermark],
      );

      const started = await h.provisioning.jobs.start(h.app.id);
      assert.equal(started.initialPending, false);
      const resumed = await h.run();
      assert.equal(resumed.kind, 'incremental');
      const entries = await h.logsOf(resumed);
      assert.equal(entries.filter((e) => e.action === 'Update').length, 12 - done.length);
      assert.equal(
        entries.filter((e) => e.errorCode === 'RedundantExport').length,
        done.length,
        'the objects done before the stop cost no request',
      );
      const target = await h.targetUsers();
      assert.equal(target.length, 12);
      assert.ok(target.every((u) => u.title === 'Lead'));
      assert.ok((await h.provisioning.status(h.app.id)).watermark > initial.watermark);
    });
  });
}
