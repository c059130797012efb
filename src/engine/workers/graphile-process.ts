/**
 * graphile-worker kept running for one Roster worker: its connection pool, its utilities
 * (addJob) and its runner, started under the migration lock. When graphile-worker stops without
 * being asked (a fatal error of its own ends its pool) it is started again with a back-off —
 * 1 s doubling to 60 s, back to 1 s once it ran a minute; a new pool and new utilities when the
 * old pool ended — so a worker never goes quiet and says so in its log.
 *
 * Example:
 *   const graphile = createGraphileProcess({ connectionString, concurrency: 2, taskList, log, workerId });
 *   const { schema } = await graphile.start();  graphile.utils()!.addJob(…);  await graphile.stop();
 */
import {
  type Runner as GraphileRunner,
  Logger,
  makeWorkerUtils,
  type RunnerOptions,
  run,
  type TaskList,
  type WorkerUtils,
} from 'graphile-worker';
import pg from 'pg';
import type { EngineLog } from '../cycle/cycle-context.ts';

export interface GraphileProcessOptions {
  connectionString: string;
  /** graphile-worker's schema; default graphile_worker, or <schema>_worker beside a non-public schema. */
  schema?: string;
  concurrency: number;
  taskList: TaskList;
  log: EngineLog;
  workerId: string;
  /** Starts graphile-worker (default its `run`); tests wrap it to make it stop on its own. */
  runWorker?: (options: RunnerOptions) => Promise<GraphileRunner>;
  /** First wait before graphile-worker is started again after it stopped (default 1 s). */
  restartDelayMs?: number;
}

export interface GraphileProcess {
  /** Connects, migrates graphile-worker's schema and starts it; resolves with the schema. */
  start(): Promise<{ schema: string }>;
  /** The utilities to queue jobs with; undefined before start and after stop. */
  utils(): WorkerUtils | undefined;
  /** Lets running jobs end, then closes everything; nothing is restarted after. */
  stop(): Promise<void>;
}

/**
 * Runs `work` holding the advisory lock every migration of the database takes (the store's
 * too, store/postgres): Kysely reads the whole catalog before it migrates, and graphile-worker
 * changes its schema when it starts, so processes starting together take turns.
 */
export async function withMigrationLock<T>(pool: pg.Pool, work: () => Promise<T>): Promise<T> {
  const lock = await pool.connect();
  try {
    await lock.query("select pg_advisory_lock(hashtext('roster:migrations'))");
    return await work();
  } finally {
    await lock.query("select pg_advisory_unlock(hashtext('roster:migrations'))").catch(() => {});
    lock.release();
  }
}

async function defaultSchema(pool: pg.Pool): Promise<string> {
  const { rows } = await pool.query<{ schema: string }>('select current_schema() as schema');
  const schema = rows[0]?.schema ?? 'public';
  return schema === 'public' ? 'graphile_worker' : `${schema}_worker`;
}

const maxRestartDelayMs = 60_000;

export function createGraphileProcess(options: GraphileProcessOptions): GraphileProcess {
  const { log, workerId, concurrency } = options;
  const runWorker = options.runWorker ?? run;
  const firstDelay = options.restartDelayMs ?? 1000;
  let delay = firstDelay;
  let pool: pg.Pool | undefined;
  let utils: WorkerUtils | undefined;
  let worker: GraphileRunner | undefined;
  let restartTimer: NodeJS.Timeout | undefined;
  let stopping = false;
  let schema = '';

  const logger = new Logger(() => (level, message, meta) => {
    if (level === 'error') log.error({ ...meta, component: 'graphile-worker' }, message);
    else if (level === 'warning') log.warn({ ...meta, component: 'graphile-worker' }, message);
    else if (level === 'info' && !message.startsWith('Completed task'))
      log.info({ ...meta, component: 'graphile-worker' }, message);
  });

  function openPool(): pg.Pool {
    const opened = new pg.Pool({
      connectionString: options.connectionString,
      max: concurrency + 4,
    });
    opened.on('error', (err) => log.error({ err }, 'graphile-worker connection failed'));
    opened.on('connect', (client) => {
      client.on('error', (err) => log.error({ err }, 'graphile-worker connection failed'));
    });
    return opened;
  }

  const nextDelay = () => {
    const ms = delay;
    delay = Math.min(delay * 2, maxRestartDelayMs);
    return ms;
  };

  async function startWorker(): Promise<void> {
    const current = await runWorker({
      pgPool: pool!,
      schema,
      logger,
      concurrency,
      noHandleSignals: true,
      pollInterval: 1000,
      parsedCronItems: [],
      taskList: options.taskList,
    });
    worker = current;
    const since = Date.now();
    const stopped = (err: unknown) => {
      if (stopping || worker !== current) return;
      worker = undefined;
      if (Date.now() - since > maxRestartDelayMs) delay = firstDelay;
      const retryInMs = nextDelay();
      log.error(
        { err, workerId, retryInMs },
        'graphile-worker stopped on its own; starting it again',
      );
      restartTimer = setTimeout(() => void restart(), retryInMs);
    };
    current.promise.then(() => stopped(undefined), stopped);
  }

  async function restart(): Promise<void> {
    restartTimer = undefined;
    if (stopping) return;
    try {
      if (!pool || pool.ended) {
        await Promise.resolve(utils?.release()).catch(() => {});
        pool = openPool();
        utils = await makeWorkerUtils({ pgPool: pool, schema, logger });
      }
      await startWorker();
      log.info({ workerId }, 'graphile-worker started again');
    } catch (err) {
      const retryInMs = nextDelay();
      log.error({ err, workerId, retryInMs }, 'graphile-worker could not start again');
      if (!stopping) restartTimer = setTimeout(() => void restart(), retryInMs);
    }
  }

  return {
    async start() {
      stopping = false;
      delay = firstDelay;
      const opened = openPool();
      pool = opened;
      schema = options.schema ?? (await defaultSchema(opened));
      await withMigrationLock(opened, async () => {
        utils = await makeWorkerUtils({ pgPool: opened, schema, logger });
        await startWorker();
      });
      return { schema };
    },
    utils: () => utils,
    async stop() {
      stopping = true;
      if (restartTimer) clearTimeout(restartTimer);
      restartTimer = undefined;
      // graphile-worker lets running jobs end (a page finishes and commits); they still queue.
      const running = worker;
      worker = undefined;
      await running?.stop();
      const utilities = utils;
      utils = undefined;
      await utilities?.release();
      const connections = pool;
      pool = undefined;
      if (connections && !connections.ended) await connections.end();
    },
  };
}
