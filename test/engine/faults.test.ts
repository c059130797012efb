/**
 * Provisioning through a flaky target (issue #7): the fake target of fake-target.ts, over
 * loopback HTTP, answers 429 with Retry-After, 500s and 503s, hangs past the client's timeout,
 * resets connections (before and after the request took effect), answers slowly or with
 * malformed JSON, loses a user it created, and answers 409 to a create. For each: the failing
 * objects are logged with the right error code and recommended action and escrowed with a
 * growing back-off; their retries are in the log; once the target behaves, further cycles
 * converge to exactly the expected target state, without duplicates; and the directory is
 * never changed by the target's failure. No timing assertion: the clock the engine sees is
 * moved past back-offs by the test.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { recommendedActions } from '../../src/engine/index.ts';
import type { ProvisioningLogEntry } from '../../src/store/store.ts';
import { createFaultHarness, type FaultHarness } from './fault-support.ts';

const minute = 60_000;

const failures = (entries: ProvisioningLogEntry[]) => entries.filter((e) => e.status === 'Failure');

function assertCode(
  entry: ProvisioningLogEntry | undefined,
  code: keyof typeof recommendedActions,
) {
  assert.ok(entry, `an entry with ${code}`);
  assert.equal(entry.errorCode, code, `${entry.sourceIdentity}: ${entry.reason}`);
  assert.equal(entry.recommendedAction, recommendedActions[code]);
}

async function withHarness(work: (f: FaultHarness) => Promise<void>): Promise<void> {
  const f = await createFaultHarness();
  try {
    await work(f);
  } finally {
    await f.close();
  }
}

/** The target holds exactly what the directory says, and the directory is as it was. */
async function assertConverged(f: FaultHarness, directoryBefore: string) {
  assert.deepEqual(await f.targetState(), await f.expectedState());
  assert.equal(await f.directorySnapshot(), directoryBefore, 'the directory is unchanged');
}

describe('provisioning through a flaky target', { timeout: 120_000 }, () => {
  test('429 with Retry-After: waited for when short, escrowed past it when long', () =>
    withHarness(async (f) => {
      const before = await f.directorySnapshot();
      f.fake.fail({
        method: 'POST',
        path: /^\/Users/,
        fault: { kind: 'status', status: 429, retryAfter: '1' },
      });
      const first = await f.cycle();
      assert.deepEqual(failures(first.entries), [], 'the client waited a second and went on');
      assert.equal(f.fake.faulted('status').length, 1);
      await assertConverged(f, before);

      await f.h.directory.users.update(f.ids.cy, { jobTitle: 'Tester' });
      const changed = await f.directorySnapshot();
      f.fake.fail({ method: 'PATCH', fault: { kind: 'status', status: 429, retryAfter: '120' } });
      const limited = await f.cycle();
      const [cy] = failures(limited.entries);
      assertCode(cy, 'TooManyRequests');
      const [escrow] = await f.h.store.provisioning.escrows.get(f.h.app.id, 'user', [f.ids.cy]);
      assert.ok(
        Date.parse(escrow!.retryAt) - Date.parse(escrow!.lastFailed) >= 120_000,
        'Retry-After is the floor of the back-off',
      );
      const patches = f.fake.requests.filter((r) => r.method === 'PATCH').length;
      await f.cycle();
      assert.equal(
        f.fake.requests.filter((r) => r.method === 'PATCH').length,
        patches,
        'not retried before its time',
      );
      f.advance(6 * minute);
      const retried = await f.cycle();
      const entry = retried.entries.find((e) => e.sourceId === f.ids.cy)!;
      assert.equal(entry.status, 'Success');
      assert.match(
        entry.steps[0]!.description,
        /retry 2: the previous attempt failed with TooManyRequests/,
      );
      await assertConverged(f, changed);
    }));

  test('500s on create: escrowed with a doubling back-off, retried, then converged', () =>
    withHarness(async (f) => {
      const before = await f.directorySnapshot();
      f.fake.fail({
        method: 'POST',
        path: /^\/Users/,
        times: Infinity,
        fault: { kind: 'status', status: 500 },
      });
      const first = await f.cycle();
      const failed = failures(first.entries);
      assert.equal(failed.length, 4, 'every user failed');
      for (const entry of failed) assertCode(entry, 'TargetUnavailable');
      const escrows = await f.h.store.provisioning.escrows.list(f.h.app.id, 100);
      assert.deepEqual(
        escrows.map((e) => [e.attempts, Date.parse(e.retryAt) - Date.parse(e.lastFailed)]),
        escrows.map(() => [1, 5 * minute]),
      );
      f.advance(6 * minute);
      await f.cycle();
      const again = await f.h.store.provisioning.escrows.list(f.h.app.id, 100);
      assert.deepEqual(
        again.map((e) => [e.attempts, Date.parse(e.retryAt) - Date.parse(e.lastFailed)]),
        again.map(() => [2, 10 * minute]),
        'the back-off doubles',
      );
      f.fake.clear();
      f.advance(11 * minute);
      const recovered = await f.cycle();
      const retries = recovered.entries.filter((e) =>
        /retry 3/.test(e.steps[0]?.description ?? ''),
      );
      assert.equal(retries.length, 4, 'each retry is in the log');
      assert.ok(retries.every((e) => e.action === 'Create' && e.status === 'Success'));
      await f.converge();
      await assertConverged(f, before);
      assert.equal(await f.h.store.provisioning.escrows.count(f.h.app.id), 0);
    }));

  test('503s on the matching query: the page fails as a whole, then converges', () =>
    withHarness(async (f) => {
      const before = await f.directorySnapshot();
      f.fake.fail({
        method: 'GET',
        path: /^\/Users\?filter/,
        times: 3,
        fault: { kind: 'status', status: 503 },
      });
      const first = await f.cycle();
      assert.ok(failures(first.entries).length >= 1);
      for (const entry of failures(first.entries)) assertCode(entry, 'TargetUnavailable');
      assert.equal(f.fake.faulted('status').length, 3, 'retried by the client before giving up');
      await f.converge();
      await assertConverged(f, before);
    }));

  test('a hang past the client timeout, and slow answers', () =>
    withHarness(async (f) => {
      f.fake.fail({ times: Infinity, fault: { kind: 'slow', ms: 150 } });
      await f.converge();
      f.fake.clear();
      await f.h.directory.users.update(f.ids.ann, { displayName: 'Ann A.' });
      const before = await f.directorySnapshot();
      f.fake.fail({ method: 'PATCH', fault: { kind: 'hang' } });
      const hung = await f.cycle();
      const [ann] = failures(hung.entries);
      assertCode(ann, 'Timeout');
      assert.match(ann!.reason ?? '', /no answer within 4000 ms/);
      await f.converge();
      await assertConverged(f, before);
    }));

  test('connection resets, before and after the target carried the request out', () =>
    withHarness(async (f) => {
      const before = await f.directorySnapshot();
      f.fake.fail({
        method: 'POST',
        path: /^\/Users/,
        times: 2,
        fault: { kind: 'reset', after: true },
      });
      f.fake.fail({ method: 'POST', path: /^\/Groups/, fault: { kind: 'reset' } });
      const first = await f.cycle();
      const failed = failures(first.entries);
      assert.equal(failed.length, 3);
      for (const entry of failed) assertCode(entry, 'TargetUnavailable');
      assert.equal((await f.h.targetUsers()).length, 4, 'two users were created unbeknown to us');
      await f.converge();
      await assertConverged(f, before);
      assert.equal((await f.h.targetUsers()).length, 4, 'matching found them: no duplicates');
    }));

  test('malformed JSON replies: the created user is found again, not duplicated', () =>
    withHarness(async (f) => {
      const before = await f.directorySnapshot();
      f.fake.fail({ method: 'POST', path: /^\/Users/, fault: { kind: 'malformed' } });
      f.fake.fail({
        method: 'GET',
        path: /^\/Groups\?filter/,
        times: 3,
        fault: { kind: 'malformed' },
      });
      const first = await f.cycle();
      const failed = failures(first.entries);
      assert.equal(failed.length, 2, failed.map((e) => e.reason).join('; '));
      for (const entry of failed) assertCode(entry, 'TargetUnavailable');
      assert.ok(failed.some((e) => /not JSON/.test(e.reason ?? '')));
      await f.converge();
      await assertConverged(f, before);
      assert.equal((await f.h.targetUsers()).length, 4);
    }));

  test('409 on create: matched and linked in the same cycle', () =>
    withHarness(async (f) => {
      const before = await f.directorySnapshot();
      f.fake.fail({ method: 'POST', path: /^\/Users/, fault: { kind: 'conflict' } });
      const first = await f.cycle();
      assert.deepEqual(failures(first.entries), []);
      assert.equal(f.fake.faulted('conflict').length, 1);
      const linked = first.entries.filter((e) =>
        e.steps.some((s) => s.name === 'match' && /Matched/.test(s.description)),
      );
      assert.equal(linked.filter((e) => e.objectType === 'user').length, 1);
      await assertConverged(f, before);
      assert.equal((await f.h.targetUsers()).length, 4);
    }));

  test('a target that loses a created user: InvalidAnchor, matched again, created with its groups', () =>
    withHarness(async (f) => {
      await f.converge();
      const lost = (await f.h.userNamed('bo@contoso.test'))!;
      const deleted = await f.h.scim.request(`https://roster.test/scim/v2/acme/Users/${lost.id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${f.h.token}` },
      });
      assert.equal(deleted.status, 204);
      await f.h.directory.users.update(f.ids.bo, { jobTitle: 'Back' });
      const before = await f.directorySnapshot();
      const { entries } = await f.cycle();
      const bo = entries.find((e) => e.sourceId === f.ids.bo)!;
      assert.equal(bo.action, 'Create');
      assert.equal(bo.status, 'Success');
      const warning = bo.steps.find((s) => s.status === 'Warning');
      assert.match(warning?.description ?? '', /InvalidAnchor/);
      assert.notEqual(bo.targetId, lost.id);
      await f.converge();
      await assertConverged(f, before);
    }));
});
