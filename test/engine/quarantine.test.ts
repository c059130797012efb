/**
 * Quarantine wired into cycles, on each database (SQLite always, PostgreSQL with DATABASE_URL),
 * with Entra's thresholds and times on a clock the test moves: a revoked Secret Token (401)
 * quarantines the job at once, its attempts come 6 h, 12 h, 24 h after entering and daily
 * after that, and the first cycle that goes through lifts it; a target that answers 503 to
 * every call is quarantined after three failing cycles and turned off after four weeks, with
 * the reason kept. The admin's inbox (an in-process SMTP server) gets the notification emails.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { databases } from '../store/databases.ts';
import {
  createOutage,
  createTestClock,
  createTestLog,
  hour,
  mailerTo,
  notifyIt,
} from './quarantine-support.ts';
import { startInbox } from './smtp-inbox.ts';
import { createEngineHarness } from './support.ts';

const plus = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

for (const database of databases) {
  describe(`quarantine on ${database.name}`, { skip: database.skip }, () => {
    test('a bad Secret Token: quarantined at once, attempts at 6 h, 12 h, 24 h, then daily; a cycle that goes through lifts it', async (t) => {
      const inbox = await startInbox();
      t.after(() => inbox.close());
      const clock = createTestClock();
      const log = createTestLog();
      const h = await createEngineHarness({
        open: () => database.open(),
        clock: clock.now,
        settings: notifyIt,
        provisioning: { mailer: mailerTo(inbox.port), publicUrl: 'https://roster.test', log },
      });
      t.after(() => h.close());
      const ann = await h.addUser('ann@contoso.test');
      await h.assign('user', ann.id);
      await h.provisioning.jobs.start(h.app.id);
      await h.run();

      await h.revokeToken();
      const first = await h.run('failed');
      assert.match(first.error ?? '', /401/);
      assert.equal(first.quarantine?.event, 'entered');
      const status = await h.provisioning.status(h.app.id);
      assert.equal(status.state, 'quarantined');
      const since = first.finished;
      assert.deepEqual(status.quarantine, {
        since,
        reason: 'EncounteredQuarantineException',
        detail: status.quarantine?.detail,
        nextAttemptAt: plus(since, 6 * hour),
      });
      assert.match(status.quarantine?.detail ?? '', /401/);
      assert.equal(status.nextRunAt, plus(since, 6 * hour));
      assert.equal(status.disabledReason, null);

      assert.equal(inbox.messages.length, 1);
      const mail = inbox.messages[0]!;
      assert.deepEqual(mail.to, ['it@contoso.test']);
      assert.equal(mail.from, 'roster@contoso.test');
      assert.equal(
        mail.subject,
        'Provisioning of Acme is in quarantine (EncounteredQuarantineException)',
      );
      assert.match(mail.text, /^Provisioning of Acme went into quarantine at /);
      assert.match(mail.text, /Reason: EncounteredQuarantineException: .*401/);
      assert.match(
        mail.text,
        /What to do: Check the Tenant URL and the Secret Token with Test Connection/,
      );
      assert.ok(mail.text.includes(`the next attempt is at ${plus(since, 6 * hour)}.`), mail.text);
      assert.ok(
        mail.text.includes(
          `Provisioning page: https://roster.test/identity/apps/${h.app.id}/provisioning`,
        ),
      );

      // The attempts: each cycle in quarantine schedules the next from when it entered.
      const attempts: number[] = [];
      for (let i = 0; i < 5; i++) {
        const next = (await h.provisioning.status(h.app.id)).nextRunAt!;
        attempts.push((Date.parse(next) - Date.parse(since)) / hour);
        clock.set(next);
        const attempt = await h.run('failed');
        assert.equal(attempt.quarantine?.ranIn?.reason, 'EncounteredQuarantineException');
        assert.equal(attempt.quarantine?.event, 'none');
      }
      assert.deepEqual(attempts, [6, 12, 24, 48, 72]);
      assert.equal(inbox.messages.length, 1, 'the same reason is not mailed again');
      const said = log.lines.filter((l) => /attempt in quarantine/.test(l.message));
      assert.ok(said.length >= 5, 'every cycle in quarantine says why it ran');
      assert.match(said[0]!.message, /EncounteredQuarantineException since /);
      assert.equal(
        (await h.provisioning.status(h.app.id)).lastCycle?.quarantine?.reason,
        'EncounteredQuarantineException',
      );

      await h.renewToken();
      clock.set((await h.provisioning.status(h.app.id)).nextRunAt!);
      const healthy = await h.run();
      assert.equal(healthy.quarantine?.event, 'lifted');
      const lifted = await h.provisioning.status(h.app.id);
      assert.equal(lifted.state, 'idle');
      assert.equal(lifted.quarantine, null);
      assert.equal(lifted.nextRunAt, plus(healthy.finished, 2400_000), 'the usual interval again');
      assert.equal((await h.provisioning.jobs.load(h.app.id)).job.state.failingCycles, 0);
      assert.equal(inbox.messages.length, 1);
      assert.ok(
        log.lines.some(
          (l) => l.message === 'provisioning job left quarantine: the cycle went through',
        ),
      );
    });

    test('a target that answers 503 to every call: quarantined after 3 failing cycles, turned off after 4 weeks with the reason kept', async (t) => {
      const inbox = await startInbox();
      t.after(() => inbox.close());
      const clock = createTestClock();
      const outage = createOutage();
      const h = await createEngineHarness({
        open: () => database.open(),
        clock: clock.now,
        wrapFetch: outage.wrap,
        settings: notifyIt,
        provisioning: {
          mailer: mailerTo(inbox.port),
          publicUrl: 'https://roster.test',
          log: createTestLog(),
        },
      });
      t.after(() => h.close());
      const ann = await h.addUser('ann@contoso.test');
      await h.assign('user', ann.id);
      await h.provisioning.jobs.start(h.app.id);
      await h.run();

      outage.down = true;
      for (const n of [1, 2]) {
        clock.advance(2400_000);
        const failing = await h.run('failed');
        const status = await h.provisioning.status(h.app.id);
        assert.equal(status.state, 'idle', `not quarantined after ${n} failing cycle(s)`);
        assert.equal(status.nextRunAt, plus(failing.finished, 2400_000));
      }
      clock.advance(2400_000);
      const third = await h.run('failed');
      assert.equal(third.quarantine?.event, 'entered');
      const since = third.finished;
      const quarantined = await h.provisioning.status(h.app.id);
      assert.equal(quarantined.quarantine?.reason, 'AllCallsFailing');
      assert.match(quarantined.quarantine?.detail ?? '', /3 cycles in a row/);
      assert.equal(quarantined.quarantine?.nextAttemptAt, plus(since, 6 * hour));
      assert.equal(
        inbox.messages.at(-1)?.subject,
        'Provisioning of Acme is in quarantine (AllCallsFailing)',
      );
      assert.match(inbox.messages.at(-1)!.text, /Check that the app is up and reachable/);

      const attempts: number[] = [];
      for (let i = 0; i < 40 && (await h.provisioning.status(h.app.id)).enabled; i++) {
        const next = (await h.provisioning.status(h.app.id)).nextRunAt!;
        attempts.push((Date.parse(next) - Date.parse(since)) / hour);
        clock.set(next);
        await h.run('failed');
      }
      const daily = Array.from({ length: 26 }, (_, i) => 48 + 24 * i);
      assert.deepEqual(
        attempts,
        [6, 12, 24, ...daily],
        'the last attempt is the one before 4 weeks',
      );
      const off = await h.provisioning.status(h.app.id);
      assert.equal(off.enabled, false);
      assert.equal(off.state, 'quarantined');
      assert.equal(off.nextRunAt, null);
      assert.equal(off.quarantine?.nextAttemptAt, null);
      assert.match(
        off.disabledReason ?? '',
        /^Provisioning was turned off after 28 days in quarantine \(since /,
      );
      assert.match(off.disabledReason ?? '', /AllCallsFailing/);
      assert.equal(inbox.messages.length, 2);
      assert.equal(
        inbox.messages[1]!.subject,
        'Provisioning of Acme was turned off after four weeks in quarantine',
      );
      assert.match(
        inbox.messages[1]!.text,
        /Then start provisioning again: no cycle runs until you do/,
      );

      // A restart lifts the quarantine but leaves the job off; starting it clears the reason.
      const restarted = await h.provisioning.jobs.restart(h.app.id);
      assert.deepEqual(restarted.reset, ['watermark', 'escrows', 'quarantine']);
      assert.equal(restarted.quarantine, null);
      assert.equal(restarted.enabled, false);
      assert.match(restarted.disabledReason ?? '', /28 days/);
      const started = await h.provisioning.jobs.start(h.app.id);
      assert.equal(started.disabledReason, null);
      outage.down = false;
      const back = await h.run();
      assert.equal(back.kind, 'initial');
      assert.equal((await h.provisioning.status(h.app.id)).state, 'idle');
      assert.equal((await h.targetUsers()).length, 1, 'nothing duplicated');
    });

    test('failed objects over the escrow threshold quarantine the job; once every failure is fixed, the next attempt lifts it', async (t) => {
      const inbox = await startInbox();
      t.after(() => inbox.close());
      const clock = createTestClock();
      let rejecting = true;
      const h = await createEngineHarness({
        open: () => database.open(),
        clock: clock.now,
        settings: notifyIt,
        wrapFetch: (fetch) => async (url, init) => {
          const body = typeof init.body === 'string' ? JSON.parse(init.body) : undefined;
          if (rejecting && init.method === 'POST' && /^bad/.test(String(body?.userName)))
            return new Response(
              JSON.stringify({
                schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
                status: '400',
                scimType: 'invalidValue',
                detail: 'userName is not allowed here',
              }),
              { status: 400, headers: { 'content-type': 'application/scim+json' } },
            );
          return fetch(url, init);
        },
        provisioning: {
          mailer: mailerTo(inbox.port),
          quarantine: { minFailures: 2 },
          log: createTestLog(),
        },
      });
      t.after(() => h.close());
      for (const name of ['ann', 'bad1', 'bad2']) {
        const user = await h.addUser(`${name}@contoso.test`);
        await h.assign('user', user.id);
      }
      await h.provisioning.jobs.start(h.app.id);
      const cycle = await h.run('succeeded');
      assert.equal(cycle.counts.Failure, 2);
      assert.equal(cycle.quarantine?.event, 'entered');
      const status = await h.provisioning.status(h.app.id);
      assert.equal(status.quarantine?.reason, 'EncounteredEscrowProportionThreshold');
      assert.equal(status.quarantine?.detail, '2 of 3 objects failed (67 %)');
      assert.equal(status.escrows, 2);
      const { job } = await h.provisioning.jobs.load(h.app.id);
      assert.deepEqual(job.state.escrowCounts, { failures: 2, referenceFailures: 0, successes: 1 });
      assert.match(
        inbox.messages[0]!.subject,
        /in quarantine \(EncounteredEscrowProportionThreshold\)/,
      );
      assert.match(inbox.messages[0]!.text, /Read the failures in the provisioning logs/);

      rejecting = false;
      clock.set(status.nextRunAt!);
      const retried = await h.run();
      assert.equal(retried.kind, 'incremental');
      assert.equal(retried.counts.Create, 2, 'the escrows were retried');
      assert.equal(retried.quarantine?.event, 'lifted');
      const after = await h.provisioning.status(h.app.id);
      assert.equal(after.quarantine, null);
      assert.equal(after.escrows, 0);
      assert.equal((await h.targetUsers()).length, 3);
    });
  });
}
