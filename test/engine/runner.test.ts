/**
 * The in-process runner: an enabled job's cycles start on their own at the job's interval (1 s
 * here), one at a time per app; stopping the job stops them; a lease held by another process
 * keeps this one off the app; trigger runs one now.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CycleReport } from '../../src/engine/index.ts';
import { createEngineHarness } from './support.ts';

function nextCycle(h: Awaited<ReturnType<typeof createEngineHarness>>): Promise<CycleReport> {
  return new Promise((resolve) => {
    const off = h.provisioning.events.on('cycle:finished', ({ report }) => {
      off();
      resolve(report);
    });
  });
}

test('runner: cycles run on the interval once the job is on, and stop when it is off', async (t) => {
  const h = await createEngineHarness({ settings: { intervalSeconds: 1 } });
  t.after(() => h.close());
  const ann = await h.addUser('ann@contoso.test');
  await h.assign('user', ann.id);
  const runner = h.provisioning.createRunner({ pollMs: 100 });
  t.after(() => runner.stop());
  runner.start();
  await h.provisioning.jobs.start(h.app.id);
  const first = await nextCycle(h);
  assert.deepEqual([first.kind, first.status, first.counts.Create], ['initial', 'succeeded', 1]);
  const second = await nextCycle(h);
  assert.equal(second.kind, 'incremental');
  assert.ok(
    Date.parse(second.started) - Date.parse(first.finished) >= 900,
    'waited for the interval',
  );
  await h.provisioning.jobs.stop(h.app.id);
  const status = await h.provisioning.status(h.app.id);
  assert.equal(status.state, 'off');
  assert.equal(status.statistics.cycles, 2);
  assert.equal(status.nextRunAt, null);

  const triggered = await runner.trigger(h.app.id);
  assert.equal(triggered.status, 'succeeded');
  assert.deepEqual(runner.running(), []);
});

test('one cycle per app: a lease held elsewhere refuses a second cycle', async (t) => {
  const h = await createEngineHarness();
  t.after(() => h.close());
  const now = new Date();
  assert.ok(
    await h.store.provisioning.jobs.claim(
      h.app.id,
      'other-host:1',
      new Date(now.getTime() + 60_000).toISOString(),
      now.toISOString(),
    ),
  );
  await assert.rejects(h.provisioning.runCycle(h.app.id), /running already \(by other-host:1\)/);
  const dry = await h.provisioning.runCycle(h.app.id, { dryRun: true });
  assert.equal(dry.status, 'succeeded', 'a dry run needs no lease');
  await h.store.provisioning.jobs.release(h.app.id, 'other-host:1');
  assert.equal((await h.provisioning.runCycle(h.app.id)).status, 'succeeded');
});

test('stop: a running cycle ends after its page, as stopped, and the next cycle starts over', async (t) => {
  const h = await createEngineHarness({ pageSize: 2, settings: { scope: 'all' } });
  t.after(() => h.close());
  for (let i = 0; i < 6; i++) await h.addUser(`u${i}@contoso.test`);
  const controller = new AbortController();
  const off = h.provisioning.events.on('cycle:progress', ({ done }) => {
    if (done > 0) controller.abort();
  });
  const report = await h.provisioning.runCycle(h.app.id, { signal: controller.signal });
  off();
  assert.equal(report.status, 'stopped');
  assert.ok(report.done < 6, `stopped early (${report.done} done)`);
  const status = await h.provisioning.status(h.app.id);
  assert.equal(status.initialPending, true, 'the initial cycle is still to be completed');
  const again = await h.run();
  assert.equal(again.kind, 'initial');
  assert.equal((await h.targetUsers()).length, 6, 'nothing duplicated');
});

test('two cycles of one app in one process: the second is refused while the first runs', async (t) => {
  const h = await createEngineHarness({ pageSize: 2, settings: { scope: 'all' } });
  t.after(() => h.close());
  for (let i = 0; i < 4; i++) await h.addUser(`u${i}@contoso.test`);
  const first = h.provisioning.runCycle(h.app.id);
  await new Promise<void>((resolve) => {
    const off = h.provisioning.events.on('cycle:started', () => {
      off();
      resolve();
    });
  });
  await assert.rejects(h.provisioning.runCycle(h.app.id), /running already/);
  assert.equal((await first).status, 'succeeded');
});

test('stopping the job stops a cycle started by anyone (here: a direct run) after its page', async (t) => {
  const h = await createEngineHarness({ pageSize: 2, settings: { scope: 'all' } });
  t.after(() => h.close());
  for (let i = 0; i < 6; i++) await h.addUser(`u${i}@contoso.test`);
  await h.provisioning.jobs.start(h.app.id);
  const off = h.provisioning.events.on('cycle:progress', ({ done }) => {
    if (done > 0) void h.provisioning.jobs.stop(h.app.id);
  });
  const report = await h.provisioning.runCycle(h.app.id);
  off();
  assert.equal(report.status, 'stopped');
  assert.equal((await h.provisioning.status(h.app.id)).state, 'off');
});
