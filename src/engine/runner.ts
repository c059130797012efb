/**
 * The runner: starts each enabled job's cycles on its interval, one cycle per app at a time.
 * `Runner` is the small interface (schedule / trigger / stop) a graphile-worker implementation
 * can fill for PostgreSQL deployments (issue #9); this file is the in-process one that
 * `roster serve` starts. It sleeps until the earliest job is due (at most `pollMs`, so changes
 * made by another process are seen), claims the job's lease through runCycle (so two
 * processes never run one app at once), and wakes early when a job changes in this process.
 * Stopping the runner aborts its running cycles after their current page.
 *
 * Example:
 *   const runner = createInProcessRunner({ provisioning, store, clock, log });
 *   runner.start();  …  await runner.stop();
 */
import type { Store } from '../store/store.ts';
import type { EngineLog } from './cycle/cycle-context.ts';
import type { CycleReport } from './cycle/cycle-report.ts';
import type { RunCycleOptions } from './cycle/run-cycle.ts';
import { isProvisioningError } from './engine-error.ts';
import type { EngineEvents } from './events.ts';
import { jobOf } from './job-record.ts';

export interface Runner {
  /** Begins running due jobs. */
  start(): void;
  /** A job's schedule may have changed: look again now. */
  schedule(appId?: string): void;
  /** Runs one cycle of the app now and resolves with its report (after a running one ends). */
  trigger(appRef: string, options?: { dryRun?: boolean }): Promise<CycleReport>;
  /** Stops starting cycles; running ones end after their current page. Resolves when they have. */
  stop(): Promise<void>;
  /** Apps with a cycle running in this runner. */
  running(): string[];
}

export interface InProcessRunnerDeps {
  runCycle: (appRef: string, options: RunCycleOptions) => Promise<CycleReport>;
  events: EngineEvents;
  store: Pick<Store, 'provisioning'>;
  clock: () => Date;
  log: EngineLog;
  /** Longest sleep between looks at the jobs table; default 5 s. */
  pollMs?: number;
  /** Apps whose cycles may run at once; default 4. */
  concurrency?: number;
  owner?: string;
}

export function createInProcessRunner(deps: InProcessRunnerDeps): Runner {
  const { store, clock, log, events } = deps;
  const pollMs = deps.pollMs ?? 5000;
  const concurrency = deps.concurrency ?? 4;
  const active = new Map<string, { controller: AbortController; done: Promise<unknown> }>();
  let timer: NodeJS.Timeout | undefined;
  let running = false;
  let unsubscribe: (() => void)[] = [];

  /** A job that cannot run (manual mode, no credentials, app gone) is pushed to its next interval. */
  async function postpone(appId: string, error: unknown): Promise<void> {
    log.warn({ appId, err: error }, 'provisioning job cannot run; trying again after its interval');
    const record = await store.provisioning.jobs.get(appId);
    if (!record) return;
    if (isProvisioningError(error) && error.kind === 'notFound' && error.field === 'app') {
      await store.provisioning.jobs.delete(appId);
      return;
    }
    const interval = jobOf(record).settings.intervalSeconds * 1000;
    await store.provisioning.jobs.update(appId, {
      nextRunAt: new Date(clock().getTime() + interval).toISOString(),
    });
  }

  function launch(appId: string, options: RunCycleOptions = {}): Promise<CycleReport | undefined> {
    const controller = new AbortController();
    const done = deps
      .runCycle(appId, {
        ...options,
        ...(deps.owner && { owner: deps.owner }),
        signal: controller.signal,
      })
      .catch(async (error: unknown) => {
        if (isProvisioningError(error) && error.kind === 'conflict') return undefined; // another process has it
        await postpone(appId, error).catch((e: unknown) =>
          log.error({ err: e, appId }, 'postponing a job failed'),
        );
        if (!isProvisioningError(error))
          log.error({ err: error, appId }, 'provisioning cycle crashed');
        return undefined;
      })
      .finally(() => {
        active.delete(appId);
        wake();
      });
    active.set(appId, { controller, done });
    return done;
  }

  async function tick(): Promise<void> {
    timer = undefined;
    if (!running) return;
    try {
      const free = concurrency - active.size;
      if (free > 0) {
        const due = await store.provisioning.jobs.due(clock().toISOString(), free + active.size);
        for (const job of due)
          if (!active.has(job.appId) && active.size < concurrency) launch(job.appId);
      }
      const next = await store.provisioning.jobs.nextDue();
      const wait =
        next === null
          ? pollMs
          : Math.min(pollMs, Math.max(200, Date.parse(next) - clock().getTime()));
      arm(wait);
    } catch (error) {
      log.error({ err: error }, 'provisioning runner could not read the jobs');
      arm(pollMs);
    }
  }

  function arm(ms: number): void {
    if (!running) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
    timer.unref();
  }

  const wake = () => arm(0);

  return {
    start() {
      if (running) return;
      running = true;
      // (Stopping a job aborts its cycle in the provisioning service, whoever started it.)
      unsubscribe = [events.on('job:changed', () => wake())];
      wake();
    },
    schedule: () => wake(),
    async trigger(appRef, options = {}) {
      if (options.dryRun)
        return deps.runCycle(appRef, { dryRun: true, ...(deps.owner && { owner: deps.owner }) });
      for (const [appId, job] of active) if (appId === appRef) await job.done;
      return deps.runCycle(appRef, deps.owner ? { owner: deps.owner } : {});
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      for (const off of unsubscribe) off();
      unsubscribe = [];
      for (const job of active.values()) job.controller.abort();
      await Promise.allSettled([...active.values()].map((j) => j.done));
    },
    running: () => [...active.keys()],
  };
}
