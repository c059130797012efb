import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runCli, tempDataDir } from './run-cli.ts';

const password = 'correct horse battery';
const data = tempDataDir();
before(async () => {
  const r = await runCli([
    'tenant',
    'create',
    'acme',
    '--admin-email',
    'admin@acme.test',
    '--admin-password',
    password,
    '--data',
    data.dir,
    '--json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    tenant: 'acme',
    baseUrl: 'http://localhost:8080/scim/v2/acme',
  });
});
after(() => data.remove());

test('tenant create --json prints exactly {"tenant","baseUrl"}; the URL follows ROSTER_PUBLIC_URL', async () => {
  const r = await runCli(
    [
      'tenant',
      'create',
      'wrike-co',
      '--admin-email',
      'it@wrike-co.test',
      '--admin-password',
      password,
      '--profile',
      'wrike',
      '--allowed-domain',
      'wrike-co.test',
      '--data',
      data.dir,
      '--json',
    ],
    { ROSTER_PUBLIC_URL: 'https://roster.example' },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), {
    tenant: 'wrike-co',
    baseUrl: 'https://roster.example/scim/v2/wrike-co',
  });
  assert.equal(r.stderr, '');
  const list = await runCli(['tenant', 'list', '--data', data.dir, '--json']);
  const wrike = JSON.parse(list.stdout).tenants.find(
    (t: { tenant: string }) => t.tenant === 'wrike-co',
  );
  assert.deepEqual(wrike.profile, {
    groups: false,
    userNameIsEmail: true,
    allowedEmailDomains: ['wrike-co.test'],
  });
});

test('tenant create refuses a taken name, a bad name and a short password, non-zero and in words', async () => {
  const taken = await runCli([
    'tenant',
    'create',
    'acme',
    '--admin-email',
    'x@acme.test',
    '--admin-password',
    password,
    '--data',
    data.dir,
  ]);
  assert.equal(taken.code, 1);
  assert.equal(taken.stdout, '');
  assert.equal(taken.stderr, 'error: a tenant named "acme" already exists\n');
  const bad = await runCli([
    'tenant',
    'create',
    'Acme_Co',
    '--admin-email',
    'x@acme.test',
    '--admin-password',
    password,
    '--data',
    data.dir,
    '--json',
  ]);
  assert.equal(bad.code, 1);
  assert.equal(JSON.parse(bad.stderr).error.field, 'name');
  assert.match(JSON.parse(bad.stderr).error.message, /upper-case letters/);
  const short = await runCli([
    'tenant',
    'create',
    'beta',
    '--admin-email',
    'x@beta.test',
    '--admin-password',
    'short',
    '--data',
    data.dir,
  ]);
  assert.equal(short.code, 1);
  assert.match(
    short.stderr,
    /adminPassword is 5 characters long; a password is 12 to 1024 characters long/,
  );
  const none = await runCli([
    'tenant',
    'create',
    'beta',
    '--admin-email',
    'x@beta.test',
    '--data',
    data.dir,
  ]);
  assert.equal(none.code, 2);
  assert.match(
    none.stderr,
    /give the admin password with --admin-password or the ROSTER_ADMIN_PASSWORD/,
  );
});

test('token create checks the password and prints {"token","baseUrl"} once; token list never prints it', async () => {
  const wrong = await runCli([
    'token',
    'create',
    '--tenant',
    'acme',
    '--admin-password',
    'not the password',
    '--data',
    data.dir,
    '--json',
  ]);
  assert.notEqual(wrong.code, 0);
  assert.equal(wrong.stdout, '');
  assert.deepEqual(JSON.parse(wrong.stderr), {
    error: {
      code: 'unauthorized',
      message: 'the email or password is wrong for tenant "acme"',
      field: null,
    },
  });

  const r = await runCli(['token', 'create', '--tenant', 'acme', '--data', data.dir, '--json'], {
    ROSTER_ADMIN_PASSWORD: password,
  });
  assert.equal(r.code, 0, r.stderr);
  const minted = JSON.parse(r.stdout);
  assert.deepEqual(Object.keys(minted), ['token', 'baseUrl']);
  assert.match(minted.token, /^rst_[\w-]{43}$/);
  assert.equal(minted.baseUrl, 'http://localhost:8080/scim/v2/acme');

  for (const args of [
    ['token', 'list', '--tenant', 'acme', '--data', data.dir],
    ['token', 'list', '--tenant', 'acme', '--data', data.dir, '--json'],
  ]) {
    const list = await runCli(args);
    assert.equal(list.code, 0, list.stderr);
    assert.equal(list.stdout.includes(minted.token), false);
    assert.equal(list.stdout.includes(minted.token.slice(0, 10)), true, 'the prefix is shown');
  }
  const human = await runCli(['token', 'list', '--tenant', 'acme', '--data', data.dir]);
  assert.match(human.stdout, /^ID\s+PREFIX\s+CREATED\s+LAST USED\s+STATUS\n/);
  assert.match(human.stdout, /never\s+live/);
});

test('token revoke marks the token revoked; revoking it again fails in words', async () => {
  await runCli([
    'token',
    'create',
    '--tenant',
    'acme',
    '--admin-password',
    password,
    '--data',
    data.dir,
    '--json',
  ]);
  const { tokens } = JSON.parse(
    (await runCli(['token', 'list', '--tenant', 'acme', '--data', data.dir, '--json'])).stdout,
  );
  const live = tokens.find((t: { revoked: string | null }) => t.revoked === null);
  const r = await runCli([
    'token',
    'revoke',
    '--tenant',
    'acme',
    live.id,
    '--data',
    data.dir,
    '--json',
  ]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(JSON.parse(r.stdout), { revoked: live.id });
  const after = JSON.parse(
    (await runCli(['token', 'list', '--tenant', 'acme', '--data', data.dir, '--json'])).stdout,
  );
  assert.notEqual(after.tokens.find((t: { id: string }) => t.id === live.id).revoked, null);
  const again = await runCli(['token', 'revoke', '--tenant', 'acme', live.id, '--data', data.dir]);
  assert.equal(again.code, 1);
  assert.match(again.stderr, /has no live token with id/);
});

test('commands on an unknown tenant name it; ROSTER_DATA_DIR works like --data', async () => {
  const r = await runCli(['token', 'list', '--tenant', 'nope'], { ROSTER_DATA_DIR: data.dir });
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: there is no tenant named "nope"\n');
  const list = await runCli(['tenant', 'list'], { ROSTER_DATA_DIR: data.dir });
  assert.match(
    list.stdout,
    /^TENANT\s+BASE URL\s+PROFILE\s+CREATED\nacme\s+http:\/\/localhost:8080\/scim\/v2\/acme/,
  );
});

test('the scim commands still work through main.ts', async () => {
  const r = await runCli(['scim', 'filter', 'userName eq "a"']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, 'userName eq "a"\n');
});
