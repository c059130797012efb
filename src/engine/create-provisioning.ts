/**
 * The provisioning service of the identity side, wired on one store: job configuration
 * (jobs.ts), cycles (cycle/run-cycle.ts), status, cycle history, provisioning logs and their
 * export, events, quarantine (its policy from `quarantine`), the notification emails (through
 * `mailer`, linking the console at `publicUrl`), and the in-process runner that `roster serve`
 * starts. The admin API and the CLI both call this, so they behave alike.
 *
 * Example:
 *   const provisioning = createProvisioning({ store, clock, fetch, secretBox, log, templates: directory.gallery });
 *   const report = await provisioning.runCycle('Wrike', { dryRun: true });
 */
import type { LogPage, LogQuery, Store } from '../store/store.ts';
import { defaultQuarantinePolicy, type QuarantinePolicy } from '../sync/index.ts';
import type { TemplateSource } from './app-info.ts';
import { findApp } from './app-info.ts';
import type { EngineLog } from './cycle/cycle-context.ts';
import type { CycleReport } from './cycle/cycle-report.ts';
import { type RunCycleOptions, runCycle } from './cycle/run-cycle.ts';
import { createEngineEvents, type EngineEvents } from './events.ts';
import { testExpression } from './expression-test.ts';
import { createJobs } from './jobs.ts';
import { exportLogs, type LogFormat } from './log-export.ts';
import type { Mailer } from './mailer.ts';
import { createNotifier } from './notifier.ts';
import type { OnDemandInput } from './on-demand/on-demand-subject.ts';
import { type OnDemandOptions, runOnDemand } from './on-demand/run-on-demand.ts';
import { createInProcessRunner, type InProcessRunnerDeps, type Runner } from './runner.ts';
import { provisioningStatus } from './status.ts';
import type { TargetClientDeps } from './target-client.ts';

export interface ProvisioningDeps extends TargetClientDeps {
  store: Pick<Store, 'directory' | 'provisioning'>;
  clock: () => Date;
  log: EngineLog;
  templates?: TemplateSource | undefined;
  events?: EngineEvents;
  /** Objects per page of a cycle (default 500). */
  pageSize?: number;
  /** Changes to Entra's quarantine thresholds and times (tests shrink them). */
  quarantine?: Partial<QuarantinePolicy> | undefined;
  /** Sends notification emails; none (no SMTP configured): a warning is logged instead. */
  mailer?: Mailer | undefined;
  /** Roster's public URL, for the console link in notification emails. */
  publicUrl?: string | undefined;
  /** How long a job's lease lasts without renewal (default 5 minutes; tests shorten it). */
  leaseMs?: number;
}

export type LogFilter = Omit<LogQuery, 'appId' | 'limit' | 'before'>;

export type Provisioning = ReturnType<typeof createProvisioning>;

export function createProvisioning(deps: ProvisioningDeps) {
  const events = deps.events ?? createEngineEvents();
  const quarantinePolicy: QuarantinePolicy = { ...defaultQuarantinePolicy, ...deps.quarantine };
  const jobs = createJobs({ ...deps, events });
  const notifier = createNotifier({
    mailer: deps.mailer,
    log: deps.log,
    publicUrl: deps.publicUrl,
  });
  const cycleDeps = { ...deps, events, jobs, quarantinePolicy, notifier };
  // Stopping a job stops its cycles running in this process, whoever started them.
  const running = new Map<string, Set<AbortController>>();
  events.on('job:stopped', ({ appId }) => {
    for (const controller of running.get(appId) ?? []) controller.abort();
  });
  const run = async (appRef: string, options: RunCycleOptions = {}): Promise<CycleReport> => {
    const { id } = await findApp(deps.store, appRef);
    const controller = new AbortController();
    const set = running.get(id) ?? new Set();
    running.set(id, set.add(controller));
    try {
      const signal = options.signal
        ? AbortSignal.any([options.signal, controller.signal])
        : controller.signal;
      return await runCycle(cycleDeps, id, { ...options, signal });
    } finally {
      set.delete(controller);
      if (set.size === 0) running.delete(id);
    }
  };

  return {
    jobs,
    events,
    runCycle: run,
    /** The quarantine thresholds and times in effect. */
    quarantinePolicy,
    /** Provision one user, or one group of at most 5 members, now; see on-demand/run-on-demand.ts. */
    onDemand: (appRef: string, input: OnDemandInput, options: OnDemandOptions = {}) =>
      runOnDemand(cycleDeps, appRef, input, options),
    status: (appRef: string) => provisioningStatus({ ...deps, jobs }, appRef),
    /** "Test this expression against user X" (expression-test.ts). */
    testExpression: (appRef: string, input: { expression: string; user: string }) =>
      testExpression({ ...deps, jobs }, appRef, input),
    async cycles(appRef: string, limit = 20) {
      const app = await findApp(deps.store, appRef);
      return deps.store.provisioning.cycles.list(app.id, Math.min(Math.max(1, limit), 500));
    },
    async logs(
      appRef: string,
      filter: LogFilter,
      page: { limit?: number; before?: number } = {},
    ): Promise<LogPage> {
      const app = await findApp(deps.store, appRef);
      return deps.store.provisioning.logs.query({
        ...filter,
        appId: app.id,
        limit: Math.min(Math.max(1, page.limit ?? 100), 1000),
        ...(page.before !== undefined && { before: page.before }),
      });
    },
    async exportLogs(
      appRef: string,
      filter: LogFilter,
      format: LogFormat,
    ): Promise<AsyncGenerator<string>> {
      const app = await findApp(deps.store, appRef);
      return exportLogs(deps.store, { ...filter, appId: app.id }, format);
    },
    /** The in-process runner (started by `roster serve` only). */
    createRunner(
      options: Partial<
        Omit<InProcessRunnerDeps, 'runCycle' | 'events' | 'store' | 'clock' | 'log'>
      > = {},
    ): Runner {
      return createInProcessRunner({
        ...options,
        runCycle: run,
        events,
        store: deps.store,
        clock: deps.clock,
        log: deps.log,
      });
    },
  };
}
