/**
 * The notification emails, received by an in-process SMTP server through the real SMTP mailer
 * (nodemailer): sent when a job enters quarantine and again when its reason changes, when the
 * accidental-deletion threshold holds a cycle — only with "send an email notification when a
 * failure occurs" on; without SMTP a warning is logged per event instead; an SMTP server that
 * refuses never breaks a cycle, and the log keeps no password.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createOutage,
  createTestClock,
  createTestLog,
  mailerTo,
  notifyIt,
} from './quarantine-support.ts';
import { startInbox } from './smtp-inbox.ts';
import { createEngineHarness } from './support.ts';

test('a changed quarantine reason is mailed again (with the quarantine policy shrunk through the deps)', async (t) => {
  const inbox = await startInbox();
  t.after(() => inbox.close());
  const outage = createOutage();
  const h = await createEngineHarness({
    clock: createTestClock().now,
    wrapFetch: outage.wrap,
    settings: notifyIt,
    provisioning: {
      mailer: mailerTo(inbox.port),
      publicUrl: 'https://roster.test/',
      quarantine: { failingCycles: 1 },
      log: createTestLog(),
    },
  });
  t.after(() => h.close());
  await h.provisioning.jobs.start(h.app.id);
  outage.down = true;
  const down = await h.run('failed');
  assert.equal(down.quarantine?.event, 'entered');
  assert.equal(down.quarantine?.now?.reason, 'AllCallsFailing');
  assert.match(down.quarantine?.now?.detail ?? '', /failed in the last cycle$/);
  outage.down = false;
  await h.revokeToken();
  const refused = await h.run('failed');
  assert.equal(refused.quarantine?.event, 'reasonChanged');
  assert.deepEqual(
    inbox.messages.map((m) => m.subject),
    [
      'Provisioning of Acme is in quarantine (AllCallsFailing)',
      'Provisioning of Acme is still in quarantine, now for EncounteredQuarantineException',
    ],
  );
  const changed = inbox.messages[1]!.text;
  assert.match(
    changed,
    /the reason changed from AllCallsFailing to EncounteredQuarantineException/,
  );
  assert.ok(
    changed.includes(`https://roster.test/identity/apps/${h.app.id}/provisioning`),
    'one slash',
  );
  assert.match(changed, /"Send an email notification when a failure occurs" is on for Acme/);
});

test('nothing is sent when the checkbox is off; without SMTP, one warning per event', async (t) => {
  const inbox = await startInbox();
  t.after(() => inbox.close());
  const quiet = await createEngineHarness({
    settings: { notificationEmail: 'it@contoso.test', sendFailureEmail: false },
    provisioning: { mailer: mailerTo(inbox.port), log: createTestLog() },
  });
  t.after(() => quiet.close());
  await quiet.revokeToken();
  await quiet.run('failed');
  assert.equal((await quiet.provisioning.status(quiet.app.id)).state, 'quarantined');
  assert.deepEqual(inbox.messages, [], 'the checkbox is off');

  const log = createTestLog();
  const noSmtp = await createEngineHarness({ settings: notifyIt, provisioning: { log } });
  t.after(() => noSmtp.close());
  await noSmtp.revokeToken();
  await noSmtp.run('failed');
  await noSmtp.run('failed'); // the same reason: no new event
  const warnings = log.lines.filter((l) => /no SMTP server is configured/.test(l.message));
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]!.level, 'warn');
  assert.deepEqual(warnings[0]!.fields, {
    appId: noSmtp.app.id,
    notice: 'quarantined',
    to: 'it@contoso.test',
  });
  assert.match(warnings[0]!.message, /ROSTER_SMTP_URL/);
});

test('the deletion threshold holding a cycle is mailed, with what to do', async (t) => {
  const inbox = await startInbox({ login: { user: 'roster', password: 'mail-pass-123' } });
  t.after(() => inbox.close());
  const h = await createEngineHarness({
    settings: { ...notifyIt, deletionThreshold: 1 },
    provisioning: {
      mailer: mailerTo(inbox.port, { user: 'roster', password: 'mail-pass-123' }),
      publicUrl: 'https://roster.test',
      log: createTestLog(),
    },
  });
  t.after(() => h.close());
  for (const name of ['a', 'b']) {
    const user = await h.addUser(`${name}@contoso.test`);
    await h.assign('user', user.id);
  }
  await h.run();
  for (const a of await h.directory.assignments.list(h.app.id))
    await h.directory.assignments.unassign(h.app.id, a.id);
  await h.run('held');
  assert.equal(inbox.messages.length, 1);
  const mail = inbox.messages[0]!;
  assert.deepEqual(mail.to, ['it@contoso.test']);
  assert.equal(
    mail.subject,
    'Provisioning of Acme is held: 2 deletes, more than the threshold of 1',
  );
  assert.match(mail.text, /would have disabled or deleted 2 accounts in the app/);
  assert.match(mail.text, /Nothing was disabled or deleted: each is logged as StagedDelete/);
  assert.match(
    mail.text,
    /allow them \("Allow deletes", or restart with the force-deletes scope\)/,
  );
  assert.ok(mail.text.includes(`/identity/apps/${h.app.id}/provisioning`));
});

test('an SMTP server that refuses never breaks a cycle; the failure is logged without the password', async (t) => {
  const login = { user: 'roster', password: 'mail-pass-123' };
  const inbox = await startInbox({ login, refuse: true });
  t.after(() => inbox.close());
  const log = createTestLog();
  const h = await createEngineHarness({
    settings: notifyIt,
    provisioning: { mailer: mailerTo(inbox.port, login), log },
  });
  t.after(() => h.close());
  await h.revokeToken();
  const report = await h.run('failed');
  assert.equal(report.quarantine?.event, 'entered');
  assert.equal((await h.provisioning.status(h.app.id)).state, 'quarantined');
  const failed = log.lines.find((l) => l.message === 'the notification email could not be sent');
  assert.ok(failed, 'logged');
  assert.equal((failed.fields.error as { responseCode: number }).responseCode, 550);
  assert.ok(!JSON.stringify(log.lines).includes(login.password), 'no password in the log');

  const wrong = await createEngineHarness({
    settings: notifyIt,
    provisioning: {
      mailer: mailerTo(inbox.port, { user: 'roster', password: 'not-it' }),
      log,
    },
  });
  t.after(() => wrong.close());
  await wrong.revokeToken();
  await wrong.run('failed');
  const refusedLogin = log.lines.filter(
    (l) => l.message === 'the notification email could not be sent',
  );
  assert.equal(refusedLogin.length, 2);
  assert.equal((refusedLogin[1]!.fields.error as { code: string }).code, 'EAUTH');
  assert.ok(!JSON.stringify(log.lines).includes('not-it'), 'no password in the log');
});
