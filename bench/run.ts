/**
 * `npm run bench`: Roster's app side under load on loopback, as ratios to a raw node:http
 * hello-world measured in the same run (the ceiling), so machines of any speed compare. Each
 * scenario also shows the server process's CPU time per request (steadier than req/s on a shared
 * machine) and, for the two reads, the share of requests that asked for a user no earlier read
 * of the run had asked for: those cannot be answered from the server's read cache.
 * Options: --duration S (per scenario, default 10), --connections N (50), --users N (100000),
 * --scale N (users for the filter-scaling check, default 1000000; 0 skips it),
 * --database-url URL (also run on PostgreSQL and print both side by side),
 * --import-rows N (identity-side CSV import of N users, default 100000; 0 skips it),
 * --provisioning-users N (the provisioning bench of bench/provisioning.ts after the SCIM
 * scenarios: an initial and an incremental cycle for N users, N/100 groups and 2N memberships,
 * once without and once with Bulk; default 100000, 0 skips it), --provisioning-bulk
 * both|with|without (default both), --engine-heap-mb N (the engine process's V8 heap budget,
 * --max-old-space-size, default 384; 0 leaves V8's default, which on a machine with plenty of
 * memory lets garbage grow to several times the live heap before collecting it),
 * --workers 1,2,4 (only the initial provisioning cycle on that many graphile-worker processes,
 * PostgreSQL: --database-url or DATABASE_URL; bench/workers.ts).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { measureDirectoryImport } from './directory-import.ts';
import { processCpuMicros } from './process-cpu.ts';
import { formatProvisioningResult, type ProvisioningBenchResult } from './provisioning.ts';
import { measureFilterScaling, seedFilterScaling } from './scaling.ts';
import { type Seeded, seedTenant } from './seed.ts';
import { openStore } from './store-url.ts';

const { values: options } = parseArgs({
  options: {
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    users: { type: 'string', default: '100000' },
    scale: { type: 'string', default: '1000000' },
    'database-url': { type: 'string' },
    'import-rows': { type: 'string', default: '100000' },
    'provisioning-users': { type: 'string', default: '100000' },
    'provisioning-bulk': { type: 'string', default: 'both' },
    'engine-heap-mb': { type: 'string', default: '384' },
    workers: { type: 'string' },
  },
});
// --workers 1,2,4: only the provisioning bench on graphile-worker (bench/workers.ts).
if (options.workers) {
  const { runWorkersBench } = await import('./workers.ts');
  await runWorkersBench({
    workers: options.workers,
    databaseUrl: options['database-url'] ?? process.env.DATABASE_URL,
    log: (line) => console.log(line),
  });
  process.exit(0);
}
const duration = Number(options.duration);
const connections = Number(options.connections);
const userCount = Number(options.users);
const scaleCount = Number(options.scale);
const log = (line: string) => console.log(line);

interface Result {
  name: string;
  rps: number;
  p99: number;
  errors: number;
  /** The server process's CPU time per request (user + system), µs. */
  cpuMicros?: number;
  /** Of the requests, the share that read a user no earlier request of the run had read. */
  firstReads?: number;
  target?: number;
}

async function startServer(
  ...args: string[]
): Promise<{ port: number; pid: number; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [path.join(import.meta.dirname, 'servers.ts'), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    port,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.on('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

type Request = {
  method?: 'GET' | 'POST' | 'PATCH';
  path: string;
  body?: string;
  headers?: Record<string, string>;
};

async function load(
  name: string,
  server: { port: number; pid: number },
  next: () => Request,
  headers: Record<string, string> = {},
): Promise<Result> {
  const cpuBefore = processCpuMicros(server.pid);
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections,
    duration,
    requests: [
      {
        setupRequest: (req) => {
          const r = next();
          return { ...req, ...r, headers: { ...headers, ...r.headers } };
        },
      },
    ],
  });
  const errors = result.errors + result.non2xx;
  const cpuMicros = (processCpuMicros(server.pid) - cpuBefore) / Math.max(1, result.requests.total);
  return { name, rps: result.requests.average, p99: result.latency.p99, errors, cpuMicros };
}

function scenarios(seeded: Seeded) {
  const auth = { authorization: `Bearer ${seeded.token}`, 'content-type': 'application/scim+json' };
  const base = `/scim/v2/${seeded.tenant}`;
  const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
  // Which users (by seed number; userIds[i] is user i) the read scenarios asked for: a read
  // of a user no earlier read of the run asked for cannot come from the server's read cache.
  const read = new Set<number>();
  let reads = 0;
  let firsts = 0;
  const reading = () => {
    const user = Math.floor(Math.random() * userCount);
    reads++;
    if (!read.has(user)) firsts++;
    read.add(user);
    return user;
  };
  let posted = 0;
  let spare = 0;
  return {
    auth,
    /** Of the reads since the last call, the share that were a user's first in the run. */
    firstReads: () => {
      const share = reads === 0 ? undefined : firsts / reads;
      reads = 0;
      firsts = 0;
      return share;
    },
    list: [
      {
        name: 'GET /Users/{id}',
        target: 0.4,
        next: () => ({ path: `${base}/Users/${seeded.userIds[reading()]}` }),
      },
      {
        name: 'GET /Users?filter=userName eq',
        target: 0.4,
        next: () => ({
          path: `${base}/Users?filter=${encodeURIComponent(`userName eq "user${reading()}@bench.test"`)}`,
        }),
      },
      {
        name: 'POST /Users',
        target: 0.2,
        next: () => ({
          method: 'POST' as const,
          path: `${base}/Users`,
          body: JSON.stringify({
            schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
            userName: `posted-${process.pid}-${posted++}@bench.test`,
            active: true,
            emails: [{ type: 'work', value: `posted${posted}@bench.test`, primary: true }],
          }),
        }),
      },
      {
        name: 'PATCH /Users/{id}',
        target: 0.2,
        next: () => ({
          method: 'PATCH' as const,
          path: `${base}/Users/${pick(seeded.userIds)}`,
          body: JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
            Operations: [{ op: 'Replace', path: 'title', value: `T${Math.random()}` }],
          }),
        }),
      },
      {
        name: 'PATCH /Groups add member (100k group)',
        target: 0.2,
        next: () => ({
          method: 'PATCH' as const,
          path: `${base}/Groups/${seeded.groupId}`,
          body: JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
            Operations: [
              {
                op: 'Add',
                path: 'members',
                value: [{ value: seeded.spareIds[spare++ % seeded.spareIds.length] }],
              },
            ],
          }),
        }),
      },
    ],
  };
}

async function freshPostgres(url: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const schema = `bench_${Date.now()}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const separator = url.includes('?') ? '&' : '?';
  return {
    url: `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    drop: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/**
 * Table statistics for the freshly seeded schema, as autovacuum would gather within a minute of
 * the load on a default PostgreSQL (some installations, this bench's CI machine among them, run
 * with autovacuum off, and plans made without statistics are guesses).
 */
async function analyze(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('ANALYZE scim_resources, scim_members, scim_values');
  await client.end();
}

async function runBackend(name: string, storeUrl: string, ceiling: number) {
  log(`\n[${name}] seeding ${userCount} users`);
  const store = await openStore(storeUrl);
  const seeded = await seedTenant(store, 'bench', userCount, 20000, log);
  const scalingTenants =
    scaleCount > 0 ? await seedFilterScaling(store, scaleCount, log) : undefined;
  await store.close();
  if (name === 'postgres') await analyze(storeUrl);
  let scaling: Awaited<ReturnType<typeof measureFilterScaling>> | undefined;
  if (scalingTenants) {
    const settled = await openStore(storeUrl, { migrate: false });
    scaling = await measureFilterScaling(settled, scalingTenants);
    await settled.close();
  }
  const server = await startServer('roster', storeUrl);
  const { auth, list, firstReads } = scenarios(seeded);
  const results: Result[] = [];
  await load('warm-up', server, list[0]!.next, auth);
  firstReads();
  for (const scenario of list) {
    const result: Result = {
      ...(await load(scenario.name, server, scenario.next, auth)),
      firstReads: firstReads(),
      target: scenario.target,
    };
    results.push(result);
    const first =
      result.firstReads === undefined
        ? ''
        : `, ${(result.firstReads * 100).toFixed(0)}% first reads of a user`;
    log(
      `  ${scenario.name}: ${Math.round(result.rps)} req/s (${((result.rps / ceiling) * 100).toFixed(0)}% of ceiling), p99 ${result.p99} ms, server CPU ${result.cpuMicros!.toFixed(0)} µs/request${first}${result.errors ? `, ${result.errors} errors` : ''}`,
    );
  }
  await server.stop();
  return { results, scaling };
}

const ceilingServer = await startServer('ceiling');
await load('warm-up', ceilingServer, () => ({ path: '/' }));
const ceilingResult = await load('node:http hello world', ceilingServer, () => ({
  path: '/',
}));
await ceilingServer.stop();
log(
  `ceiling (raw node:http): ${Math.round(ceilingResult.rps)} req/s, p99 ${ceilingResult.p99} ms, server CPU ${ceilingResult.cpuMicros!.toFixed(0)} µs/request, ${connections} connections, ${duration} s per scenario`,
);

const dir = mkdtempSync(path.join(tmpdir(), 'roster-bench-'));
const backends: { name: string; url: string; drop?: () => Promise<void> }[] = [
  { name: 'sqlite', url: `sqlite:${path.join(dir, 'bench.db')}` },
];
if (options['database-url'])
  backends.push({ name: 'postgres', ...(await freshPostgres(options['database-url'])) });
const outcomes: ({ backend: string } & Awaited<ReturnType<typeof runBackend>>)[] = [];
for (const backend of backends)
  outcomes.push({
    backend: backend.name,
    ...(await runBackend(backend.name, backend.url, ceilingResult.rps)),
  });
for (const backend of backends) await backend.drop?.();
rmSync(dir, { recursive: true, force: true });

log(
  `\nRoster app-side bench: ${userCount} users, ${connections} connections, ${duration} s each; ceiling ${Math.round(ceilingResult.rps)} req/s`,
);
const header = [
  'scenario',
  ...outcomes.flatMap((o) => [
    `${o.backend} req/s`,
    `${o.backend} ×ceiling`,
    `${o.backend} p99 ms`,
    `${o.backend} CPU µs`,
  ]),
  'target',
];
const rows = outcomes[0]!.results.map((r, i) => [
  r.name,
  ...outcomes.flatMap((o) => {
    const x = o.results[i]!;
    return [
      String(Math.round(x.rps)),
      (x.rps / ceilingResult.rps).toFixed(2),
      String(x.p99),
      x.cpuMicros!.toFixed(0),
    ];
  }),
  `≥ ${r.target!.toFixed(2)}, p99 < 20`,
]);
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
log(line(header));
log(widths.map((w) => '-'.repeat(w)).join('-|-'));
for (const row of rows) log(line(row));
for (const o of outcomes) {
  if (o.scaling) {
    log(
      `${o.backend}: filter userName eq: ${o.scaling.smallMicros.toFixed(0)} µs at ${o.scaling.small.toLocaleString('en')} users, ${o.scaling.bigMicros.toFixed(0)} µs at ${o.scaling.big.toLocaleString('en')} users: ${(o.scaling.bigMicros / o.scaling.smallMicros).toFixed(2)}× (target ≤ 1.5×)`,
    );
  }
  const failures = o.results.filter(
    (r) => r.rps / ceilingResult.rps < r.target! || r.p99 >= 20 || r.errors > 0,
  );
  log(
    `${o.backend}: ${o.results.length - failures.length} of ${o.results.length} scenarios meet their targets${failures.length ? ` (short: ${failures.map((f) => f.name).join('; ')})` : ''}`,
  );
}

const importRows = Number(options['import-rows']);
if (importRows > 0) {
  const imported = await measureDirectoryImport({ rows: importRows });
  log(
    `directory import (identity side, SQLite): ${imported.rows.toLocaleString('en')} users in ${imported.seconds.toFixed(1)} s, ${Math.round(imported.rows / imported.seconds).toLocaleString('en')} rows/s (target: 100,000 in < 30 s)`,
  );
}

/** bench/provisioning.ts in a child process of its own, so the engine's peak RSS is its own. */
async function provisioningInChild(users: number, bulk: boolean): Promise<ProvisioningBenchResult> {
  const heapMb = Number(options['engine-heap-mb']);
  const args = [
    ...(heapMb > 0 ? [`--max-old-space-size=${heapMb}`] : []),
    path.join(import.meta.dirname, 'provisioning.ts'),
    '--users',
    String(users),
    '--groups',
    String(Math.max(1, Math.round(users / 100))),
    '--memberships',
    String(users * 2),
    '--json',
    ...(bulk ? ['--bulk'] : []),
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  let result: ProvisioningBenchResult | undefined;
  let pending = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const lines = (pending + chunk.toString()).split('\n');
    pending = lines.pop() ?? '';
    for (const line of lines) {
      if (line.startsWith('result ')) result = JSON.parse(line.slice('result '.length));
      else if (line.startsWith('  ')) log(line);
    }
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0 || !result) throw new Error(`the provisioning bench failed (exit ${code})`);
  return result;
}

const provisioningUsers = Number(options['provisioning-users']);
const bulkModes = { both: [false, true], with: [true], without: [false] }[
  options['provisioning-bulk'] as 'both' | 'with' | 'without'
];
if (!bulkModes) throw new Error('--provisioning-bulk must be both, with or without');
if (provisioningUsers > 0) {
  for (const bulk of bulkModes) {
    log(`\nprovisioning bench (${bulk ? 'with' : 'without'} Bulk)`);
    for (const line of formatProvisioningResult(await provisioningInChild(provisioningUsers, bulk)))
      log(line);
  }
}
