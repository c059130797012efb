/**
 * Crash safety (issue #7): `roster provisioning run Demo --once` runs in a child process
 * (SQLite on disk in a temp dir) against a target over loopback HTTP (Roster's SCIM app behind
 * the fake target), and is killed with SIGKILL at random requests mid-cycle — before the
 * target carried a request out, or after it did and before the child heard — a few times,
 * then run to completion. First the initial cycle, then an incremental one after directory
 * changes. Each time the target must end up exactly as the directory says (no duplicate users
 * or groups: no create answered 409, matching found what was created before the crash; no lost
 * update; memberships and managers right), the killed cycles are closed as interrupted, and a
 * killed process's lease (3 s here, through ROSTER_PROVISIONING_LEASE_SECONDS) never blocks the
 * next run for long. The randomness is seeded; the seed is in the suite's name
 * (ROSTER_CRASH_SEED=<seed> replays it).
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { compose } from '../../src/compose.ts';
import { openSqliteStore } from '../../src/store/sqlite/index.ts';
import { createHarness } from '../scim-server/support.ts';
import { createFakeTarget, type FakeTarget } from './fake-target.ts';
import { actualTargetState, expectedTargetState } from './target-state.ts';

const seed = Number(process.env.ROSTER_CRASH_SEED ?? Date.now() % 1_000_000);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** mulberry32: a small seeded generator, so a failing run can be replayed. */
function seeded(start: number): () => number {
  let a = start >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ChildRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

describe(`crash safety: kill -9 mid-cycle (seed ${seed})`, { timeout: 240_000 }, () => {
  const random = seeded(seed);
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-crash-'));
  const env = { ROSTER_LOG_LEVEL: 'silent' };
  let target: Awaited<ReturnType<typeof createHarness>>;
  let fake: FakeTarget;
  let appId = '';
  const killed: string[] = [];
  let refused = 0;

  function runChild(crash?: { skip: number; after: boolean }): Promise<ChildRun> {
    const child = spawn(
      process.execPath,
      ['src/main.ts', 'provisioning', 'run', 'Demo', '--once', '--json', '--data', dir],
      {
        cwd: root,
        env: {
          ...process.env,
          ROSTER_LOG_LEVEL: 'silent',
          ROSTER_PROVISIONING_LEASE_SECONDS: '3',
          DATABASE_URL: '',
          ROSTER_CONFIG: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    if (crash)
      fake.fail({
        skip: crash.skip,
        fault: { kind: 'crash', after: crash.after, crash: () => child.kill('SIGKILL') },
      });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    return new Promise((resolve) => {
      child.on('close', (code, signal) => {
        fake.clear();
        resolve({ code, signal, stdout, stderr });
      });
    });
  }

  /** Runs a child until one gets past the lease (a killed one's lease expires in 3 s). */
  async function runPastLease(crash?: { skip: number; after: boolean }): Promise<ChildRun> {
    for (let attempt = 0; attempt < 30; attempt++) {
      const run = await runChild(crash);
      if (run.code === 1 && /is running already/.test(run.stderr)) {
        refused++;
        await sleep(500);
        continue;
      }
      return run;
    }
    assert.fail('the lease of the killed process never expired');
  }

  /** `kills` runs killed at random requests, then one run to completion. */
  async function crashThenComplete(kills: number, requests: number): Promise<void> {
    for (let i = 0; i < kills; i++) {
      const crash = { skip: Math.floor(random() * requests), after: random() < 0.5 };
      const run = await runPastLease(crash);
      if (run.signal === 'SIGKILL')
        killed.push(
          `after ${crash.skip} requests (${crash.after ? 'after' : 'before'} the target acted)`,
        );
      else assert.equal(run.code, 0, `a run that was not killed failed: ${run.stderr}`);
    }
    const final = await runPastLease();
    assert.equal(final.code, 0, final.stderr);
    assert.equal(JSON.parse(final.stdout).status, 'succeeded');
  }

  async function withStore<T>(
    work: (store: Awaited<ReturnType<typeof openSqliteStore>>) => Promise<T>,
  ) {
    const store = await openSqliteStore({ location: path.join(dir, 'roster.db') });
    try {
      return await work(store);
    } finally {
      await store.close();
    }
  }

  async function assertTargetMatches(disabled: string[] = []) {
    const users = (await target.call('GET', '/Users?count=1000')).body.Resources;
    const groups = (await target.call('GET', '/Groups?count=1000')).body.Resources;
    const expected = await withStore((store) => expectedTargetState(store, appId, disabled));
    assert.deepEqual(actualTargetState(users, groups), expected);
    const conflicts = fake.requests.filter((r) => r.method === 'POST' && r.status === 409);
    assert.deepEqual(conflicts, [], 'no create hit an existing object: matching found them all');
    await withStore(async (store) => {
      const cycles = await store.provisioning.cycles.list(appId, 100);
      assert.ok(
        cycles.every((c) => c.status !== 'running'),
        'no cycle is left running',
      );
      const interrupted = cycles.filter((c) => /^interrupted/.test(c.error ?? ''));
      assert.equal(interrupted.length, killed.length, 'each killed cycle is closed as interrupted');
    });
  }

  before(async () => {
    target = await createHarness();
    fake = await createFakeTarget({ tenant: 'acme', upstream: 'https://roster.test' });
    fake.setBackend(async (url, init) => target.app.request(url, init));
    const app = await compose({ data: dir, env });
    try {
      const demo = await app.directory.apps.add({ template: 'generic-scim', name: 'Demo' });
      appId = demo.id;
      const ids: string[] = [];
      for (let i = 0; i < 24; i++) {
        const n = String(i).padStart(2, '0');
        const user = await app.directory.users.add({
          userPrincipalName: `u${n}@contoso.test`,
          displayName: `User ${n}`,
          jobTitle: `Title ${n}`,
          accountEnabled: true,
          ...(i > 0 && { manager: ids[Math.floor((i - 1) / 4)] }),
        });
        ids.push(user.id);
      }
      const g1 = await app.directory.groups.add({ displayName: 'G1', securityEnabled: true });
      const g2 = await app.directory.groups.add({ displayName: 'G2', securityEnabled: true });
      await app.directory.groups.addMembers(g1.id, ids.slice(1, 9));
      await app.directory.groups.addMembers(g2.id, ids.slice(9, 17));
      for (const group of [g1, g2])
        await app.directory.assignments.assign(demo.id, {
          principalType: 'group',
          principal: group.id,
          role: 'User',
        });
      for (const id of [ids[0]!, ...ids.slice(17)])
        await app.directory.assignments.assign(demo.id, {
          principalType: 'user',
          principal: id,
          role: 'User',
        });
      await app.provisioning.jobs.setCredentials(demo.id, {
        tenantUrl: fake.tenantUrl,
        secretToken: target.token,
      });
      await app.provisioning.jobs.updateSettings(demo.id, { mode: 'automatic' });
    } finally {
      await app.close();
    }
  });
  after(async () => {
    await fake.close();
    await target.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('the initial cycle, killed at random requests, ends as if nothing had happened', async (t) => {
    await crashThenComplete(3, 45);
    t.diagnostic(`seed ${seed}; killed ${killed.join(', ') || 'never'}; lease refusals ${refused}`);
    await assertTargetMatches();
    assert.equal((await target.call('GET', '/Users?count=1000')).body.totalResults, 24);
  });

  test('an incremental cycle after changes, killed at random requests: no lost update', async (t) => {
    const app = await compose({ data: dir, env });
    try {
      const d = app.directory;
      const user = (n: string) => d.users.get(`u${n}@contoso.test`);
      for (const n of ['03', '07', '11', '18'])
        await d.users.update(`u${n}@contoso.test`, {
          displayName: `Renamed ${n}`,
          jobTitle: 'New',
        });
      await d.users.update('u20@contoso.test', { manager: (await user('05')).id });
      const g1 = (await d.groups.list({ search: 'G1', startIndex: 1, count: 1 })).resources[0]!;
      const g2 = (await d.groups.list({ search: 'G2', startIndex: 1, count: 1 })).resources[0]!;
      await d.groups.removeMembers(g1.id, [(await user('02')).id]);
      await d.groups.addMembers(g2.id, [(await user('02')).id, (await user('19')).id]);
      const late = await d.users.add({
        userPrincipalName: 'late@contoso.test',
        displayName: 'Late',
        accountEnabled: true,
      });
      await d.groups.addMembers(g1.id, [late.id]);
      const u23 = await user('23');
      for (const a of await d.assignments.ofPrincipal(u23.id))
        await d.assignments.unassign(appId, a.id);
    } finally {
      await app.close();
    }
    const before = killed.length;
    await crashThenComplete(2, 20);
    t.diagnostic(
      `seed ${seed}; killed ${killed.slice(before).join(', ') || 'never'}; lease refusals ${refused}`,
    );
    await assertTargetMatches(['u23@contoso.test']);
  });
});
