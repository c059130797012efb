/**
 * What a finished cycle does to its job's quarantine (the rules are src/sync/quarantine.ts):
 * the cycle's calls to the target and how many failed (counted by the client), the stop
 * failure that ended it, and its object outcomes added to the counts kept since the escrows
 * were last cleared — by a restart, or by the last escrow being resolved (no object waits for
 * a retry: every error is fixed, so the counts start over and a quarantine for failed objects
 * lifts, as Entra's does once all errors are fixed). The judgement is the job's new quarantine state, when the next cycle may
 * run (6 h, 12 h, 24 h after entering quarantine, then daily), whether the job is to be turned
 * off (four weeks in quarantine, with the reason kept), and the event to tell the admin about.
 *
 * Example:
 *   judgeCycle(job.state, { calls: 1, failedCalls: 1, stop: { detail: "GET /ServiceProviderConfig: 401 …" }, outcomes, escrowsLeft: 0 }, now, policy)
 *   → { event: 'entered', nextRunAt: now + 6 h, disable: false,
 *       state: { quarantine: { since: now, reason: 'EncounteredQuarantineException', … }, failingCycles: 1, … } }
 */
import {
  evaluateQuarantine,
  type Quarantine,
  type QuarantineEvent,
  type QuarantinePolicy,
} from '../../sync/index.ts';
import type { EscrowCounts, JobState } from '../job-record.ts';

export interface CycleCalls {
  /** Requests the cycle sent to the target, and how many ended in a failure. */
  calls: number;
  failedCalls: number;
  /** The stop failure (credentials, Tenant URL) that ended the cycle. */
  stop?: { detail: string };
  /** The cycle's object outcomes. */
  outcomes: EscrowCounts;
  /** Objects in escrow when the cycle ended. */
  escrowsLeft: number;
}

export interface CycleJudgement {
  state: Pick<JobState, 'quarantine' | 'failingCycles' | 'escrowCounts' | 'disabledReason'>;
  event: QuarantineEvent;
  /** The quarantine's next attempt; null: the job's usual schedule. */
  nextRunAt: Date | null;
  /** Four weeks in quarantine: turn the job off. */
  disable: boolean;
}

const days = (ms: number) => Math.round(ms / 86_400_000);

/** Why quarantine turned the job off, in words, with what to do next. */
export function disabledReasonOf(quarantine: Quarantine, policy: QuarantinePolicy): string {
  return (
    `Provisioning was turned off after ${days(policy.disableAfterMs)} days in quarantine ` +
    `(since ${quarantine.since}; ${quarantine.reason}: ${quarantine.detail}). ` +
    'Fix the cause, restart (which lifts the quarantine) and start provisioning again.'
  );
}

export function addCounts(a: EscrowCounts, b: EscrowCounts): EscrowCounts {
  return {
    failures: a.failures + b.failures,
    referenceFailures: a.referenceFailures + b.referenceFailures,
    successes: a.successes + b.successes,
  };
}

/** The job's quarantine after a cycle; see the file comment. */
export function judgeCycle(
  state: JobState,
  cycle: CycleCalls,
  now: Date,
  policy: QuarantinePolicy,
): CycleJudgement {
  const escrowCounts =
    cycle.escrowsLeft === 0
      ? { failures: 0, referenceFailures: 0, successes: 0 }
      : addCounts(state.escrowCounts, cycle.outcomes);
  const decision = evaluateQuarantine(
    { quarantine: state.quarantine, failingCycles: state.failingCycles },
    {
      calls: cycle.calls,
      failedCalls: cycle.failedCalls,
      ...(cycle.stop && { stop: cycle.stop }),
      escrows: escrowCounts,
    },
    now,
    policy,
  );
  const disable = decision.event === 'disabled';
  return {
    state: {
      ...decision.state,
      escrowCounts,
      disabledReason:
        disable && decision.state.quarantine
          ? disabledReasonOf(decision.state.quarantine, policy)
          : state.disabledReason,
    },
    event: decision.event,
    nextRunAt: decision.nextRunAt,
    disable,
  };
}
