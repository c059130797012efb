/**
 * `roster provisioning …` in-process (createProgram with compose on a temp data directory; the
 * job's target is Roster's SCIM app of another store, reached through its app.request): the
 * tutorial scripted with --json — credentials, Test Connection, settings, dry run, one cycle,
 * status, logs (JSON and CSV), mappings and job document export/import — plus the usage and
 * refusal exit codes, the generated secret key (0600) and the token encrypted at rest.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { createHarness } from '../scim-server/support.ts';
import { cliRunner } from './api-support.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'roster-prov-cli-'));
let target: Awaited<ReturnType<typeof createHarness>>;

const cli = cliRunner(dir, () => target.app);

async function ok(...args: string[]) {
  const r = await cli(...args, '--json');
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

describe('roster provisioning (CLI)', () => {
  before(async () => {
    target = await createHarness();
  });
  after(async () => {
    await target.store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    process.exitCode = 0;
  });

  test('the tutorial, scripted: credentials, Test Connection, settings, dry run, run --once, status, logs', async () => {
    await ok('app', 'add', '--template', 'generic-scim', '--name', 'Demo');
    await ok(
      'user',
      'add',
      'ann@contoso.test',
      '--given-name',
      'Ann',
      '--mail',
      'ann@contoso.test',
    );
    await ok('app', 'assign', 'Demo', '--user', 'ann@contoso.test');

    const job = await ok(
      'provisioning',
      'credentials',
      'Demo',
      '--tenant-url',
      'https://roster.test/scim/v2/acme',
      '--secret-token',
      target.token,
    );
    assert.equal(job.credentials.secretTokenSet, true);
    const keyFile = path.join(dir, 'secret.key');
    assert.equal(statSync(keyFile).mode & 0o777, 0o600, 'the generated key is private');
    assert.ok(
      !readFileSync(path.join(dir, 'roster.db')).includes(target.token),
      'the token is encrypted at rest',
    );

    assert.equal((await ok('provisioning', 'test-connection', 'Demo')).ok, true);
    const settings = await ok(
      'provisioning',
      'settings',
      'Demo',
      '--mode',
      'automatic',
      '--interval',
      '90s',
      '--threshold',
      '10',
    );
    assert.deepEqual(
      [settings.settings.intervalSeconds, settings.settings.deletionThreshold],
      [90, 10],
    );

    const dry = await ok('provisioning', 'run', 'Demo', '--dry-run');
    assert.equal(dry.dryRun, true);
    assert.equal(dry.counts.Create, 1);
    const report = await ok('provisioning', 'run', 'Demo', '--once');
    assert.equal(report.status, 'succeeded');
    assert.equal(report.kind, 'initial');
    const human = await cli('provisioning', 'run', 'Demo', '--once');
    assert.match(
      human.stdout,
      /^The incremental cycle succeeded in [\d.]+ s: 0 objects; nothing to do\./,
    );

    const status = await ok('provisioning', 'status', 'Demo');
    assert.equal(status.statistics.cycles, 2);
    assert.equal(status.links.users, 1);
    const logs = await ok('provisioning', 'logs', 'Demo', '--action', 'Create');
    assert.deepEqual(
      logs.entries.map(
        (e: { sourceIdentity: string; status: string }) => `${e.sourceIdentity} ${e.status}`,
      ),
      ['ann@contoso.test Success'],
    );
    const csv = await cli('provisioning', 'logs', 'Demo', '--format', 'csv');
    assert.equal(csv.code, 0);
    assert.equal(csv.stdout.trim().split('\r\n').length, 2);
    assert.match(csv.stdout, /ann@contoso\.test,[^,]*,Create,Success/);
  });

  test('mappings and the job document: export, import, restore defaults', async () => {
    const file = path.join(dir, 'mappings.json');
    await ok('provisioning', 'mappings', 'export', 'Demo', '--out', file);
    const mappings = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(mappings.objectMappings[0].name, 'Provision users');
    await ok('provisioning', 'mappings', 'import', 'Demo', file);
    assert.equal((await ok('provisioning', 'show', 'Demo')).initialPending, true);
    const document = path.join(dir, 'job.json');
    await ok('provisioning', 'export', 'Demo', '--out', document);
    const imported = await ok('provisioning', 'import', 'Demo', document);
    assert.equal(imported.settings.intervalSeconds, 90);
    await ok('provisioning', 'mappings', 'restore-defaults', 'Demo');
  });

  test('usage mistakes exit 2, refusals exit 1, both in words (JSON with --json)', async () => {
    const usage = await cli('provisioning', 'run', 'Demo', '--json');
    assert.equal(usage.code, 2);
    assert.match(JSON.parse(usage.stderr).error.message, /--once/);
    const missing = await cli('provisioning', 'show', 'Nope', '--json');
    assert.equal(missing.code, 1);
    assert.equal(JSON.parse(missing.stderr).error.code, 'notFound');
    const interval = await cli('provisioning', 'settings', 'Demo', '--interval', 'soon');
    assert.equal(interval.code, 2);
    assert.match(interval.stderr, /40m/);
    const started = await ok('provisioning', 'start', 'Demo');
    assert.equal(started.enabled, true);
    assert.equal((await ok('provisioning', 'stop', 'Demo')).enabled, false);
  });

  test('restart --reset: the scopes reset (full expanded, links dropped, nothing duplicated); a wrong scope is a usage mistake', async () => {
    const full = await ok('provisioning', 'restart', 'Demo', '--reset', 'escrows,full');
    assert.deepEqual(full.reset, ['watermark', 'escrows', 'quarantine', 'forceDeletes', 'full']);
    assert.deepEqual((await ok('provisioning', 'status', 'Demo')).links, { users: 0, groups: 0 });
    const report = await ok('provisioning', 'run', 'Demo', '--once');
    assert.equal(report.kind, 'initial');
    assert.equal(report.counts.Create, undefined, 'matched, not created again');
    assert.equal((await ok('provisioning', 'status', 'Demo')).links.users, 1);
    const users = await target.app.request('https://roster.test/scim/v2/acme/Users', {
      headers: { authorization: `Bearer ${target.token}` },
    });
    assert.equal(((await users.json()) as { totalResults: number }).totalResults, 1);

    const human = await cli('provisioning', 'restart', 'Demo', '--reset', 'escrows');
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^Restarted; reset escrows\.\n/);
    assert.deepEqual((await ok('provisioning', 'restart', 'Demo')).reset, [
      'watermark',
      'escrows',
      'quarantine',
    ]);
    const wrong = await cli(
      'provisioning',
      'restart',
      'Demo',
      '--reset',
      'watermark,bogus',
      '--json',
    );
    assert.equal(wrong.code, 2);
    assert.equal(
      JSON.parse(wrong.stderr).error.message,
      '--reset "bogus" is not a reset scope: use a comma-separated list of watermark, escrows, quarantine, forceDeletes, full',
    );
  });
});
