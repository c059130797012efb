/**
 * Provisioning on many workers (issue #9): three `roster worker` processes on one PostgreSQL run
 * an initial cycle of 20,000 users (with managers) and a group into Roster's app side, served by
 * a `roster serve --no-worker` process on the same database. One worker is killed with SIGKILL
 * while it works on a page; its page runs again elsewhere, and the cycle still writes every
 * object exactly once: 20,000 users on the target, no duplicates, one Create/Success entry per
 * user in the log, every link pointing at its own target user, managers and members set.
 */
import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { createDirectory } from '../../src/directory/index.ts';
import { createProvisioning, createSecretBox } from '../../src/engine/index.ts';
import { mintSecretToken } from '../../src/scim-server/index.ts';
import { openPostgresStore } from '../../src/store/postgres/index.ts';
import type { Store } from '../../src/store/store.ts';
import { fastPasswords } from '../directory/support.ts';
import { silentLog } from '../engine/support.ts';
import { freshSchemaUrl, skip } from '../engine/workers-support.ts';

const main = path.join(import.meta.dirname, '../../src/main.ts');
const users = 20_000;
const managers = 20;
const secretKey = 'workers-test-secret-key-0123456789abcdef';
const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** Every process started, so none outlives the suite (even one that never became ready). */
const spawned: ChildProcess[] = [];

interface Child {
  child: ChildProcess;
  out: () => string;
  err: () => string;
}

function start(args: string[], ready: RegExp): Promise<Child & { match: RegExpExecArray }> {
  const env: NodeJS.ProcessEnv = { ...process.env, ROSTER_LOG_LEVEL: 'warn' };
  for (const key of ['DATABASE_URL', 'ROSTER_CONFIG', 'PORT', 'ROSTER_DATA_DIR']) delete env[key];
  const child = spawn(process.execPath, [main, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${args[0]} did not start within 60 s: ${out}${err.slice(-2000)}`)),
      60_000,
    );
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = ready.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, out: () => out, err: () => err, match });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${args[0]} exited with ${code}: ${out}${err.slice(-2000)}`));
    });
  });
}

async function stopChild(c: Child): Promise<void> {
  if (c.child.exitCode !== null || c.child.signalCode !== null) return;
  const exited = new Promise((resolve) => c.child.once('exit', resolve));
  c.child.kill('SIGTERM');
  const force = setTimeout(() => c.child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(force);
}

/** Polls `check` every 250 ms until it answers, or fails after `ms` saying `what`. */
async function waitFor<T>(
  what: string,
  ms: number,
  check: () => Promise<T | undefined>,
  detail = () => '',
) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const found = await check();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`waited ${ms / 1000} s for ${what}; ${detail()}`);
}

describe('three roster workers on one PostgreSQL', { skip }, () => {
  let url = '';
  let store: Store;
  let sql: pg.Client;
  const children: Child[] = [];
  let workers: Child[] = [];

  before(async () => {
    url = (await freshSchemaUrl('workers')).url;
    store = await openPostgresStore({ connectionString: url, poolSize: 4 });
    sql = new pg.Client({ connectionString: url });
    await sql.connect();
  });
  after(async () => {
    await Promise.all(children.map(stopChild));
    for (const child of spawned)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await sql?.end();
    await store?.close();
  });

  test('an initial cycle of 20,000 users survives a killed worker, nothing lost or twice', async () => {
    const config = path.join(mkdtempSync(path.join(tmpdir(), 'roster-workers-')), 'roster.json');
    writeFileSync(
      config,
      JSON.stringify({
        secretKey,
        scimLimits: { ratePerSecond: 1e6, burst: 1e6 },
        provisioning: {
          runner: 'graphile-worker',
          pageLeaseSeconds: 6,
          watchSeconds: 0.5,
          managerWaitSeconds: 30,
        },
      }),
    );
    const common = ['--database-url', url, '--config', config];

    // The target: Roster's app side, tenant "acme", served without a worker.
    const tenant = await store.tenants.create('acme', {});
    const minted = mintSecretToken();
    await store.tokens.create(tenant.id, minted.prefix, minted.hash);
    const server = await start(
      ['serve', '--port', '0', '--no-worker', ...common],
      /serving on (http:\/\/\S+) /,
    );
    children.push(server);
    const tenantUrl = `${server.match[1]}/scim/v2/acme`;

    // The directory: 20,000 users, the first 20 managing the rest, all in one assigned group.
    const ids: string[] = [];
    for (let i = 0; i < users; i = i === 0 ? managers : i + 2000) {
      const rows = [];
      for (let j = i; j < Math.min(users, i === 0 ? managers : i + 2000); j++)
        rows.push({
          userPrincipalName: `user${j}@contoso.test`,
          mail: `user${j}@contoso.test`,
          mailNickname: `user${j}`,
          givenName: `Given${j}`,
          surname: 'Test',
          displayName: `User ${j}`,
          accountEnabled: true,
          ...(j >= managers && { manager: ids[j % managers] }),
        });
      for (const record of await store.directory.users.create(rows)) ids.push(record.id);
    }
    const clock = () => new Date();
    const directory = createDirectory({ store, clock, passwords: fastPasswords });
    const provisioning = createProvisioning({
      store,
      clock,
      fetch: (u, init) => fetch(u, init),
      secretBox: createSecretBox(secretKey),
      log: silentLog,
      templates: directory.gallery,
    });
    const all = await store.directory.groups.create({
      displayName: 'Everyone',
      securityEnabled: true,
    });
    for (let i = 0; i < ids.length; i += 5000)
      await store.directory.groups.changeMembers(all.id, { add: ids.slice(i, i + 5000) });
    const app = await directory.apps.add({ template: 'generic-scim', name: 'Acme' });
    await directory.assignments.assign(app.id, { principalType: 'group', principal: all.id });
    await provisioning.jobs.setCredentials(app.id, { tenantUrl, secretToken: minted.token });
    // Bulk (the app side advertises it): a page's creates travel together, which keeps this
    // suite within its time on a loaded machine; single requests are covered in workers.test.ts.
    await provisioning.jobs.updateSettings(app.id, { mode: 'automatic', useBulk: true });

    workers = await Promise.all(
      [0, 1, 2].map(async () => {
        const worker = await start(['worker', ...common], /Roster worker is running/);
        children.push(worker);
        return worker;
      }),
    );
    const stderr = () => workers.map((w, i) => `worker ${i}: ${w.err().slice(-1500)}`).join('\n');
    await provisioning.jobs.start(app.id);

    // Kill the worker holding the page it took last, once a few pages are in.
    const victim = await waitFor(
      'a few pages done and one running',
      120_000,
      async () => {
        const { rows } = await sql.query<{ done: string; owner: string | null }>(
          `select (select count(*) from prov_cycle_pages where status = 'done') as done,
                  (select owner from prov_cycle_pages where status = 'running' and phase = 'sync'
                    order by updated desc limit 1) as owner`,
        );
        const row = rows[0]!;
        if (Number(row.done) < 5 || !row.owner) return undefined;
        const pid = Number(row.owner.split('/')[0]!.split(':').at(-1));
        return workers.find((w) => w.child.pid === pid);
      },
      stderr,
    );
    victim.child.kill('SIGKILL');
    await new Promise((resolve) => victim.child.once('exit', resolve));

    const cycle = await waitFor(
      'the initial cycle to finish',
      240_000,
      async () => {
        const last = await store.provisioning.cycles.latest(app.id, { finished: true });
        return last?.kind === 'initial' ? last : undefined;
      },
      stderr,
    );
    assert.equal(cycle.status, 'succeeded', `${cycle.error}\n${stderr()}`);
    const survivors = workers.filter((w) => w !== victim);
    assert.ok(
      survivors.some((w) => w.err().includes('pages whose worker stopped renewing them run again')),
      `a surviving worker took the killed worker's page again:\n${stderr()}`,
    );

    // The target: every user once.
    const target = await sql.query<{ n: string; names: string; managed: string }>(
      `select count(*) as n, count(distinct user_name_ci) as names,
              count(*) filter (where (data::jsonb -> $2 -> 'manager' ->> 'value') is not null) as managed
         from scim_resources where tenant_id = $1 and kind = 'User'`,
      [tenant.id, enterprise],
    );
    assert.deepEqual(
      [Number(target.rows[0]!.n), Number(target.rows[0]!.names)],
      [users, users],
      'users on the target, by userName',
    );
    assert.equal(
      Number(target.rows[0]!.managed),
      users - managers,
      'users created with their manager',
    );
    const members = await sql.query<{ n: string }>(
      'select count(*) as n from scim_members where tenant_id = $1',
      [tenant.id],
    );
    assert.equal(Number(members.rows[0]!.n), users, 'the group holds every user once');

    // The log: one Create/Success per object, nothing failed.
    const logs = await sql.query<{
      object_type: string;
      action: string;
      status: string;
      n: string;
      objects: string;
    }>(
      `select object_type, action, status, count(*) as n, count(distinct source_id) as objects
         from prov_logs where cycle_id = $1 group by object_type, action, status order by 1, 2, 3`,
      [cycle.id],
    );
    const byKind = Object.fromEntries(
      logs.rows.map((r) => [
        `${r.object_type} ${r.action}/${r.status}`,
        [Number(r.n), Number(r.objects)],
      ]),
    );
    assert.deepEqual(byKind['user Create/Success'], [users, users], JSON.stringify(byKind));
    assert.deepEqual(byKind['group Create/Success'], [1, 1], JSON.stringify(byKind));
    assert.equal(
      logs.rows.filter((r) => r.status === 'Failure').length,
      0,
      `no failures: ${JSON.stringify(byKind)}`,
    );
    assert.equal(cycle.counts.Create, users + 1);

    // The links: one per user, each to its own target user (log and target agree).
    const links = await sql.query<{ n: string; targets: string; matched: string }>(
      `select count(*) as n, count(distinct l.target_id) as targets,
              count(*) filter (where r.user_name_ci = d.upn_ci) as matched
         from prov_links l
         join scim_resources r on r.tenant_id = $1 and r.id = l.target_id
         join dir_users d on d.id = l.source_id
        where l.app_id = $2 and l.object_type = 'user'`,
      [tenant.id, app.id],
    );
    assert.deepEqual(
      [links.rows[0]!.n, links.rows[0]!.targets, links.rows[0]!.matched].map(Number),
      [users, users, users],
    );
    assert.deepEqual(await store.provisioning.work.openPlans(), [], "the cycle's work is dropped");
  });
});
