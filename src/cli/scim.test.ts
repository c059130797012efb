import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { createProgram } from './program.ts';

async function run(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const program = createProgram(
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    '0.0.0-test',
  );
  await program.parseAsync(['node', 'roster', ...args]);
  return { stdout, stderr };
}

afterEach(() => {
  process.exitCode = 0;
});

test('scim filter prints the canonical form of an Entra match query', async () => {
  const { stdout } = await run('scim', 'filter', 'EMAILS[type EQ "work"].value eq "a@x.test"');
  assert.equal(stdout, 'EMAILS[type eq "work" and value eq "a@x.test"]\n');
});

test('scim filter --json gives the AST', async () => {
  const { stdout } = await run('scim', 'filter', '--json', 'title pr');
  assert.deepEqual(JSON.parse(stdout), {
    canonical: 'title pr',
    ast: { kind: 'present', path: { name: 'title' } },
  });
});

test('scim filter names the bad token and its position, and exits non-zero', async () => {
  const { stdout, stderr } = await run('scim', 'filter', 'userName eqq "a"');
  assert.equal(stdout, '');
  assert.match(stderr, /^invalid filter: .*"eqq".*position 9/);
  assert.equal(process.exitCode, 2);
});

test('scim schemas prints a ListResponse with the three schemas', async () => {
  const { stdout } = await run('scim', 'schemas', '--base-url', 'https://example.test/scim/v2');
  const body = JSON.parse(stdout);
  assert.equal(body.totalResults, 3);
  assert.deepEqual(body.Resources.map((s: { id: string }) => s.id).sort(), [
    'urn:ietf:params:scim:schemas:core:2.0:Group',
    'urn:ietf:params:scim:schemas:core:2.0:User',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  ]);
  assert.match(body.Resources[0].meta.location, /^https:\/\/example\.test\/scim\/v2\/Schemas\//);
});
