/**
 * The configuration of notification email and quarantine: `smtp` and `provisioning.quarantine`
 * in the config file, ROSTER_SMTP_URL and ROSTER_SMTP_FROM in the environment, mistakes
 * refused in words naming the setting; and compose wiring them in: a job whose target refuses
 * the Secret Token is quarantined on the configured times and its admin gets the email through
 * the configured SMTP server (in-process), linking the console at ROSTER_PUBLIC_URL.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, compose, loadConfig } from '../../src/compose.ts';
import { startInbox } from '../engine/smtp-inbox.ts';

function configFile(t: { after: (fn: () => void) => void }, content: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-mail-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'roster.json');
  writeFileSync(file, JSON.stringify(content));
  return file;
}

const refused = (fn: () => unknown, message: RegExp) =>
  assert.throws(fn, (e) => e instanceof ConfigError && message.test(e.message));

test('smtp and quarantine from the config file; ROSTER_SMTP_URL and ROSTER_SMTP_FROM from the environment', (t) => {
  const quarantine = {
    retryOffsetsMs: [60_000, 120_000],
    thenEveryMs: 60_000,
    disableAfterMs: 600_000,
    failingCycles: 2,
  };
  const file = configFile(t, {
    smtp: {
      host: 'mail.contoso.test',
      user: 'roster',
      password: 'mail-pass',
      from: 'Roster <roster@contoso.test>',
    },
    provisioning: { quarantine },
  });
  const fromFile = loadConfig({ config: file }, {});
  assert.deepEqual(fromFile.smtp, {
    host: 'mail.contoso.test',
    port: 587,
    secure: false,
    user: 'roster',
    password: 'mail-pass',
    from: 'Roster <roster@contoso.test>',
  });
  assert.deepEqual(fromFile.provisioning, { runner: 'in-process', quarantine });

  const fromEnv = loadConfig(
    {},
    {
      ROSTER_SMTP_URL: 'smtps://ann%40contoso.test:p%3Ass@smtp.contoso.test',
      ROSTER_SMTP_FROM: 'roster@contoso.test',
    },
  );
  assert.deepEqual(fromEnv.smtp, {
    host: 'smtp.contoso.test',
    port: 465,
    secure: true,
    user: 'ann@contoso.test',
    password: 'p:ss',
    from: 'roster@contoso.test',
  });
  const both = loadConfig({ config: file }, { ROSTER_SMTP_URL: 'smtp://127.0.0.1:2525' });
  assert.deepEqual(both.smtp, {
    host: '127.0.0.1',
    port: 2525,
    secure: false,
    from: 'Roster <roster@contoso.test>',
  });
  assert.equal(loadConfig({}, {}).smtp, undefined);
});

test('mail and quarantine settings: mistakes are refused in words naming the setting', (t) => {
  refused(
    () => loadConfig({}, { ROSTER_SMTP_URL: 'http://mail', ROSTER_SMTP_FROM: 'a@b.test' }),
    /^environment: ROSTER_SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/,
  );
  refused(
    () => loadConfig({}, { ROSTER_SMTP_URL: 'smtp://mail:25' }),
    /^environment: ROSTER_SMTP_URL needs ROSTER_SMTP_FROM: the sender/,
  );
  refused(
    () => loadConfig({}, { ROSTER_SMTP_FROM: 'roster@contoso.test' }),
    /^environment: ROSTER_SMTP_FROM needs ROSTER_SMTP_URL/,
  );
  refused(
    () => loadConfig({}, { ROSTER_SMTP_URL: 'smtp://mail:25', ROSTER_SMTP_FROM: 'roster' }),
    /ROSTER_SMTP_FROM must be an email address/,
  );
  const noFrom = configFile(t, { smtp: { host: 'mail' } });
  refused(() => loadConfig({ config: noFrom }, {}), /: smtp\.from is required: the sender/);
  const badPort = configFile(t, { smtp: { host: 'mail', port: 'x', from: 'a@b.test' } });
  refused(() => loadConfig({ config: badPort }, {}), /: smtp\.port must be a port number/);
  const typo = configFile(t, { smtp: { host: 'mail', from: 'a@b.test', pasword: 'x' } });
  refused(
    () => loadConfig({ config: typo }, {}),
    /: smtp\.pasword is not a setting \(known: host, port, secure, user, password, from\)/,
  );
  const offsets = configFile(t, { provisioning: { quarantine: { retryOffsets: [1] } } });
  refused(
    () => loadConfig({ config: offsets }, {}),
    /: provisioning\.quarantine\.retryOffsets is not a setting \(known: minFailures, failureShare, /,
  );
  const share = configFile(t, { provisioning: { quarantine: { failureShare: 2 } } });
  refused(
    () => loadConfig({ config: share }, {}),
    /: provisioning\.quarantine\.failureShare must be a share from 0 to 1$/,
  );
});

test('compose wires SMTP, the public URL and the quarantine times into provisioning', async (t) => {
  const inbox = await startInbox();
  t.after(() => inbox.close());
  const file = configFile(t, { provisioning: { quarantine: { retryOffsetsMs: [60_000] } } });
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-compose-mail-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const app = await compose({
    data: dir,
    config: file,
    env: {
      ROSTER_LOG_LEVEL: 'silent',
      ROSTER_PUBLIC_URL: 'https://roster.contoso.test',
      ROSTER_SMTP_URL: `smtp://127.0.0.1:${inbox.port}`,
      ROSTER_SMTP_FROM: 'Roster <roster@contoso.test>',
    },
    // The target refuses every Secret Token.
    fetch: () =>
      new Response(JSON.stringify({ status: '401', detail: 'the token is not valid' }), {
        status: 401,
        headers: { 'content-type': 'application/scim+json' },
      }),
  });
  t.after(() => app.close());
  assert.deepEqual(app.provisioning.quarantinePolicy.retryOffsetsMs, [60_000]);
  const demo = await app.directory.apps.add({ template: 'generic-scim', name: 'Demo' });
  const jobs = app.provisioning.jobs;
  await jobs.setCredentials(demo.id, {
    tenantUrl: 'https://app.contoso.test/scim/v2',
    secretToken: 'revoked-token',
  });
  await jobs.updateSettings(demo.id, {
    mode: 'automatic',
    notificationEmail: 'it@contoso.test',
    sendFailureEmail: true,
  });
  await jobs.start(demo.id);
  const report = await app.provisioning.runCycle(demo.id);
  assert.equal(report.status, 'failed');
  const status = await app.provisioning.status(demo.id);
  assert.equal(status.quarantine?.reason, 'EncounteredQuarantineException');
  assert.equal(
    Date.parse(status.quarantine?.nextAttemptAt ?? '') - Date.parse(status.quarantine?.since ?? ''),
    60_000,
  );
  assert.equal(inbox.messages.length, 1);
  assert.deepEqual(inbox.messages[0]!.to, ['it@contoso.test']);
  assert.equal(inbox.messages[0]!.from, 'roster@contoso.test');
  assert.ok(
    inbox.messages[0]!.text.includes(
      `https://roster.contoso.test/identity/apps/${demo.id}/provisioning`,
    ),
  );
});
