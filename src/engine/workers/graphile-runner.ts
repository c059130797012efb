/**
 * The Runner on graphile-worker (PostgreSQL, many worker processes): every worker runs page
 * jobs of any cycle; a cycle is a coordinator job (start-cycle.ts), bounded page jobs
 * (page-run.ts) and a watcher (watch-cycle.ts). Each worker looks every `pollMs` for due jobs
 * and open cycles and queues their coordinator or watcher (job keys keep one of each waiting),
 * so a cycle survives any of its workers; graphile-process.ts keeps graphile-worker itself
 * running. Dry runs run in the asking process.
 *
 * Example:
 *   const runner = createGraphileRunner({ ...cycleDeps, connectionString, runCycle });
 *   runner.start(); await runner.ready();  …  await runner.stop();  // SIGTERM: the current pages finish
 */
import { hostname } from 'node:os';
import { findApp } from '../app-info.ts';
import type { CycleReport } from '../cycle/cycle-report.ts';
import type { CycleDeps, RunCycleOptions } from '../cycle/run-cycle.ts';
import { isProvisioningError } from '../engine-error.ts';
import { jobOf } from '../job-record.ts';
import type { Runner } from '../runner.ts';
import { createCyclePartsCache } from './cycle-parts.ts';
import {
  createGraphileProcess,
  type GraphileProcess,
  type GraphileProcessOptions,
} from './graphile-process.ts';
import {
  type CyclePayload,
  createGraphileQueue,
  type PagePayload,
  tasks,
  type WatchPayload,
} from './graphile-queue.ts';
import { runPage } from './page-run.ts';
import { startCycle } from './start-cycle.ts';
import { watchCycle } from './watch-cycle.ts';
import { defaultTiming, type WorkerDeps, type WorkerTiming } from './worker-deps.ts';

export interface GraphileRunnerDeps extends CycleDeps {
  connectionString: string;
  /** graphile-worker's schema; default graphile_worker, or <schema>_worker beside a non-public schema. */
  workerSchema?: string;
  /** Runs a dry run (in this process). */
  runCycle: (appRef: string, options: RunCycleOptions) => Promise<CycleReport>;
  /** Jobs this process runs at once (default 2). */
  concurrency?: number;
  /** How often this process looks for due jobs and open cycles (default 5 s). */
  pollMs?: number;
  timing?: Partial<WorkerTiming>;
  workerId?: string;
  /** How graphile-worker is started and started again (graphile-process.ts). */
  runWorker?: GraphileProcessOptions['runWorker'];
  restartDelayMs?: GraphileProcessOptions['restartDelayMs'];
}

export interface WorkerRunner extends Runner {
  /** Resolves once connected and its schema is migrated; rejects when it cannot start. */
  ready(): Promise<void>;
}

export function createGraphileRunner(deps: GraphileRunnerDeps): WorkerRunner {
  const concurrency = deps.concurrency ?? 2;
  const pollMs = deps.pollMs ?? 5000;
  const log = deps.log;
  const active = new Map<string, number>();
  let graphile: GraphileProcess | undefined;
  let timer: NodeJS.Timeout | undefined;
  let started: Promise<void> | undefined;
  let stopping = false;
  let unsubscribe: (() => void) | undefined;

  let wdeps: WorkerDeps;
  const track = async <T>(appId: string, work: () => Promise<T>): Promise<T> => {
    active.set(appId, (active.get(appId) ?? 0) + 1);
    try {
      return await work();
    } finally {
      const n = (active.get(appId) ?? 1) - 1;
      if (n > 0) active.set(appId, n);
      else active.delete(appId);
    }
  };

  async function postpone(appId: string, error: unknown): Promise<void> {
    log.warn({ appId, err: error }, 'provisioning job cannot run; trying again after its interval');
    if (isProvisioningError(error) && error.kind === 'notFound' && error.field === 'app') {
      await deps.store.provisioning.jobs.delete(appId);
      return;
    }
    const record = await deps.store.provisioning.jobs.get(appId);
    if (!record) return;
    const interval = jobOf(record).settings.intervalSeconds * 1000;
    await deps.store.provisioning.jobs.update(appId, {
      nextRunAt: new Date(deps.clock().getTime() + interval).toISOString(),
    });
  }

  const taskList = {
    [tasks.cycle]: async (payload: unknown) => {
      const { appId, manual } = payload as CyclePayload;
      await track(appId, async () => {
        try {
          const result = await startCycle(wdeps, appId, { manual: manual ?? false });
          if (!result || 'running' in result) return;
          const cycleId = 'resumed' in result ? result.resumed : result.cycleId;
          if ('pages' in result) await wdeps.queue.pages(appId, result.pages);
          await wdeps.queue.watch(cycleId, new Date());
        } catch (error) {
          await postpone(appId, error).catch((e: unknown) =>
            log.error({ err: e, appId }, 'postponing a job failed'),
          );
          if (!isProvisioningError(error))
            log.error({ err: error, appId }, 'starting a provisioning cycle failed');
        }
      });
    },
    [tasks.page]: async (payload: unknown) => {
      const { appId, ...key } = payload as PagePayload;
      await track(appId, async () => {
        const result = await runPage(wdeps, cache, key).catch((error: unknown) => {
          log.error({ err: error, appId, cycleId: key.cycleId }, 'a provisioning page crashed');
          return 'retry' as const;
        });
        if (result === 'retry')
          await wdeps.queue.pages(appId, [key], new Date(deps.clock().getTime() + 2000));
        // The watcher looks now: the phase may be complete.
        await wdeps.queue.watch(key.cycleId, new Date());
      });
    },
    [tasks.watch]: async (payload: unknown) => {
      const { cycleId } = payload as WatchPayload;
      try {
        const { again } = await watchCycle(wdeps, cycleId);
        if (again)
          await wdeps.queue.watch(cycleId, new Date(deps.clock().getTime() + wdeps.timing.watchMs));
        else cache.forget(cycleId);
      } catch (error) {
        log.error({ err: error, cycleId }, 'watching a provisioning cycle failed');
        await wdeps.queue.watch(cycleId, new Date(deps.clock().getTime() + wdeps.timing.watchMs));
      }
    },
  };

  let cache: ReturnType<typeof createCyclePartsCache>;

  /** Due jobs get a coordinator, open cycles a watcher (a worker that died may have held them). */
  async function tick(): Promise<void> {
    timer = undefined;
    if (stopping || !graphile?.utils()) return;
    try {
      const now = deps.clock();
      for (const job of await deps.store.provisioning.jobs.due(now.toISOString(), 100))
        await wdeps.queue.cycle(job.appId, now);
      for (const plan of await deps.store.provisioning.work.openPlans())
        await wdeps.queue.watch(plan.cycleId, new Date(now.getTime() + wdeps.timing.watchMs), true);
    } catch (error) {
      log.error({ err: error }, 'the provisioning worker could not look at the jobs');
    }
    if (!stopping) {
      timer = setTimeout(() => void tick(), pollMs);
      timer.unref();
    }
  }

  async function boot(): Promise<void> {
    const workerId = deps.workerId ?? `${hostname()}:${process.pid}`;
    const utils = () => {
      const current = graphile?.utils();
      if (!current) throw new Error('graphile-worker is not running in this process');
      return current;
    };
    wdeps = {
      ...deps,
      queue: createGraphileQueue({
        addJob: (...args) => utils().addJob(...args),
        addJobs: (...args) => utils().addJobs(...args),
      }),
      timing: { ...defaultTiming, ...(deps.leaseMs && { leaseMs: deps.leaseMs }), ...deps.timing },
      workerId,
    };
    cache = createCyclePartsCache(wdeps);
    graphile = createGraphileProcess({
      connectionString: deps.connectionString,
      ...(deps.workerSchema && { schema: deps.workerSchema }),
      concurrency,
      taskList,
      log,
      workerId,
      ...(deps.runWorker && { runWorker: deps.runWorker }),
      ...(deps.restartDelayMs !== undefined && { restartDelayMs: deps.restartDelayMs }),
    });
    const { schema } = await graphile.start();
    log.info({ schema, concurrency, workerId }, 'provisioning worker started (graphile-worker)');
    await tick();
  }

  const runner: WorkerRunner = {
    start() {
      if (started) return;
      stopping = false;
      // A job changed in this process (started, rescheduled): queue its cycle at its time.
      unsubscribe = deps.events.on('job:changed', ({ appId }) => runner.schedule(appId));
      started = boot();
      started.catch((err: unknown) =>
        log.error({ err }, 'the provisioning worker could not start'),
      );
    },
    ready: () => started ?? Promise.reject(new Error('the provisioning worker was not started')),
    schedule(appId) {
      const running = graphile?.utils() !== undefined;
      if (!running || !appId) {
        if (running && timer) {
          clearTimeout(timer);
          void tick();
        }
        return;
      }
      void (async () => {
        const record = await deps.store.provisioning.jobs.get(appId);
        if (record?.enabled && record.nextRunAt)
          await wdeps.queue.cycle(appId, new Date(record.nextRunAt));
      })().catch((err: unknown) =>
        log.error({ err, appId }, 'scheduling a provisioning job failed'),
      );
    },
    async trigger(appRef, options = {}) {
      if (options.dryRun) return deps.runCycle(appRef, { dryRun: true });
      await started;
      const app = await findApp(deps.store, appRef);
      const asked = deps.clock().toISOString();
      await wdeps.queue.cycle(app.id, new Date(), true);
      // The cycle runs on any worker: wait (bounded) until one that started after the ask ends.
      const deadline = Date.now() + 6 * 3600_000;
      while (Date.now() < deadline) {
        const last = await deps.store.provisioning.cycles.latest(app.id, { finished: true });
        if (last && last.started >= asked)
          return {
            cycleId: last.id,
            appId: app.id,
            kind: last.kind,
            dryRun: false,
            status: last.status,
            started: last.started,
            finished: last.finished ?? last.started,
            durationMs: Date.parse(last.finished ?? last.started) - Date.parse(last.started),
            done: last.done,
            total: last.total,
            counts: last.counts,
            error: last.error,
            watermark: last.watermarkTo ?? last.watermarkFrom,
            more: false,
          };
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      throw new Error(`no cycle of ${app.name} ended within 6 hours of the request`);
    },
    async stop() {
      stopping = true;
      unsubscribe?.();
      unsubscribe = undefined;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await started?.catch(() => {});
      await graphile?.stop();
      graphile = undefined;
      started = undefined;
    },
    running: () => [...active.keys()],
  };
  return runner;
}
