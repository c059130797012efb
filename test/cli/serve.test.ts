import assert from 'node:assert/strict';
import { once } from 'node:events';
import { test } from 'node:test';
import { cleanEnv, main, root, spawn, tempDataDir } from './run-cli.ts';

async function poll(url: string, deadline: number): Promise<Response> {
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

test('serve --port 0 listens on a free port, answers /healthz and the SCIM Base URL tenants get, and stops on SIGTERM', async (t) => {
  const data = tempDataDir();
  t.after(() => data.remove());
  const child = spawn(process.execPath, [main, 'serve', '--port', '0', '--data', data.dir], {
    cwd: root,
    env: cleanEnv({ ROSTER_ADMIN_TOKEN: 'operator-secret-0123456789', ROSTER_LOG_LEVEL: 'info' }),
  });
  t.after(() => child.exitCode === null && child.kill('SIGKILL'));
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  while (!/serving on (http:\/\/localhost:\d+)/.test(stdout)) {
    if (child.exitCode !== null) assert.fail(`serve exited early: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const base = /serving on (http:\/\/localhost:\d+)/.exec(stdout)![1]!;
  assert.notEqual(base, 'http://localhost:0');
  const health = await poll(`${base}/healthz`, Date.now() + 10_000);
  assert.equal(health.status, 200);
  assert.deepEqual(await health.json(), { status: 'ok' });

  const created = await fetch(`${base}/api/v1/tenants`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer operator-secret-0123456789',
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      name: 'acme',
      adminEmail: 'admin@acme.test',
      adminPassword: 'correct horse battery',
    }),
  });
  assert.equal(created.status, 201);
  assert.equal(((await created.json()) as { baseUrl: string }).baseUrl, `${base}/scim/v2/acme`);

  // The tutorial over HTTP: sign in, re-enter the password for a token, call SCIM with it.
  const json = { 'content-type': 'application/json' };
  const signIn = await fetch(`${base}/api/v1/tenants/acme/session`, {
    method: 'POST',
    headers: json,
    body: JSON.stringify({ email: 'admin@acme.test', password: 'correct horse battery' }),
  });
  const { session } = (await signIn.json()) as { session: string };
  const minted = await fetch(`${base}/api/v1/tenants/acme/tokens`, {
    method: 'POST',
    headers: { ...json, authorization: `Bearer ${session}` },
    body: JSON.stringify({ password: 'correct horse battery' }),
  });
  const { token, baseUrl } = (await minted.json()) as { token: string; baseUrl: string };
  const users = await fetch(`${baseUrl}/Users`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(users.status, 200);
  assert.match(users.headers.get('content-type')!, /^application\/scim\+json/);

  child.kill('SIGTERM');
  const [code] = await once(child, 'exit');
  assert.equal(code, 0, stderr);
  assert.match(stdout, /Roster stopped\.\n$/);
  const logs = stderr
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.ok(logs.some((l) => l.msg === 'roster is serving'));
  assert.ok(logs.some((l) => l.msg === 'roster is stopping' && l.signal === 'SIGTERM'));
  assert.equal(stderr.includes('operator-secret'), false, 'the operator token is never logged');
  assert.equal(stderr.includes('correct horse'), false, 'passwords are never logged');
  assert.equal(stderr.includes(token), false, 'Secret Tokens are never logged');
  assert.equal(stderr.includes(session), false, 'sessions are never logged');
});
