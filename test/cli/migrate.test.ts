import assert from 'node:assert/strict';
import { test } from 'node:test';
import { migrationNames } from '../../src/store/migrations/index.ts';
import { runCli, tempDataDir } from './run-cli.ts';

test('migrate applies every migration once, then reports the database current', async (t) => {
  const { dir, remove } = tempDataDir();
  t.after(remove);
  const first = await runCli(['migrate', '--data', dir, '--json']);
  assert.equal(first.code, 0, first.stderr);
  assert.deepEqual(JSON.parse(first.stdout), {
    database: 'sqlite',
    applied: migrationNames('sqlite'),
  });
  const second = await runCli(['migrate', '--data', dir]);
  assert.equal(second.stdout, 'The sqlite database is up to date.\n');
});

test('migrate refuses a database URL that is not PostgreSQL, naming the flag', async () => {
  const result = await runCli(['migrate', '--database-url', 'mysql://db/roster']);
  assert.equal(result.code, 2);
  assert.match(result.stderr, /--database-url must be a PostgreSQL URL/);
});
