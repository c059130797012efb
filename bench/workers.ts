/**
 * The provisioning bench on many workers (issue #9): the initial cycle of 100,000 users, 1,000
 * groups and 200,000 memberships (as bench/provisioning.ts) on PostgreSQL, run by 1, 2, 4, …
 * `roster worker` processes (graphile-worker). The directory is seeded once; each run provisions
 * into a fresh tenant of Roster's app side, served by a child process (bench/servers.ts) on the
 * same database, after a restart of the job (links dropped), so every run creates everything.
 * The cycle's own duration is measured (coordinator start to finish), not the pickup delay.
 *
 *   npm run bench -- --workers 1,2,4 --database-url postgres://…   (or DATABASE_URL)
 *   node bench/workers.ts --workers 1,2 [--users N --groups N --memberships N]
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createDirectory } from '../src/directory/index.ts';
import { createProvisioning, createSecretBox } from '../src/engine/index.ts';
import { mintSecretToken } from '../src/scim-server/index.ts';
import { openPostgresStore } from '../src/store/postgres/index.ts';
import { seedDirectoryStore } from './provisioning.ts';

const here = fileURLToPath(import.meta.url);
const main = path.join(path.dirname(here), '../src/main.ts');
const secretKey = 'bench-workers-secret-key-0123456789abcdef';
const silent = { info() {}, warn() {}, error() {} };
const passwords = {
  hash: async (p: string) => p,
  verify: async () => true,
  check: () => {},
  lockSeconds: () => 0,
};

export interface WorkersBenchOptions {
  workers: number[];
  databaseUrl: string;
  users?: number;
  groups?: number;
  memberships?: number;
  log?: (line: string) => void;
}

export interface WorkersRun {
  workers: number;
  seconds: number;
  objectsPerSecond: number;
  counts: Record<string, number>;
  targetUsers: number;
}

function spawnChild(
  args: string[],
  ready: RegExp,
): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ROSTER_LOG_LEVEL: process.env.BENCH_WORKER_LOG_LEVEL ?? 'error',
  };
  for (const key of ['DATABASE_URL', 'ROSTER_CONFIG', 'PORT']) delete env[key];
  const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  child.once('exit', () => process.off('exit', kill));
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match) resolve({ child, match });
    });
    child.once('exit', (code) => reject(new Error(`${args[1]} exited with ${code}: ${out}`)));
  });
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

export async function measureWorkers(options: WorkersBenchOptions): Promise<WorkersRun[]> {
  const users = options.users ?? 100_000;
  const groups = options.groups ?? 1_000;
  const memberships = options.memberships ?? 200_000;
  const log = options.log ?? (() => {});
  const schema = `bench_workers_${Date.now()}`;
  const admin = new pg.Client({ connectionString: options.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  const url = `${options.databaseUrl}${options.databaseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-workers-bench-'));
  const config = path.join(dir, 'roster.json');
  writeFileSync(config, JSON.stringify({ secretKey, provisioning: { runner: 'graphile-worker' } }));
  const store = await openPostgresStore({ connectionString: url, poolSize: 4 });
  let target: ChildProcess | undefined;
  const runs: WorkersRun[] = [];
  try {
    log(
      `  seeding the directory in PostgreSQL: ${users} users, ${groups} groups, ${memberships} memberships`,
    );
    const groupIds = await seedDirectoryStore(store, users, groups, memberships);
    const clock = () => new Date();
    const directory = createDirectory({ store, clock, passwords });
    const provisioning = createProvisioning({
      store,
      clock,
      fetch: (u, init) => fetch(u, init),
      secretBox: createSecretBox(secretKey),
      log: silent,
      templates: directory.gallery,
    });
    const app = await directory.apps.add({ template: 'generic-scim', name: 'Bench' });
    for (const id of groupIds)
      await directory.assignments.assign(app.id, { principalType: 'group', principal: id });
    await provisioning.jobs.updateSettings(app.id, { mode: 'automatic' });
    const started = await spawnChild(
      [path.join(path.dirname(here), 'servers.ts'), 'roster', url],
      /listening (\d+)/,
    );
    target = started.child;
    const base = `http://127.0.0.1:${started.match[1]}/scim/v2`;
    const objects = users + groups + memberships;

    for (const count of options.workers) {
      const tenantName = `bench${count}-${Date.now()}`;
      const tenant = await store.tenants.create(tenantName, {});
      const minted = mintSecretToken();
      await store.tokens.create(tenant.id, minted.prefix, minted.hash);
      await provisioning.jobs.stop(app.id);
      await store.provisioning.links.clear(app.id);
      await provisioning.jobs.setCredentials(app.id, {
        tenantUrl: `${base}/${tenantName}`,
        secretToken: minted.token,
      });
      await provisioning.jobs.restart(app.id);
      log(`  ${count} worker(s): starting`);
      const workers = await Promise.all(
        Array.from({ length: count }, () =>
          spawnChild(
            [main, 'worker', '--database-url', url, '--config', config],
            /Roster worker is running/,
          ),
        ),
      );
      const asked = new Date().toISOString();
      await provisioning.jobs.start(app.id);
      let cycle: Awaited<ReturnType<typeof store.provisioning.cycles.latest>>;
      let lastLine = 0;
      const deadline = Date.now() + 3600_000;
      for (;;) {
        cycle = await store.provisioning.cycles.latest(app.id);
        if (cycle && cycle.started >= asked && cycle.finished) break;
        if (Date.now() > deadline)
          throw new Error(`no cycle with ${count} worker(s) ended within an hour`);
        if (cycle && cycle.started >= asked && Date.now() - lastLine > 15_000) {
          lastLine = Date.now();
          log(`    ${cycle.done} / ${cycle.total}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      await provisioning.jobs.stop(app.id);
      await Promise.all(workers.map((w) => stop(w.child)));
      if (cycle.status !== 'succeeded')
        throw new Error(`the cycle ${cycle.status}: ${cycle.error}`);
      const onTarget = (
        await admin.query<{ n: string }>(
          `select count(*) as n from ${schema}.scim_resources where tenant_id = $1 and kind = 'User'`,
          [tenant.id],
        )
      ).rows[0]!.n;
      const seconds = (Date.parse(cycle.finished!) - Date.parse(cycle.started)) / 1000;
      const run = {
        workers: count,
        seconds,
        objectsPerSecond: Math.round(objects / seconds),
        counts: cycle.counts,
        targetUsers: Number(onTarget),
      };
      log(
        `  ${count} worker(s): ${seconds.toFixed(1)} s, ${run.objectsPerSecond} objects/s, ${onTarget} users on the target`,
      );
      runs.push(run);
    }
    return runs;
  } finally {
    if (target) await stop(target);
    await store.close();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`).catch(() => {});
    await admin.query(`DROP SCHEMA IF EXISTS ${schema}_worker CASCADE`).catch(() => {});
    await admin.end();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The table: workers, seconds, objects/s, speed-up over the first run. */
export function formatWorkersRuns(runs: readonly WorkersRun[], objects: string): string[] {
  const first = runs[0];
  return [
    `provisioning on graphile-worker (PostgreSQL): initial cycle of ${objects}`,
    'workers | seconds | objects/s | speed-up | users on target',
    ...runs.map(
      (r) =>
        `${String(r.workers).padStart(7)} | ${r.seconds.toFixed(1).padStart(7)} | ${String(r.objectsPerSecond).padStart(9)} | ${(first ? first.seconds / r.seconds : 1).toFixed(2).padStart(7)}× | ${r.targetUsers}`,
    ),
  ];
}

/** `npm run bench -- --workers 1,2,4`: bench/run.ts hands over here. */
export async function runWorkersBench(options: {
  workers: string;
  databaseUrl: string | undefined;
  users?: number;
  groups?: number;
  memberships?: number;
  log: (line: string) => void;
}): Promise<void> {
  if (!options.databaseUrl)
    throw new Error(
      '--workers needs PostgreSQL: pass --database-url postgres://… or set DATABASE_URL',
    );
  const workers = options.workers.split(',').map((w) => Number(w.trim()));
  if (workers.some((w) => !Number.isInteger(w) || w < 1 || w > 64))
    throw new Error(
      `--workers takes worker counts such as 1,2,4; ${JSON.stringify(options.workers)} is not`,
    );
  const users = options.users ?? 100_000;
  const groups = options.groups ?? 1_000;
  const memberships = options.memberships ?? 200_000;
  const runs = await measureWorkers({
    ...options,
    workers,
    databaseUrl: options.databaseUrl,
    users,
    groups,
    memberships,
  });
  const what = `${users.toLocaleString('en')} users, ${groups.toLocaleString('en')} groups, ${memberships.toLocaleString('en')} memberships`;
  for (const line of formatWorkersRuns(runs, what)) options.log(line);
  options.log(
    "(the target, PostgreSQL and the workers share this machine's cores: the speed-up is bounded by them)",
  );
}

if (process.argv[1] === here) {
  const { values } = parseArgs({
    options: {
      workers: { type: 'string', default: '1,2,4' },
      'database-url': { type: 'string' },
      users: { type: 'string', default: '100000' },
      groups: { type: 'string', default: '1000' },
      memberships: { type: 'string', default: '200000' },
    },
  });
  await runWorkersBench({
    workers: values.workers,
    databaseUrl: values['database-url'] ?? process.env.DATABASE_URL,
    users: Number(values.users),
    groups: Number(values.groups),
    memberships: Number(values.memberships),
    log: (line) => console.log(line),
  });
}
