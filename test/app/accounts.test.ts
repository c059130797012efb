import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashSecretToken, isAccountError } from '../../src/scim-server/index.ts';
import { createAccountsFixture, password } from './support.ts';

test('createTenant stores the tenant, its admin (hashed) and its profile; the Base URL names it', async () => {
  const { accounts, store } = await createAccountsFixture('https://roster.example/');
  const created = await accounts.createTenant('acme', 'Admin@Acme.test', password, {
    groups: false,
  });
  assert.deepEqual(created, {
    tenant: 'acme',
    baseUrl: 'https://roster.example/scim/v2/acme',
    profile: { groups: false },
    created: '2026-01-01T00:00:00.000Z',
  });
  const tenant = await store.tenants.byName('acme');
  const [admin] = await store.admins.list(tenant!.id);
  assert.equal(admin!.email, 'admin@acme.test');
  assert.match(admin!.passwordHash, /^scrypt\$/);
  assert.equal(admin!.passwordHash.includes(password), false);
  assert.deepEqual(await accounts.listTenants(), [created]);
});

test('createTenant refuses a taken name, a bad name, a bad email and a short password, before writing', async () => {
  const { accounts, store } = await createAccountsFixture();
  await accounts.createTenant('acme', 'admin@acme.test', password);
  const refused = async (
    args: [string, string, string],
    kind: string,
    field: string,
    message: RegExp,
  ) =>
    assert.rejects(accounts.createTenant(...args), (e) => {
      assert.ok(isAccountError(e));
      assert.deepEqual([e.kind, e.field], [kind, field]);
      assert.match(e.message, message);
      return true;
    });
  await refused(
    ['acme', 'other@acme.test', password],
    'conflict',
    'name',
    /a tenant named "acme" already exists/,
  );
  await refused(['Beta', 'a@beta.test', password], 'invalid', 'name', /upper-case/);
  await refused(
    ['beta', 'not-an-email', password],
    'invalid',
    'adminEmail',
    /not an email address/,
  );
  await refused(
    ['beta', 'a@beta.test', 'short'],
    'invalid',
    'adminPassword',
    /at least|12 to 1024/,
  );
  assert.equal((await store.tenants.list()).length, 1);
});

test('signIn takes the right password, any case of the email, and hides whether an email exists', async () => {
  const { accounts } = await createAccountsFixture();
  await accounts.createTenant('acme', 'admin@acme.test', password);
  const admin = await accounts.signIn('acme', 'ADMIN@acme.test', password);
  assert.equal(admin.email, 'admin@acme.test');
  assert.equal(admin.tenant.tenant, 'acme');
  const wrongPassword = await accounts
    .signIn('acme', 'admin@acme.test', 'wrong password!')
    .catch((e) => e);
  const wrongEmail = await accounts.signIn('acme', 'nobody@acme.test', password).catch((e) => e);
  assert.ok(isAccountError(wrongPassword, 'unauthorized'));
  assert.ok(isAccountError(wrongEmail, 'unauthorized'));
  assert.equal(wrongPassword.message, wrongEmail.message);
  assert.equal(wrongPassword.message, 'the email or password is wrong for tenant "acme"');
  await assert.rejects(
    accounts.signIn('nope', 'admin@acme.test', password),
    (e) => isAccountError(e, 'notFound') && e.field === 'tenant',
  );
});

test('the 5th wrong password locks for 30 s, the next for 60 s; a success resets the count', async () => {
  const { accounts, clock, store } = await createAccountsFixture();
  await accounts.createTenant('acme', 'admin@acme.test', password);
  const attempt = (p: string) =>
    accounts.signIn('acme', 'admin@acme.test', p).then(
      () => 'ok',
      (e) => (isAccountError(e) ? `${e.kind}${e.retryAfter ? ` ${e.retryAfter}` : ''}` : e),
    );
  for (let i = 1; i <= 4; i++)
    assert.equal(await attempt('wrong password!'), 'unauthorized', `failure ${i}`);
  assert.equal(await attempt('wrong password!'), 'unauthorized');
  // Locked now: even the right password is refused, and the refusal does not count.
  assert.equal(await attempt(password), 'locked 30');
  clock.advance(29);
  assert.equal(await attempt(password), 'locked 1');
  clock.advance(1);
  assert.equal(await attempt('wrong password!'), 'unauthorized');
  assert.equal(await attempt(password), 'locked 60');
  clock.advance(60);
  assert.equal(await attempt(password), 'ok');
  const tenant = await store.tenants.byName('acme');
  const admin = await store.admins.byEmail(tenant!.id, 'admin@acme.test');
  assert.deepEqual([admin!.failedAttempts, admin!.lockedUntil], [0, null]);
  assert.equal(await attempt('wrong password!'), 'unauthorized');
  assert.equal(await attempt(password), 'ok');
});

test('an unknown email meets the same lock, so "locked" does not betray an existing email', async () => {
  const { accounts } = await createAccountsFixture();
  await accounts.createTenant('acme', 'admin@acme.test', password);
  const outcome = (e: unknown) => (isAccountError(e) ? e.kind : 'ok');
  for (let i = 0; i < 5; i++)
    await accounts.signIn('acme', 'ghost@acme.test', password).catch(() => {});
  const locked = await accounts.signIn('acme', 'ghost@acme.test', password).catch((e) => e);
  assert.equal(outcome(locked), 'locked');
  assert.equal(locked.retryAfter, 30);
});

test('parallel wrong guesses are counted one by one', async () => {
  const { accounts } = await createAccountsFixture();
  await accounts.createTenant('acme', 'admin@acme.test', password);
  const results = await Promise.all(
    Array.from({ length: 8 }, () =>
      accounts.signIn('acme', 'admin@acme.test', 'wrong password!').catch((e) => e.kind),
    ),
  );
  assert.deepEqual(results, [
    'unauthorized',
    'unauthorized',
    'unauthorized',
    'unauthorized',
    'unauthorized',
    'locked',
    'locked',
    'locked',
  ]);
});

test('mintToken needs the admin password, returns the token once, and stores only its hash', async () => {
  const { accounts, store } = await createAccountsFixture();
  await accounts.createTenant('acme', 'admin@acme.test', password);
  await assert.rejects(accounts.mintToken('acme', 'wrong password!'), (e) =>
    isAccountError(e, 'unauthorized'),
  );
  const minted = await accounts.mintToken('acme', password);
  assert.match(minted.token, /^rst_[\w-]{43}$/);
  assert.equal(minted.baseUrl, 'http://localhost:8080/scim/v2/acme');
  assert.equal(minted.token.startsWith(minted.prefix), true);
  const listed = await accounts.listTokens('acme');
  assert.deepEqual(listed, [
    {
      id: minted.id,
      prefix: minted.prefix,
      created: minted.created,
      lastUsed: null,
      revoked: null,
    },
  ]);
  assert.equal(JSON.stringify(listed).includes(minted.token), false);
  const tenant = await store.tenants.byName('acme');
  const [row] = await store.tokens.list(tenant!.id);
  assert.equal(JSON.stringify(row).includes(minted.token), false);
  const live = await store.tokens.byHash(hashSecretToken(minted.token));
  assert.equal(live?.id, minted.id);
});

test('mintToken asks which admin when a tenant has several', async () => {
  const { accounts, store } = await createAccountsFixture();
  await accounts.createTenant('acme', 'admin@acme.test', password);
  const tenant = await store.tenants.byName('acme');
  const [first] = await store.admins.list(tenant!.id);
  await store.admins.create(tenant!.id, 'second@acme.test', first!.passwordHash);
  await assert.rejects(
    accounts.mintToken('acme', password),
    (e) => isAccountError(e, 'invalid') && e.field === 'email' && /has 2 admins/.test(e.message),
  );
  assert.match((await accounts.mintToken('acme', password, 'second@acme.test')).token, /^rst_/);
});

test('revokeToken marks the token revoked once; a second revoke or an unknown id is notFound', async () => {
  const { accounts, clock } = await createAccountsFixture();
  await accounts.createTenant('acme', 'admin@acme.test', password);
  await accounts.createTenant('beta', 'admin@beta.test', password);
  const minted = await accounts.mintToken('acme', password);
  await assert.rejects(
    accounts.revokeToken('beta', minted.id),
    (e) => isAccountError(e, 'notFound') && e.field === 'id',
  );
  clock.advance(5);
  await accounts.revokeToken('acme', minted.id);
  const [listed] = await accounts.listTokens('acme');
  assert.equal(listed!.revoked, '2026-01-01T00:00:05.000Z');
  await assert.rejects(accounts.revokeToken('acme', minted.id), /no live token with id/);
});

test('setProfile replaces the stored profile', async () => {
  const { accounts, store } = await createAccountsFixture();
  await accounts.createTenant('acme', 'admin@acme.test', password);
  await accounts.setProfile('acme', {
    groups: false,
    userNameIsEmail: true,
    allowedEmailDomains: ['acme.test'],
  });
  assert.deepEqual((await store.tenants.byName('acme'))!.profile, {
    groups: false,
    userNameIsEmail: true,
    allowedEmailDomains: ['acme.test'],
  });
  await assert.rejects(accounts.setProfile('nope', {}), (e) => isAccountError(e, 'notFound'));
});
