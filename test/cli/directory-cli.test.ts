/**
 * The identity side's commands in a child process with a temp --data directory: the tutorial
 * scripted end to end (import, users, groups, app from the gallery, assignments), with --json
 * output, import reports with line numbers, and errors as JSON with exit codes.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, test } from 'node:test';
import { runCli, tempDataDir } from './run-cli.ts';

const data = tempDataDir();
after(() => data.remove());
const cli = (...args: string[]) => runCli([...args, '--data', data.dir]);
const ok = async (...args: string[]) => {
  const r = await cli(...args, '--json');
  assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
  return JSON.parse(r.stdout);
};

test('directory import: a generated CSV with bad rows; the report names each bad line; a second run skips', async () => {
  const file = path.join(data.dir, 'users.csv');
  const lines = ['userPrincipalName,displayName,department,employeeId,manager'];
  const bad: number[] = [];
  for (let i = 0; i < 1500; i++) {
    if (i === 10) {
      lines.push('"quoted@x.test","Two\nLines",Sales,Q1,');
      continue;
    }
    if (i % 300 === 150) {
      bad.push(lines.length + 2);
      lines.push(`no-at-sign-${i},Bad,Sales,B${i},`);
      continue;
    }
    lines.push(
      `user${i}@x.test,User ${i},${i % 2 ? 'Sales' : 'R&D'},E${i},${i ? 'user0@x.test' : ''}`,
    );
  }
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  const r = await cli('directory', 'import', file, '--key', 'userPrincipalName', '--json');
  assert.equal(r.code, 1, 'exit code 1 when a row failed');
  const report = JSON.parse(r.stdout);
  assert.deepEqual(
    [report.rows, report.created, report.updated, report.skipped, report.failed],
    [1500, 1500 - bad.length, 0, 0, bad.length],
  );
  assert.deepEqual(
    report.failures.map((f: { line: number }) => f.line),
    bad,
    'the quoted line break in row 11 shifts every later line by one',
  );
  assert.match(report.failures[0].reason, /"no-at-sign-150" is not a user principal name/);
  assert.equal((await ok('user', 'show', 'quoted@x.test')).displayName, 'Two\nLines');

  const again = await cli('directory', 'import', file, '--key', 'userPrincipalName');
  assert.equal(again.code, 1);
  assert.match(
    again.stdout,
    /^Imported 1500 rows by userPrincipalName in [\d.]+ s: 0 created, 0 updated, 1495 skipped \(unchanged\), 5 failed\.\n {2}line 153: /,
  );

  const usage = await cli('directory', 'import', file, '--key', 'shoeSize', '--json');
  assert.equal(usage.code, 2);
  assert.equal(JSON.parse(usage.stderr).error.code, 'usage');
  const page = await ok('user', 'list', '--search', 'user14', '--count', '5');
  assert.equal(page.totalResults, 111);
  assert.equal(page.resources.length, 5);
});

test('users and groups: add, update, delete, restore, members, all as JSON', async () => {
  const ann = await ok(
    'user',
    'add',
    'ann@contoso.test',
    '--given-name',
    'Ann',
    '--surname',
    'Lee',
    '--employee-id',
    'A1',
    '--extension',
    'extensionAttribute2=blue',
  );
  assert.equal(ann.displayName, 'Ann Lee');
  assert.deepEqual(ann.extensions, { extensionAttribute2: 'blue' });
  const updated = await ok(
    'user',
    'update',
    'ann@contoso.test',
    '--job-title',
    'Lead',
    '--account-enabled',
    'false',
    '--manager',
    'user0@x.test',
  );
  assert.equal(updated.jobTitle, 'Lead');
  assert.equal(updated.accountEnabled, false);
  assert.equal(updated.id, ann.id);
  const deleted = await ok('user', 'delete', ann.id);
  assert.ok(deleted.restorableUntil);
  assert.equal((await ok('user', 'restore', 'ann@contoso.test')).deleted, null);

  const eng = await ok('group', 'add', 'Engineering', '--description', 'Builders');
  const platform = await ok('group', 'add', 'Platform', '--no-security');
  assert.equal(platform.securityEnabled, false);
  await ok('group', 'add-member', 'Platform', '--user', 'ann@contoso.test');
  const user1 = (await ok('user', 'show', 'user1@x.test')).id;
  const added = await ok(
    'group',
    'add-member',
    'Engineering',
    '--group',
    'Platform',
    '--user',
    'user1@x.test',
  );
  assert.deepEqual(added.added.sort(), [platform.id, user1].sort());
  const transitive = await ok('group', 'members', eng.id, '--transitive');
  assert.equal(transitive.members.length, 2);
  const renamed = await ok('group', 'update', 'Engineering', '--display-name', 'Eng');
  assert.equal(renamed.securityEnabled, true, 'update leaves securityEnabled alone unless asked');
  const cycle = await cli('group', 'add-member', 'Platform', '--group', 'Eng', '--json');
  assert.equal(cycle.code, 1);
  assert.deepEqual(Object.keys(JSON.parse(cycle.stderr).error), ['code', 'message', 'field']);
  assert.match(JSON.parse(cycle.stderr).error.message, /would make a cycle/);
});

test('the tutorial: Wrike from the gallery, users assigned with User, Default Access not provisioned', async () => {
  const templates = await ok('app', 'templates');
  assert.deepEqual(
    templates.templates.map((t: { id: string }) => t.id),
    ['generic-scim', 'wrike'],
  );
  const wrike = await ok('app', 'add', '--template', 'wrike', '--name', 'Wrike');
  assert.equal(wrike.provisioning.limits.requestsPerMinute, 400);
  const assigned = await ok(
    'app',
    'assign',
    'Wrike',
    '--user',
    'ann@contoso.test',
    '--role',
    'User',
  );
  assert.equal(assigned.provisioned, true);
  const legacy = await ok('app', 'assign', 'Wrike', '--group', 'Eng', '--role', 'Default Access');
  assert.equal(legacy.provisioned, false);
  const list = await ok('app', 'assignments', 'Wrike');
  assert.equal(list.assignments.length, 2);
  const missing = await cli('app', 'add', '--template', 'slack', '--json');
  assert.equal(missing.code, 1);
  assert.deepEqual(JSON.parse(missing.stderr), {
    error: {
      code: 'notFound',
      message: 'there is no gallery template "slack" (available: generic-scim, wrike)',
      field: 'template',
    },
  });
  const both = await cli('app', 'assign', 'Wrike', '--role', 'User');
  assert.equal(both.code, 2);
  assert.match(both.stderr, /name exactly one of --user or --group/);
  const text = await cli('app', 'show', 'Wrike');
  assert.match(text.stdout, /limits: 400 requests\/min, users only/);
  const { head } = await ok('directory', 'changes', '--limit', '1');
  const feed = await ok('directory', 'changes', '--since', String(head - 2));
  assert.deepEqual(
    feed.changes.map((c: { objectType: string; kind: string }) => `${c.objectType} ${c.kind}`),
    ['assignment added', 'assignment added'],
  );
});

test('identity admins and API tokens from the CLI', async () => {
  const added = await runCli(
    [
      'identity-admin',
      'add',
      'it@contoso.test',
      '--role',
      'Cloud Application Administrator',
      '--data',
      data.dir,
      '--json',
    ],
    { ROSTER_ADMIN_PASSWORD: 'correct horse battery' },
  );
  assert.equal(added.code, 0, added.stderr);
  assert.equal(JSON.parse(added.stdout).role, 'Cloud Application Administrator');
  const token = await ok(
    'identity-admin',
    'token-create',
    '--name',
    'ci',
    '--role',
    'Global Reader',
  );
  assert.match(token.token, /^rit_/);
  const tokens = await ok('identity-admin', 'token-list');
  assert.equal(tokens.tokens[0].name, 'ci');
  assert.ok(!JSON.stringify(tokens).includes(token.token));
  const badRole = await cli(
    'identity-admin',
    'add',
    'x@contoso.test',
    '--role',
    'Boss',
    '--password',
    'correct horse battery',
    '--json',
  );
  assert.equal(badRole.code, 1);
  assert.match(
    JSON.parse(badRole.stderr).error.message,
    /role must be one of: Global Administrator, Cloud Application Administrator/,
  );
});
