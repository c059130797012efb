/**
 * CPU time per request of the SCIM server, the number to decide on when the machine is shared
 * (throughput moves with every other process; the server's own CPU per request barely does).
 * Starts bench/servers.ts (ceiling, then Roster on a SQLite file seeded once and reused), sends
 * a fixed number of requests per scenario with autocannon, and reads the server's user+system
 * CPU time from /proc before and after.
 *
 *   node bench/cpu-per-request.ts [--users N] [--requests N] [--connections N] [--db FILE]
 *     [--database-url URL] [--only NAME] [--server-flags="--cpu-prof --cpu-prof-dir=DIR"]
 * With --database-url the server runs on that PostgreSQL database, seeded on first use (its
 * ids are kept beside the SQLite file's, keyed by the URL's database name).
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { processCpuMicros } from './process-cpu.ts';
import { type Seeded, seedTenant } from './seed.ts';
import { openStore } from './store-url.ts';

const { values } = parseArgs({
  options: {
    users: { type: 'string', default: '100000' },
    requests: { type: 'string', default: '20000' },
    connections: { type: 'string', default: '50' },
    db: { type: 'string' },
    'database-url': { type: 'string' },
    only: { type: 'string' },
    'server-flags': { type: 'string', default: '' },
  },
});
const users = Number(values.users);
const amount = Number(values.requests);
const file = values.db ?? path.join(tmpdir(), `roster-cpu-bench-${users}.db`);
const databaseUrl = values['database-url'];
const storeUrl = databaseUrl ?? `sqlite:${file}`;
const sidecar = databaseUrl
  ? `${file}.${new URL(databaseUrl).pathname.slice(1) || 'postgres'}.json`
  : `${file}.json`;

async function seeded(): Promise<Seeded> {
  if ((databaseUrl || existsSync(file)) && existsSync(sidecar))
    return JSON.parse(readFileSync(sidecar, 'utf8'));
  const store = await openStore(storeUrl);
  const result = await seedTenant(store, 'bench', users, 20000, console.log);
  await store.close();
  writeFileSync(sidecar, JSON.stringify(result));
  return result;
}

async function start(...args: string[]) {
  const flags = values['server-flags']!.split(' ').filter(Boolean);
  const child = spawn(
    process.execPath,
    [...flags, path.join(import.meta.dirname, 'servers.ts'), ...args],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const port = await new Promise<number>((resolve) =>
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    }),
  );
  return {
    port,
    pid: child.pid!,
    stop: () =>
      new Promise((r) => {
        child.on('exit', r);
        child.kill('SIGTERM');
      }),
  };
}

type Req = { method?: 'GET' | 'POST' | 'PATCH'; path: string; body?: string };
async function measure(
  name: string,
  server: { port: number; pid: number },
  next: () => Req,
  headers = {},
) {
  const before = processCpuMicros(server.pid);
  const started = performance.now();
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections: Number(values.connections),
    amount,
    requests: [{ setupRequest: (req) => ({ ...req, ...next(), headers: { ...headers } }) }],
  });
  const cpu = processCpuMicros(server.pid) - before;
  const wall = performance.now() - started;
  console.log(
    `${name.padEnd(40)} ${(cpu / amount).toFixed(0).padStart(5)} µs CPU/request  ${Math.round((amount / wall) * 1000)} req/s  p99 ${result.latency.p99} ms  non-2xx ${result.non2xx + result.errors}`,
  );
  return cpu / amount;
}

const data = await seeded();
const ceiling = await start('ceiling');
await measure('warm-up', ceiling, () => ({ path: '/' }));
await measure('ceiling (node:http hello world)', ceiling, () => ({ path: '/' }));
await ceiling.stop();

const roster = await start('roster', storeUrl);
const auth = { authorization: `Bearer ${data.token}`, 'content-type': 'application/scim+json' };
const base = `/scim/v2/${data.tenant}`;
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
let posted = 0;
let spare = 0;
const run = `${process.pid}-${Date.now()}`;
const scenarios: [string, () => Req][] = [
  ['GET /Users/{id}', () => ({ path: `${base}/Users/${pick(data.userIds)}` })],
  [
    'GET /Users?filter=userName eq',
    () => ({
      path: `${base}/Users?filter=${encodeURIComponent(`userName eq "user${Math.floor(Math.random() * users)}@bench.test"`)}`,
    }),
  ],
  [
    'POST /Users',
    () => ({
      method: 'POST',
      path: `${base}/Users`,
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: `cpu-${run}-${posted++}@bench.test`,
        active: true,
        emails: [{ type: 'work', value: `cpu${posted}@bench.test`, primary: true }],
      }),
    }),
  ],
  [
    'PATCH /Users/{id}',
    () => ({
      method: 'PATCH',
      path: `${base}/Users/${pick(data.userIds)}`,
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'Replace', path: 'title', value: `T${Math.random()}` }],
      }),
    }),
  ],
  [
    'PATCH /Groups add member',
    () => ({
      method: 'PATCH',
      path: `${base}/Groups/${data.groupId}`,
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [
          {
            op: 'Add',
            path: 'members',
            value: [{ value: data.spareIds[spare++ % data.spareIds.length] }],
          },
        ],
      }),
    }),
  ],
];
const chosen = scenarios.filter(([name]) => !values.only || name.includes(values.only));
await measure('warm-up', roster, chosen[0]![1], auth);
for (const [name, next] of chosen) await measure(name, roster, next, auth);
await roster.stop();
