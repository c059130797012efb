import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { ConfigError, compose, loadConfig } from '../../src/compose.ts';

const token = 'operator-secret-0123456789';

test('defaults: ./data, port 8080, http://localhost:8080, info, no operator token', () => {
  assert.deepEqual(loadConfig({}, {}), {
    dataDir: './data',
    databaseUrl: undefined,
    port: 8080,
    publicUrl: 'http://localhost:8080',
    adminToken: undefined,
    logLevel: 'info',
    scimLimits: {},
    secretKey: undefined,
    smtp: undefined,
    provisioning: { runner: 'in-process', quarantine: {} },
    provisioningLeaseSeconds: undefined,
    sqliteCacheEntries: undefined,
  });
});

test('flags beat the environment, which beats the config file', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'roster.json');
  writeFileSync(
    file,
    JSON.stringify({
      dataDir: 'from-file',
      port: 7000,
      logLevel: 'warn',
      adminToken: token,
      scimLimits: { bodyBytes: 1_000_000, ratePerSecond: 0 },
    }),
  );
  assert.deepEqual(loadConfig({ config: file }, {}), {
    dataDir: path.join(dir, 'from-file'),
    databaseUrl: undefined,
    port: 7000,
    publicUrl: 'http://localhost:7000',
    adminToken: token,
    logLevel: 'warn',
    scimLimits: { bodyBytes: 1_000_000, ratePerSecond: 0 },
    secretKey: undefined,
    smtp: undefined,
    provisioning: { runner: 'in-process', quarantine: {} },
    provisioningLeaseSeconds: undefined,
    sqliteCacheEntries: undefined,
  });
  const env = {
    ROSTER_CONFIG: file,
    ROSTER_DATA_DIR: '/env/data',
    PORT: '9000',
    ROSTER_PUBLIC_URL: 'https://roster.example/',
  };
  const fromEnv = loadConfig({}, env);
  assert.deepEqual(
    [fromEnv.dataDir, fromEnv.port, fromEnv.publicUrl, fromEnv.logLevel],
    ['/env/data', 9000, 'https://roster.example', 'warn'],
  );
  assert.equal(
    loadConfig({}, { ROSTER_PROVISIONING_LEASE_SECONDS: '3' }).provisioningLeaseSeconds,
    3,
  );
  assert.throws(
    () => loadConfig({}, { ROSTER_PROVISIONING_LEASE_SECONDS: '0' }),
    /ROSTER_PROVISIONING_LEASE_SECONDS must be at least 1 second/,
  );
  assert.equal(loadConfig({}, { ROSTER_SQLITE_CACHE_ENTRIES: '0' }).sqliteCacheEntries, 0);
  assert.throws(
    () => loadConfig({}, { ROSTER_SQLITE_CACHE_ENTRIES: '-5' }),
    /ROSTER_SQLITE_CACHE_ENTRIES must be 0 \(no cache\) or more/,
  );
  const fromFlags = loadConfig({ data: '/flag/data', port: 9100 }, env);
  assert.deepEqual([fromFlags.dataDir, fromFlags.port], ['/flag/data', 9100]);
  const postgres = 'postgres://roster:secret@db.internal:5432/roster';
  assert.equal(loadConfig({}, { DATABASE_URL: postgres }).databaseUrl, postgres);
  // On PostgreSQL cycles run on graphile-worker unless the configuration says in-process.
  assert.equal(loadConfig({}, { DATABASE_URL: postgres }).provisioning.runner, 'graphile-worker');
  assert.equal(
    loadConfig({}, { DATABASE_URL: postgres, ROSTER_PROVISIONING_RUNNER: 'in-process' })
      .provisioning.runner,
    'in-process',
  );
  assert.equal(
    loadConfig({ databaseUrl: `${postgres}_flag` }, { DATABASE_URL: postgres }).databaseUrl,
    `${postgres}_flag`,
  );
});

test('bad settings are refused in words naming the setting and its source', (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-config-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'roster.json');
  writeFileSync(file, JSON.stringify({ prot: 80 }));
  const refused = (fn: () => unknown, message: RegExp) =>
    assert.throws(fn, (e) => e instanceof ConfigError && message.test(e.message));
  refused(
    () => loadConfig({}, { PORT: 'eighty' }),
    /^environment: PORT must be a port number from 0 to 65535/,
  );
  refused(() => loadConfig({}, { PORT: '70000' }), /^environment: PORT /);
  refused(
    () => loadConfig({}, { ROSTER_PUBLIC_URL: 'ftp://x' }),
    /^environment: ROSTER_PUBLIC_URL /,
  );
  refused(
    () => loadConfig({}, { ROSTER_ADMIN_TOKEN: 'short' }),
    /^environment: ROSTER_ADMIN_TOKEN is too short: use at least 16 random characters/,
  );
  refused(
    () => loadConfig({}, { ROSTER_LOG_LEVEL: 'loud' }),
    /^environment: ROSTER_LOG_LEVEL must be one of: fatal, error/,
  );
  refused(
    () => loadConfig({ config: file }, {}),
    /config file .*roster\.json: prot is not a setting \(known: dataDir, databaseUrl, port, publicUrl, adminToken, logLevel, scimLimits, provisioning, secretKey, smtp, provisioningLeaseSeconds, sqliteCacheEntries\)/,
  );
  refused(
    () => loadConfig({ config: path.join(dir, 'missing.json') }, {}),
    /config file .*missing\.json cannot be read/,
  );
  writeFileSync(file, JSON.stringify({ scimLimits: { bodyByte: 5 } }));
  refused(
    () => loadConfig({ config: file }, {}),
    /: scimLimits\.bodyByte is not a setting \(known: bodyBytes, /,
  );
  writeFileSync(file, JSON.stringify({ scimLimits: { bodyBytes: 'big' } }));
  refused(() => loadConfig({ config: file }, {}), /: scimLimits\.bodyBytes must be a number$/);
  writeFileSync(file, JSON.stringify({ provisioning: { runner: 'graphile-worker' } }));
  refused(
    () => loadConfig({ config: file }, {}),
    /^provisioning\.runner graphile-worker needs PostgreSQL: set databaseUrl/,
  );
  writeFileSync(file, JSON.stringify({ provisioning: { runners: 2 } }));
  refused(
    () => loadConfig({ config: file }, {}),
    /: provisioning\.runners is not a setting \(known: runner, workerSchema, concurrency, /,
  );
  refused(
    () => loadConfig({}, { ROSTER_PROVISIONING_RUNNER: 'cron' }),
    /^environment: ROSTER_PROVISIONING_RUNNER must be one of: in-process, graphile-worker/,
  );
  writeFileSync(file, '{ nope');
  refused(() => loadConfig({ config: file }, {}), /is not valid JSON/);
});

test('compose opens <dataDir>/roster.db and serves healthz, the admin API and metrics; config hides the token', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-compose-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const app = await compose({
    data: dir,
    env: { ROSTER_ADMIN_TOKEN: token, ROSTER_LOG_LEVEL: 'silent' },
  });
  try {
    assert.deepEqual(app.config, {
      dataDir: dir,
      database: 'sqlite',
      port: 8080,
      publicUrl: 'http://localhost:8080',
      logLevel: 'silent',
      operatorApi: true,
      runner: 'in-process',
    });
    assert.equal(JSON.stringify(app.config).includes(token), false);
    assert.deepEqual(await (await app.fetch(new Request('http://x/healthz'))).json(), {
      status: 'ok',
    });
    const created = await app.fetch(
      new Request('http://x/api/v1/tenants', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'acme',
          adminEmail: 'admin@acme.test',
          adminPassword: 'correct horse battery',
        }),
      }),
    );
    assert.equal(created.status, 201);
    assert.equal(
      (await app.accounts.getTenant('acme')).baseUrl,
      'http://localhost:8080/scim/v2/acme',
    );
    assert.match(
      await (await app.fetch(new Request('http://x/metrics'))).text(),
      /process_cpu_user_seconds_total/,
    );
  } finally {
    await app.close();
  }
  // The data survives in the file.
  const again = await compose({ data: dir, env: { ROSTER_LOG_LEVEL: 'silent' } });
  try {
    assert.deepEqual(
      (await again.accounts.listTenants()).map((x) => x.tenant),
      ['acme'],
    );
  } finally {
    await again.close();
  }
});

test('the tutorial end to end: tenant, Base URL, token after password re-entry, SCIM answers with it', async (t) => {
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-compose-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const app = await compose({
    data: dir,
    env: { ROSTER_LOG_LEVEL: 'silent', ROSTER_PUBLIC_URL: 'https://roster.example' },
  });
  try {
    const { baseUrl } = await app.accounts.createTenant(
      'acme',
      'admin@acme.test',
      'correct horse battery',
      { groups: false, userNameIsEmail: true },
    );
    await app.accounts.createTenant('beta', 'admin@beta.test', 'correct horse battery');
    const { token } = await app.accounts.mintToken('acme', 'correct horse battery');
    const scim = (url: string, bearer = token) =>
      app.fetch(
        new Request(url.replace('https://roster.example', 'http://x'), {
          headers: { authorization: `Bearer ${bearer}` },
        }),
      );
    const users = await scim(`${baseUrl}/Users`);
    assert.equal(users.status, 200);
    assert.equal(((await users.json()) as { totalResults: number }).totalResults, 0);
    assert.equal(
      (await scim('https://roster.example/scim/v2/beta/Users')).status,
      401,
      "acme's token does not open beta",
    );
    assert.equal((await scim(`${baseUrl}/Users`, 'rst_not-a-token')).status, 401);
    const [listed] = await app.accounts.listTokens('acme');
    await app.accounts.revokeToken('acme', listed!.id);
  } finally {
    await app.close();
  }
});
