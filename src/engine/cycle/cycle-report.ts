/**
 * What a cycle reports when it ends (and `roster provisioning run --once` prints): its kind,
 * outcome, duration, objects done, log entries by action and status, the change-feed window,
 * and for a dry run the entries it would have written.
 *
 * Example: { cycleId: '…', kind: 'initial', status: 'succeeded', durationMs: 812, done: 12, total: 12,
 *            counts: { Create: 10, Update: 2, Success: 12 }, watermark: 57, more: false }
 */
import type { CycleKind, CycleStatus, ProvisioningLogEntry } from '../../store/store.ts';
import type { Quarantine, QuarantineEvent } from '../../sync/index.ts';

export interface CycleReport {
  cycleId: string;
  appId: string;
  kind: CycleKind;
  dryRun: boolean;
  status: CycleStatus;
  started: string;
  finished: string;
  durationMs: number;
  done: number;
  total: number;
  /** Log entries by action (Create, Update, Disable, Delete, StagedDelete, Other) and status. */
  counts: Record<string, number>;
  /** Why the cycle failed, stopped or was held. */
  error: string | null;
  /** The change-feed sequence the cycle read up to (stored as the watermark when it succeeded). */
  watermark: number;
  /** More changes wait past this cycle's window: the runner starts the next one soon. */
  more: boolean;
  /** Dry runs: the entries the cycle would have logged (at most 1,000). */
  entries?: ProvisioningLogEntry[];
  /**
   * Real cycles: the quarantine the cycle ran in (why it ran late), what the cycle did to it
   * (entered, reasonChanged, lifted, disabled, none), the job's quarantine after it and its
   * next attempt.
   */
  quarantine?: {
    ranIn: Quarantine | null;
    event: QuarantineEvent;
    now: Quarantine | null;
    nextAttemptAt: string | null;
  };
}
