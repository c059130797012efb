/**
 * A job's status (the Provisioning blade's "Current status"): whether a cycle runs now and its
 * progress (objects done of total, counts by action), the last cycle with its duration, the
 * statistics to date, the next run, a hold or quarantine with its reason (and the quarantine's
 * next attempt), and why quarantine turned the job off.
 *
 * Example: await provisioningStatus(deps, 'Wrike')
 *   → { state: 'running', currentCycle: { kind: 'initial', done: 120, total: 500, … }, lastCycle: …, statistics: … }
 */
import type { CycleRecord, Store } from '../store/store.ts';
import {
  type CycleSummary,
  type JobState,
  type JobStatistics,
  quarantineView,
} from './job-record.ts';
import type { Jobs, JobView } from './jobs.ts';

export interface ProvisioningStatus {
  appId: string;
  appName: string;
  /** off, idle (on, waiting for its next run), running, held (TooManyDeletes), quarantined. */
  state: 'off' | 'idle' | 'running' | 'held' | 'quarantined';
  enabled: boolean;
  mode: JobView['settings']['mode'];
  currentCycle: Pick<
    CycleRecord,
    'id' | 'kind' | 'started' | 'done' | 'total' | 'counts' | 'dryRun'
  > | null;
  lastCycle: CycleSummary | null;
  statistics: JobStatistics;
  /** The next cycle is an initial one. */
  initialPending: boolean;
  nextRunAt: string | null;
  watermark: number;
  hold: JobState['hold'];
  /** since, reason, detail and nextAttemptAt (null while the job is off). */
  quarantine: ReturnType<typeof quarantineView>;
  /** Why quarantine turned the job off after four weeks; null otherwise. */
  disabledReason: string | null;
  links: { users: number; groups: number };
  escrows: number;
}

export async function provisioningStatus(
  deps: { store: Pick<Store, 'provisioning'>; jobs: Jobs; clock: () => Date },
  appRef: string,
): Promise<ProvisioningStatus> {
  const { app, job } = await deps.jobs.load(appRef);
  const { cycles, links, escrows } = deps.store.provisioning;
  const latest = await cycles.latest(app.id);
  const leased = job.leaseUntil !== null && job.leaseUntil > deps.clock().toISOString();
  const running = latest?.status === 'running' && leased ? latest : null;
  const state: ProvisioningStatus['state'] = running
    ? 'running'
    : job.state.quarantine
      ? 'quarantined'
      : job.state.hold
        ? 'held'
        : job.enabled
          ? 'idle'
          : 'off';
  return {
    appId: app.id,
    appName: app.name,
    state,
    enabled: job.enabled,
    mode: job.settings.mode,
    currentCycle: running
      ? {
          id: running.id,
          kind: running.kind,
          started: running.started,
          done: running.done,
          total: running.total,
          counts: running.counts,
          dryRun: running.dryRun,
        }
      : null,
    lastCycle: job.state.lastCycle,
    statistics: job.state.statistics,
    initialPending: job.initialPending,
    nextRunAt: job.nextRunAt,
    watermark: job.watermark,
    hold: job.state.hold,
    quarantine: quarantineView(job),
    disabledReason: job.state.disabledReason,
    links: { users: await links.count(app.id, 'user'), groups: await links.count(app.id, 'group') },
    escrows: await escrows.count(app.id),
  };
}
