import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Hono } from 'hono';
import { serveConsole } from './console-static.ts';

function appWith(dir: string) {
  const app = new Hono();
  app.get('/api/v1/ping', (c) => c.json({ ok: true }));
  app.get('*', serveConsole({ dir }));
  return app;
}

function builtConsole(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-console-'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>console</title>');
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(path.join(dir, 'robots.txt'), 'User-agent: *');
  writeFileSync(path.join(path.dirname(dir), 'secret.txt'), 'outside');
  return dir;
}

test('the console: index.html at / and at client routes, never cached, with a CSP', async () => {
  const app = appWith(builtConsole());
  for (const route of ['/', '/identity/apps/new', '/app/acme/integrations/scim']) {
    const response = await app.request(route);
    assert.equal(response.status, 200, route);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.equal(response.headers.get('cache-control'), 'no-cache');
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'self'/);
    assert.match(await response.text(), /<title>console/);
  }
});

test('hashed assets are cached for a year; other files briefly; HEAD has no body', async () => {
  const app = appWith(builtConsole());
  const asset = await app.request('/assets/index-abc123.js');
  assert.equal(asset.status, 200);
  assert.equal(asset.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.match(asset.headers.get('content-type') ?? '', /^text\/javascript/);
  assert.equal(await asset.text(), 'console.log(1)');
  const robots = await app.request('/robots.txt');
  assert.equal(robots.headers.get('cache-control'), 'public, max-age=300');
  const head = await app.request('/assets/index-abc123.js', { method: 'HEAD' });
  assert.equal(head.status, 200);
  assert.equal(await head.text(), '');
});

test('missing files, server paths and paths out of the folder are 404, not index.html', async () => {
  const app = appWith(builtConsole());
  for (const route of [
    '/assets/index-gone.js',
    '/favicon.ico',
    '/api/v2/tenants',
    '/scim',
    '/metrics/x',
    '/..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
  ]) {
    const response = await app.request(route);
    assert.equal(response.status, 404, route);
    assert.doesNotMatch(await response.text(), /outside|<title>/, route);
  }
  assert.equal((await app.request('/api/v1/ping')).status, 200);
});

test('an unbuilt console answers 503 saying how to build it', async () => {
  const app = appWith(path.join(tmpdir(), 'roster-console-missing-dir'));
  const response = await app.request('/identity');
  assert.equal(response.status, 503);
  assert.match(await response.text(), /npm run build:console/);
});
