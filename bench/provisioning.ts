/**
 * The provisioning benchmark (issue #6): an initial cycle for N users (default 100,000), G
 * groups (1,000) and M memberships (200,000) into Roster's own app side, then an incremental
 * cycle after changing 1% of the users. Every user but the first hundred has a manager (one of
 * those hundred); groups are assigned to the app, so users are in scope through them.
 *
 * Transport: by default the target runs in a child process (bench/servers.ts) and the engine
 * talks to it over loopback HTTP, so the engine's peak RSS (process.resourceUsage().maxRSS of
 * this process) is its own; `inProcess` hands the client the target's `app.request` instead.
 * The directory is seeded by a child process too, for the same reason. Targets: initial
 * ≤ 120 s without Bulk, ≤ 30 s with Bulk; incremental ≤ 5 s; peak RSS ≤ 512 MB.
 *
 *   node bench/provisioning.ts [--users N] [--groups N] [--memberships N] [--bulk] [--in-process] [--json]
 * bench/run.ts calls measureProvisioning. BENCH_TARGET_NODE_OPTIONS passes flags to the target's
 * process (e.g. "--cpu-prof") to see where its time goes.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import pino from 'pino';
import { createDirectory } from '../src/directory/index.ts';
import { type CycleReport, createProvisioning, createSecretBox } from '../src/engine/index.ts';
import { createScimApp, mintSecretToken } from '../src/scim-server/index.ts';
import { openSqliteStore } from '../src/store/sqlite/index.ts';
import type { Store } from '../src/store/store.ts';

export interface ProvisioningBenchOptions {
  users?: number;
  groups?: number;
  memberships?: number;
  /** Share of users changed before the incremental cycle (default 0.01). */
  changed?: number;
  bulk?: boolean;
  /** The target in this process (app.request) instead of a child over loopback HTTP. */
  inProcess?: boolean;
  /** Requests in flight to the target (default 16) and objects per page (engine default). */
  concurrency?: number;
  pageSize?: number;
  log?: (line: string) => void;
}

export interface CycleMeasure {
  seconds: number;
  objects: number;
  objectsPerSecond: number;
  counts: Record<string, number>;
  status: string;
}

export interface ProvisioningBenchResult {
  transport: 'loopback HTTP' | 'in-process';
  bulk: boolean;
  users: number;
  groups: number;
  memberships: number;
  initial: CycleMeasure;
  incremental: CycleMeasure & { changedUsers: number };
  /** process.resourceUsage().maxRSS of the engine's process, in MB. */
  peakRssMb: number;
  /** V8's heap limit of the engine's process (--max-old-space-size moves it), in MB. */
  heapLimitMb: number;
  /** The whole bench: seeding, both cycles and cleaning up. */
  wallSeconds: number;
}

const here = fileURLToPath(import.meta.url);
const silent = { info() {}, warn() {}, error() {} };
const passwords = {
  hash: async (p: string) => p,
  verify: async () => true,
  check: () => {},
  lockSeconds: () => 0,
};

/**
 * Seeds a directory: `users` users (all but the first hundred have one of those as manager) and
 * `groups` groups sharing `memberships` memberships. Returns the group ids. bench/workers.ts too.
 */
export async function seedDirectoryStore(
  store: Store,
  users: number,
  groups: number,
  memberships: number,
): Promise<string[]> {
  const ids: string[] = [];
  const batch = 2000;
  for (let i = 0; i < users; i += batch) {
    const rows = [];
    for (let j = i; j < Math.min(users, i + batch); j++)
      rows.push({
        userPrincipalName: `user${j}@bench.test`,
        accountEnabled: true,
        mail: `user${j}@bench.test`,
        mailNickname: `user${j}`,
        givenName: `Given${j}`,
        surname: `Family${j % 1000}`,
        displayName: `Given${j} Family${j % 1000}`,
        jobTitle: j < 100 ? 'Manager' : 'Engineer',
        department: `Dept ${j % 50}`,
        employeeId: `E${j}`,
        ...(j >= 100 && ids[j % 100] && { manager: ids[j % 100] }),
      });
    for (const record of await store.directory.users.create(rows)) ids.push(record.id);
  }
  const perGroup = groups > 0 ? Math.floor(memberships / groups) : 0;
  const groupIds: string[] = [];
  for (let g = 0; g < groups; g++) {
    const group = await store.directory.groups.create({
      displayName: `Group ${g}`,
      securityEnabled: true,
    });
    const members: string[] = [];
    for (let k = 0; k < perGroup; k++) members.push(ids[(g * perGroup + k) % ids.length]!);
    await store.directory.groups.changeMembers(group.id, { add: members });
    groupIds.push(group.id);
  }
  return groupIds;
}

/** Seeds the directory of `file` (run in a child process: its memory is not the engine's). */
async function seedDirectory(file: string, users: number, groups: number, memberships: number) {
  const store = await openSqliteStore({ location: file });
  await seedDirectoryStore(store, users, groups, memberships);
  await store.close();
}

async function seedInChild(file: string, users: number, groups: number, memberships: number) {
  const child = spawn(
    process.execPath,
    [here, '--seed', file, String(users), String(groups), String(memberships)],
    { stdio: ['ignore', 'inherit', 'inherit'] },
  );
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  if (code !== 0) throw new Error(`seeding the directory failed (exit ${code})`);
}

async function startTarget(storeUrl: string): Promise<{ port: number; child: ChildProcess }> {
  const extra = process.env.BENCH_TARGET_NODE_OPTIONS?.split(' ').filter(Boolean) ?? [];
  const child = spawn(
    process.execPath,
    [...extra, path.join(path.dirname(here), 'servers.ts'), 'roster', storeUrl],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  // The target never outlives the bench, however the bench ends.
  const killChild = () => child.kill('SIGTERM');
  const onSignal = (signal: NodeJS.Signals) => {
    killChild();
    process.kill(process.pid, signal);
  };
  process.once('exit', killChild);
  process.once('SIGINT', onSignal).once('SIGTERM', onSignal);
  child.once('exit', () => {
    process.off('exit', killChild);
    process.off('SIGINT', onSignal).off('SIGTERM', onSignal);
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`the target exited with ${code}`)));
  });
  return { port, child };
}

function measure(report: CycleReport, objects: number): CycleMeasure {
  const seconds = report.durationMs / 1000;
  return {
    seconds,
    objects,
    objectsPerSecond: Math.round(objects / seconds),
    counts: report.counts,
    status: report.status,
  };
}

export async function measureProvisioning(
  options: ProvisioningBenchOptions = {},
): Promise<ProvisioningBenchResult> {
  const users = options.users ?? 100_000;
  const groups = options.groups ?? 1_000;
  const memberships = options.memberships ?? 200_000;
  const bulk = options.bulk ?? false;
  const log = options.log ?? (() => {});
  const started = performance.now();
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-prov-bench-'));
  const engineFile = path.join(dir, 'engine.db');
  const targetFile = path.join(dir, 'target.db');
  let target: ChildProcess | undefined;
  let store: Store | undefined;
  try {
    log(`  seeding the directory: ${users} users, ${groups} groups, ${memberships} memberships`);
    await seedInChild(engineFile, users, groups, memberships);

    const targetStore = await openSqliteStore({ location: targetFile });
    const tenant = await targetStore.tenants.create('bench', {});
    const minted = mintSecretToken();
    await targetStore.tokens.create(tenant.id, minted.prefix, minted.hash);
    let fetch: (url: string, init: RequestInit) => Promise<Response> | Response = globalThis.fetch;
    let tenantUrl: string;
    if (options.inProcess) {
      const app = createScimApp({
        store: targetStore,
        log: pino({ level: 'silent' }),
        limits: { ratePerSecond: 0 },
      });
      fetch = (url, init) => app.request(url, init);
      tenantUrl = 'http://target.bench/scim/v2/bench';
    } else {
      await targetStore.close();
      const started = await startTarget(`sqlite:${targetFile}`);
      target = started.child;
      tenantUrl = `http://127.0.0.1:${started.port}/scim/v2/bench`;
    }

    store = await openSqliteStore({ location: engineFile });
    const clock = () => new Date();
    const directory = createDirectory({ store, clock, passwords });
    const provisioning = createProvisioning({
      store,
      clock,
      fetch,
      secretBox: createSecretBox('bench-secret-key-0123456789abcdef-01'),
      log: silent,
      templates: directory.gallery,
      clientOptions: { concurrency: options.concurrency ?? 16 },
      ...(options.pageSize && { pageSize: options.pageSize }),
    });
    const app = await directory.apps.add({ template: 'generic-scim', name: 'Bench' });
    for (let start = 1; ; start += 200) {
      const page = await directory.groups.list({ startIndex: start, count: 200 });
      for (const group of page.resources)
        await directory.assignments.assign(app.id, { principalType: 'group', principal: group.id });
      if (page.resources.length < 200) break;
    }
    await provisioning.jobs.setCredentials(app.id, { tenantUrl, secretToken: minted.token });
    await provisioning.jobs.updateSettings(app.id, { mode: 'automatic', useBulk: bulk });

    const objects = users + groups + memberships;
    log(
      `  initial cycle (${options.inProcess ? 'in-process' : 'loopback HTTP'}${bulk ? ', Bulk' : ''})`,
    );
    let lastLine = 0;
    provisioning.events.on('cycle:progress', ({ done, total }) => {
      if (Date.now() - lastLine > 10_000) {
        lastLine = Date.now();
        log(`    ${done} / ${total}`);
      }
    });
    const initial = await provisioning.runCycle(app.id);
    if (initial.status !== 'succeeded')
      throw new Error(`the initial cycle ${initial.status}: ${initial.error}`);

    const changedUsers = Math.max(1, Math.round(users * (options.changed ?? 0.01)));
    let after: string | undefined;
    let changed = 0;
    while (changed < changedUsers) {
      const page = await store.directory.users.scan(
        after,
        Math.min(1000, changedUsers - changed),
        'active',
      );
      if (page.length === 0) break;
      await store.directory.users.update(
        page.map((u) => ({
          id: u.id,
          data: { ...u.data, jobTitle: 'Principal Engineer', department: 'Moved' },
        })),
      );
      changed += page.length;
      after = page.at(-1)!.id;
    }
    log(`  incremental cycle after changing ${changed} users`);
    const incremental = await provisioning.runCycle(app.id);
    if (incremental.status !== 'succeeded')
      throw new Error(`the incremental cycle ${incremental.status}: ${incremental.error}`);
    const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
    return {
      transport: options.inProcess ? 'in-process' : 'loopback HTTP',
      bulk,
      users,
      groups,
      memberships,
      initial: measure(initial, objects),
      incremental: { ...measure(incremental, changed), changedUsers: changed },
      peakRssMb,
      heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20),
      wallSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await store?.close();
    if (target) {
      const exited = new Promise((resolve) => target!.on('exit', resolve));
      target.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One line per cycle, with the targets. */
export function formatProvisioningResult(r: ProvisioningBenchResult): string[] {
  // The targets are for 100,000 users; other sizes scale them linearly.
  const scale = r.users / 100_000;
  const target = (r.bulk ? 30 : 120) * scale;
  const scaled = scale === 1 ? '' : ` at this size, ${r.bulk ? 30 : 120} s for 100,000 users`;
  return [
    `provisioning (${r.transport}${r.bulk ? ', Bulk' : ''}): initial cycle of ${r.users.toLocaleString('en')} users, ${r.groups.toLocaleString('en')} groups, ${r.memberships.toLocaleString('en')} memberships in ${r.initial.seconds.toFixed(1)} s, ${r.initial.objectsPerSecond.toLocaleString('en')} objects/s (target ≤ ${target.toFixed(0)} s${scaled})`,
    `provisioning: incremental cycle after changing ${r.incremental.changedUsers.toLocaleString('en')} users in ${r.incremental.seconds.toFixed(2)} s, ${r.incremental.objectsPerSecond.toLocaleString('en')} objects/s (target ≤ 5 s)`,
    `provisioning: peak RSS of the engine ${r.peakRssMb} MB with a V8 heap limit of ${r.heapLimitMb} MB (target ≤ 512 MB); the whole bench (seeding included) took ${r.wallSeconds.toFixed(0)} s`,
  ];
}

if (process.argv[1] === here) {
  if (process.argv[2] === '--seed') {
    const [file, users, groups, memberships] = process.argv.slice(3);
    await seedDirectory(file!, Number(users), Number(groups), Number(memberships));
  } else {
    const { values } = parseArgs({
      options: {
        users: { type: 'string', default: '100000' },
        groups: { type: 'string', default: '1000' },
        memberships: { type: 'string', default: '200000' },
        bulk: { type: 'boolean', default: false },
        'in-process': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
    });
    const result = await measureProvisioning({
      users: Number(values.users),
      groups: Number(values.groups),
      memberships: Number(values.memberships),
      bulk: values.bulk,
      inProcess: values['in-process'],
      log: (line) => console.log(line),
    });
    // bench/run.ts reads this line: the engine ran in this process, so its peak RSS is its own.
    if (values.json) console.log(`result ${JSON.stringify(result)}`);
    for (const line of formatProvisioningResult(result)) console.log(line);
    console.log(JSON.stringify(result.initial.counts), JSON.stringify(result.incremental.counts));
  }
}
