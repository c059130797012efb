import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli, tempDataDir } from './run-cli.ts';

test('demo seeds the tutorial starting point once, and a second run changes nothing', async (t) => {
  const { dir, remove } = tempDataDir();
  t.after(remove);
  const first = await runCli(['demo', '--data', dir, '--json']);
  assert.equal(first.code, 0, first.stderr);
  const summary = JSON.parse(first.stdout);
  assert.deepEqual([summary.seeded, summary.users, summary.groups], [true, 300, 8]);
  assert.equal(summary.appSide.tenant, 'wrike-demo');
  assert.match(summary.appSide.baseUrl, /\/scim\/v2\/wrike-demo$/);
  const second = JSON.parse((await runCli(['demo', '--data', dir, '--json'])).stdout);
  assert.equal(second.seeded, false);
  const users = JSON.parse(
    (await runCli(['user', 'list', '--data', dir, '--count', '1', '--json'])).stdout,
  );
  assert.equal(users.totalResults, 300);
  const apps = JSON.parse((await runCli(['app', 'list', '--data', dir, '--json'])).stdout);
  assert.deepEqual(
    (apps.apps ?? apps.resources ?? apps).map((a: { name: string }) => a.name),
    ['Wrike'],
  );
  const minted = await runCli([
    'token',
    'create',
    '--tenant',
    'wrike-demo',
    '--admin-password',
    'roster-demo-password',
    '--data',
    dir,
    '--json',
  ]);
  assert.equal(minted.code, 0, 'the printed demo password signs the tenant admin in');
});
