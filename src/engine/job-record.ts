/**
 * A provisioning job as the engine reads it from the store: typed settings and mappings, the
 * sealed credentials, and the runtime state a cycle keeps between runs (statistics to date,
 * the last cycle, a hold (TooManyDeletes), quarantine with the counts it is judged on, and
 * why the job was turned off when quarantine lasted too long).
 *
 * Example: const job = jobOf(await store.provisioning.jobs.get(appId)); job.settings.intervalSeconds → 2400
 */

import type { CycleKind, ProvisioningJobRecord } from '../store/store.ts';
import type { MappingConfig, Quarantine } from '../sync/index.ts';
import type { JobSettings } from './job-settings.ts';

export interface SealedCredentials {
  tenantUrl: string;
  /** AES-256-GCM sealed (secret-box.ts); never returned or logged. */
  secretToken: string;
  updated: string;
}

/** Totals over every completed cycle of the job ("statistics to date"). */
export interface JobStatistics {
  cycles: number;
  initialCycles: number;
  /** Log entries by action and status, summed. */
  counts: Record<string, number>;
  /** Sum of cycle durations. */
  durationMs: number;
}

export interface CycleSummary {
  id: string;
  kind: CycleKind;
  status: string;
  started: string;
  finished: string;
  durationMs: number;
  counts: Record<string, number>;
  error: string | null;
  /** The quarantine the cycle ran in (why it ran late), or null. */
  quarantine?: Quarantine | null;
}

/**
 * Object outcomes since the escrows were last cleared (a restart with the escrows scope): what
 * the escrow thresholds of quarantine are judged on. Reference failures are the manager and
 * member writes that failed.
 */
export interface EscrowCounts {
  failures: number;
  referenceFailures: number;
  successes: number;
}

/** Why the job does not run on its own: set by the accidental-deletion check (TooManyDeletes). */
export interface JobHold {
  reason: 'TooManyDeletes';
  detail: string;
  since: string;
  count: number;
  threshold: number;
}

export interface JobState {
  statistics: JobStatistics;
  lastCycle: CycleSummary | null;
  hold: JobHold | null;
  /** An admin allowed the held deletes: the next cycle carries them out whatever the count. */
  allowDeletes: boolean;
  quarantine: Quarantine | null;
  failingCycles: number;
  escrowCounts: EscrowCounts;
  /** Set when quarantine turned the job off (after four weeks); cleared by start. */
  disabledReason: string | null;
}

export interface Job {
  appId: string;
  enabled: boolean;
  settings: JobSettings;
  mappings: MappingConfig;
  credentials: SealedCredentials | null;
  state: JobState;
  configVersion: number;
  initialVersion: number;
  watermark: number;
  nextRunAt: string | null;
  leaseOwner: string | null;
  leaseUntil: string | null;
  version: number;
  /** True when the next cycle is an initial one. */
  initialPending: boolean;
}

export const emptyState = (): JobState => ({
  statistics: { cycles: 0, initialCycles: 0, counts: {}, durationMs: 0 },
  lastCycle: null,
  hold: null,
  allowDeletes: false,
  quarantine: null,
  failingCycles: 0,
  escrowCounts: { failures: 0, referenceFailures: 0, successes: 0 },
  disabledReason: null,
});

/** The job's quarantine with its next attempt: the next run while the job is on, else none. */
export function quarantineView(
  job: Pick<Job, 'enabled' | 'nextRunAt' | 'state'>,
): (Quarantine & { nextAttemptAt: string | null }) | null {
  const q = job.state.quarantine;
  return q ? { ...q, nextAttemptAt: job.enabled ? job.nextRunAt : null } : null;
}

export function jobOf(record: ProvisioningJobRecord): Job {
  return {
    appId: record.appId,
    enabled: record.enabled,
    settings: record.settings as unknown as JobSettings,
    mappings: record.mappings as unknown as MappingConfig,
    credentials: record.credentials as unknown as SealedCredentials | null,
    state: { ...emptyState(), ...(record.state as Partial<JobState>) },
    configVersion: record.configVersion,
    initialVersion: record.initialVersion,
    watermark: record.watermark,
    nextRunAt: record.nextRunAt,
    leaseOwner: record.leaseOwner,
    leaseUntil: record.leaseUntil,
    version: record.version,
    initialPending: record.initialVersion < record.configVersion,
  };
}
