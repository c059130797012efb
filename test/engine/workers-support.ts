// Shared by the worker suites: a fresh PostgreSQL schema per test (Roster's tables and
// graphile-worker's queue beside it), and a graphile-worker runner wired to an engine harness
// whose target is Roster's own SCIM app in this process.
import pg from 'pg';
import {
  createGraphileRunner,
  createSecretBox,
  type WorkerTiming,
} from '../../src/engine/index.ts';
import type { GraphileRunnerDeps } from '../../src/engine/workers/graphile-runner.ts';
import { openPostgresStore } from '../../src/store/postgres/index.ts';
import { createEngineHarness, type EngineHarnessOptions, silentLog } from './support.ts';

export const databaseUrl = process.env.DATABASE_URL;
export const skip = databaseUrl
  ? undefined
  : 'PostgreSQL suites skipped: DATABASE_URL is not set (bash .ci/run sets it)';

let schemas = 0;

/** A connection string whose sessions use a fresh schema; `schema` names it. */
export async function freshSchemaUrl(prefix = 'w'): Promise<{ url: string; schema: string }> {
  const schema = `${prefix}_${process.pid}_${Date.now()}_${++schemas}`;
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.end();
  const separator = databaseUrl!.includes('?') ? '&' : '?';
  return {
    url: `${databaseUrl}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    schema,
  };
}

export const fastTiming: Partial<WorkerTiming> = {
  pageLeaseMs: 3000,
  leaseMs: 10_000,
  watchMs: 200,
  requeueMs: 5000,
  managerWaitMs: 5000,
};

/** An engine harness on a fresh PostgreSQL schema, and graphile-worker runners on it. */
export async function createWorkerHarness(options: EngineHarnessOptions = {}) {
  const { url, schema } = await freshSchemaUrl();
  const h = await createEngineHarness({
    ...options,
    open: () => openPostgresStore({ connectionString: url, poolSize: 6 }),
  });
  const runners: ReturnType<typeof createGraphileRunner>[] = [];
  /** A worker; `delayMs` slows each request to the target (to catch a cycle midway). */
  function runner(
    timing: Partial<WorkerTiming> = {},
    workerId = `test-${runners.length}`,
    delayMs = 0,
    extra: Partial<
      Pick<GraphileRunnerDeps, 'runWorker' | 'restartDelayMs' | 'log' | 'fetch' | 'clock'>
    > = {},
  ) {
    const created = createGraphileRunner({
      store: h.store,
      clock: () => new Date(),
      log: silentLog,
      fetch: async (u, init) => {
        if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
        return h.scim.request(u, init);
      },
      secretBox: createSecretBox('test-secret-key-0123456789abcdef-0123'),
      clientOptions: { timeoutMs: 5000, retry: { maxAttempts: 1 } },
      events: h.provisioning.events,
      jobs: h.provisioning.jobs,
      runCycle: h.provisioning.runCycle,
      connectionString: url,
      workerSchema: `${schema}_worker`,
      pollMs: 200,
      timing: { ...fastTiming, ...timing },
      workerId,
      ...(options.pageSize && { pageSize: options.pageSize }),
      ...extra,
    });
    runners.push(created);
    return created;
  }
  return {
    ...h,
    url,
    schema,
    runner,
    async close() {
      for (const r of runners) await r.stop();
      await h.close();
    },
  };
}
