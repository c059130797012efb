import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Hono } from 'hono';
import { Registry } from 'prom-client';
import { createServerApp, type ServerLog } from '../../src/api/index.ts';
import { createProvisionedResources } from '../../src/scim-server/index.ts';
import { createAccountsFixture } from './support.ts';

function recorder() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const at = (level: string) => (fields: Record<string, unknown>, message: string) =>
    lines.push({ level, fields, message });
  const log: ServerLog = { debug: at('debug'), info: at('info'), error: at('error') };
  return { log, lines };
}

async function serverFixture(ping: () => Promise<unknown> = async () => undefined) {
  const { accounts, store, clock } = await createAccountsFixture();
  const { log, lines } = recorder();
  const registry = new Registry();
  const scim = new Hono();
  scim.get('/scim/v2/:tenant/ServiceProviderConfig', (c) =>
    c.json({ tenant: c.req.param('tenant') }),
  );
  const app = createServerApp({
    api: {
      accounts,
      provisioned: createProvisionedResources({ store }),
      clock,
      adminToken: 'operator-secret-0123456789',
    },
    scim,
    ping,
    registry,
    log,
    apiBodyBytes: 1024,
    importBodyBytes: 4096,
  });
  return { app, lines, registry };
}

test('GET /healthz answers 200 {"status":"ok"} when the store answers, 503 when it does not', async () => {
  const up = await serverFixture();
  const ok = await up.app.request('/healthz');
  assert.equal(ok.status, 200);
  assert.deepEqual(await ok.json(), { status: 'ok' });
  const down = await serverFixture(() => Promise.reject(new Error('disk gone')));
  const failed = await down.app.request('/healthz');
  assert.equal(failed.status, 503);
  assert.deepEqual(await failed.json(), {
    status: 'unavailable',
    reason: 'the database did not answer',
  });
  assert.equal(
    down.lines.find((l) => l.level === 'error')?.message,
    'health check failed: the database did not answer',
  );
});

test('GET /metrics is Prometheus text with request counts by route pattern', async () => {
  const { app } = await serverFixture();
  await app.request('/scim/v2/acme/ServiceProviderConfig');
  await app.request('/api/v1/tenants/acme/tokens');
  const r = await app.request('/metrics');
  assert.match(r.headers.get('content-type')!, /^text\/plain/);
  const text = await r.text();
  assert.equal(text.includes('route="/scim'), false, 'the SCIM app counts its own requests');
  assert.match(
    text,
    /roster_http_requests_total\{method="GET",route="\/api\/v1\/tenants\/:tenant\/tokens",status="401"\} 1/,
  );
});

test('/api/openapi.json leads to the current version of the OpenAPI document', async () => {
  const { app } = await serverFixture();
  const r = await app.request('/api/openapi.json');
  assert.equal(r.status, 308);
  assert.equal(r.headers.get('location'), '/api/v1/openapi.json');
});

test('the SCIM app is mounted at the root', async () => {
  const { app } = await serverFixture();
  const r = await app.request('/scim/v2/acme/ServiceProviderConfig');
  assert.deepEqual(await r.json(), { tenant: 'acme' });
});

test('admin API bodies past the limit get 413 in the API error shape', async () => {
  const { app } = await serverFixture();
  const r = await app.request('/api/v1/tenants', {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: 'Bearer operator-secret-0123456789',
    },
    body: JSON.stringify({ name: 'x'.repeat(2000) }),
  });
  assert.equal(r.status, 413);
  assert.deepEqual(await r.json(), {
    error: {
      code: 'tooLarge',
      message: "the request body is larger than 1024 bytes, the admin API's limit",
      field: null,
    },
  });
});

test('a directory import has its own, larger body limit', async () => {
  const { app } = await serverFixture();
  const big = 'x'.repeat(2000);
  const blocked = await app.request('/api/v1/directory/import', {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: big.repeat(3000),
  });
  assert.equal(blocked.status, 413);
  assert.match(
    ((await blocked.json()) as { error: { message: string } }).error.message,
    /larger than 4096 bytes, the limit of a directory import/,
  );
  const passed = await app.request('/api/v1/directory/import', {
    method: 'POST',
    headers: { 'content-type': 'text/csv' },
    body: big,
  });
  assert.notEqual(
    passed.status,
    413,
    'a 2,000-byte file passes the import limit though the API limit is 1,024',
  );
});

test('request logs carry method, path and route, never query strings or credentials', async () => {
  const { app, lines } = await serverFixture();
  await app.request('/api/v1/tenants/acme/users?filter=userName%20eq%20%22secret%22', {
    headers: { authorization: 'Bearer operator-secret-0123456789' },
  });
  await app.request('/scim/v2/acme/ServiceProviderConfig');
  const logged = JSON.stringify(lines);
  assert.equal(logged.includes('operator-secret'), false);
  assert.equal(logged.includes('secret%22'), false);
  const request = lines.find((l) => l.message === 'http request')!;
  assert.deepEqual(Object.keys(request.fields).sort(), ['method', 'ms', 'path', 'route', 'status']);
  assert.equal(request.fields.path, '/api/v1/tenants/acme/users');
  // /scim requests are logged by the SCIM app itself, not twice.
  assert.equal(lines.filter((l) => String(l.fields.path).startsWith('/scim')).length, 0);
});
