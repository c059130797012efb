/**
 * Many app-side servers on one PostgreSQL: three `roster serve` processes share a database and
 * are driven at once. Uniqueness and member additions must hold across processes, with no 500.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { mintSecretToken } from '../../src/scim-server/index.ts';
import { openPostgresStore } from '../../src/store/postgres/index.ts';

const databaseUrl = process.env.DATABASE_URL;
const main = path.join(import.meta.dirname, '../../src/main.ts');
const skip = databaseUrl
  ? undefined
  : 'PostgreSQL suites skipped: DATABASE_URL is not set (bash .ci/run sets it)';

async function freshSchemaUrl(url: string): Promise<string> {
  const schema = `three_${process.pid}_${Date.now()}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  return `${url}${url.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
}

// The per-token rate limit is not what this test measures.
const config = path.join(mkdtempSync(path.join(tmpdir(), 'roster-three-')), 'roster.json');
writeFileSync(config, JSON.stringify({ scimLimits: { ratePerSecond: 1e6, burst: 1e6 } }));

function startServer(url: string): Promise<{ child: ChildProcess; base: string }> {
  const args = [main, 'serve', '--port', '0', '--database-url', url, '--config', config];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ROSTER_LOG_LEVEL: 'error', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /serving on (http:\/\/\S+) /.exec(out);
      if (match) resolve({ child, base: match[1]! });
    });
    child.once('exit', (code) => reject(new Error(`roster serve exited with ${code}: ${out}`)));
  });
}

/** Runs `tasks` with at most `limit` in flight. */
async function pool<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: limit }, worker));
  return results;
}

describe('three roster servers on one PostgreSQL', { skip }, () => {
  const servers: { child: ChildProcess; base: string }[] = [];
  let token = '';
  before(async () => {
    const url = await freshSchemaUrl(databaseUrl!);
    const store = await openPostgresStore({ connectionString: url });
    const tenant = await store.tenants.create('shared', {});
    const minted = mintSecretToken();
    await store.tokens.create(tenant.id, minted.prefix, minted.hash);
    token = minted.token;
    await store.close();
    servers.push(...(await Promise.all([startServer(url), startServer(url), startServer(url)])));
  });
  after(async () => {
    await Promise.all(
      servers.map(
        ({ child }) =>
          new Promise((resolve) => {
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
      ),
    );
  });

  const call = (i: number, method: string, route: string, body?: unknown) =>
    fetch(`${servers[i % 3]!.base}/scim/v2/shared${route}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const json = async <T>(response: Promise<Response>) => (await (await response).json()) as T;

  test('3,000 creates with 10% duplicate userNames: one 201 per userName, 409 for the rest', async () => {
    const names = Array.from({ length: 2700 }, (_, i) => `Person${i}@Shared.test`);
    // 300 names are sent twice, the second time in another case and to another server.
    const sends = [...names.map((n) => n), ...names.slice(0, 300).map((n) => n.toLowerCase())];
    const statuses = await pool(
      sends.map((userName, i) => async () => {
        const response = await call(i, 'POST', '/Users', {
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName,
        });
        await response.arrayBuffer();
        return { userName: userName.toLowerCase(), status: response.status };
      }),
      60,
    );
    const byName = new Map<string, number[]>();
    for (const { userName, status } of statuses)
      byName.set(userName, [...(byName.get(userName) ?? []), status]);
    assert.equal(byName.size, 2700);
    for (const [name, seen] of byName) {
      assert.equal(seen.filter((s) => s === 201).length, 1, `${name}: ${seen.join(', ')}`);
      assert.ok(
        seen.every((s) => s === 201 || s === 409),
        `${name}: ${seen.join(', ')}`,
      );
    }
    assert.equal(statuses.filter((s) => s.status === 409).length, 300);
    const listed = await json<{ totalResults: number }>(call(0, 'GET', '/Users?count=0'));
    assert.equal(listed.totalResults, 2700);
  });

  test('1,000 concurrent member additions to one group from the three servers all land', async () => {
    const group = await json<{ id: string }>(
      call(0, 'POST', '/Groups', {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
        displayName: 'Everyone',
      }),
    );
    const page = await json<{ Resources: { id: string }[] }>(
      call(1, 'GET', '/Users?count=1000&attributes=id'),
    );
    const ids = page.Resources.map((r) => r.id);
    assert.equal(ids.length, 1000);
    const statuses = await pool(
      ids.map((id, i) => async () => {
        const response = await call(i, 'PATCH', `/Groups/${group.id}`, {
          schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
          Operations: [{ op: 'Add', path: 'members', value: [{ value: id }] }],
        });
        await response.arrayBuffer();
        return response.status;
      }),
      60,
    );
    assert.deepEqual(
      [...new Set(statuses)].sort(),
      [204],
      `statuses: ${[...new Set(statuses)].join(', ')}`,
    );
    const stored = await json<{ members: unknown[] }>(call(2, 'GET', `/Groups/${group.id}`));
    assert.equal(stored.members.length, 1000);
  });
});
