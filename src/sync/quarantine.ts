/**
 * Quarantine (Entra application-provisioning-quarantine-status.md): a job whose calls (nearly)
 * all fail, or whose escrows cross the documented thresholds, is quarantined with a reason; its
 * cycles then run 6 h, 12 h and 24 h after it entered quarantine and daily after that; the
 * first healthy cycle lifts it; four weeks after entering, the job is disabled. All numbers
 * are in the policy, so tests can shrink them.
 *
 * Reasons:
 * - `EncounteredQuarantineException`: a `stop` failure (bad credentials, wrong Tenant URL,
 *   bad configuration) — immediately, whatever the counts;
 * - `EncounteredEscrowProportionThreshold`: at least 5,000 failed objects, and more than 40 %
 *   of the objects failed or more than 40,000 did (reference failures — manager, members — not
 *   counted);
 * - `EncounteredEscrowAbsoluteThreshold`: more than 60,000 failures, references included;
 * - `AllCallsFailing`: in `failingCycles` (default 3) cycles in a row, at least 95 % of the
 *   calls failed (a target that is down).
 *
 * The engine keeps the returned state with the job and sends the notification email on
 * `entered` and `reasonChanged`.
 *
 * Example:
 *   evaluateQuarantine({ quarantine: null, failingCycles: 0 },
 *     { calls: 3, failedCalls: 3, stop: { detail: '401: check the Secret Token' }, escrows }, now)
 *   → { state: { quarantine: { since: now, reason: 'EncounteredQuarantineException', detail: '401: …' }, failingCycles: 1 },
 *       event: 'entered', nextRunAt: now + 6 h }
 */

export type QuarantineReason =
  | 'EncounteredQuarantineException'
  | 'EncounteredEscrowProportionThreshold'
  | 'EncounteredEscrowAbsoluteThreshold'
  | 'AllCallsFailing';

export interface QuarantinePolicy {
  /** Failed objects before the proportional rules are considered. */
  minFailures: number;
  /** Share of failed objects (of failed + successful) above which the job is quarantined. */
  failureShare: number;
  /** Failed objects above which the job is quarantined. */
  maxFailures: number;
  /** Failures, references included, above which the job is quarantined. */
  absoluteFailures: number;
  /** Share of a cycle's calls that makes it a failing cycle. */
  failingCallShare: number;
  /** Failing cycles in a row that quarantine the job. */
  failingCycles: number;
  /** Attempts in quarantine, counted from entering it. */
  retryOffsetsMs: readonly number[];
  /** After the last offset, one attempt every this long. */
  thenEveryMs: number;
  /** In quarantine this long: the job is disabled. */
  disableAfterMs: number;
}

const hour = 3_600_000;

export const defaultQuarantinePolicy: QuarantinePolicy = {
  minFailures: 5_000,
  failureShare: 0.4,
  maxFailures: 40_000,
  absoluteFailures: 60_000,
  failingCallShare: 0.95,
  failingCycles: 3,
  retryOffsetsMs: [6 * hour, 12 * hour, 24 * hour],
  thenEveryMs: 24 * hour,
  disableAfterMs: 28 * 24 * hour,
};

export interface Quarantine {
  /** When the job entered quarantine (ISO 8601). */
  since: string;
  reason: QuarantineReason;
  /** A human explanation: the stop failure's detail, or the counts. */
  detail: string;
}

export interface QuarantineState {
  quarantine: Quarantine | null;
  /** Failing cycles in a row so far. */
  failingCycles: number;
}

export interface CycleHealth {
  /** Calls to the target in the cycle, and how many failed. */
  calls: number;
  failedCalls: number;
  /** Set when a `stop` failure ended the cycle. */
  stop?: { detail: string };
  /** The job's escrow counts since escrows were last cleared. */
  escrows: { failures: number; referenceFailures: number; successes: number };
}

export type QuarantineEvent = 'none' | 'entered' | 'reasonChanged' | 'lifted' | 'disabled';

export interface QuarantineDecision {
  state: QuarantineState;
  event: QuarantineEvent;
  /** When the next cycle may run; null: at the job's usual interval (or never, when disabled). */
  nextRunAt: Date | null;
}

/**
 * The next attempt of a job quarantined at `since`, strictly after `now`; null when the next
 * attempt would be past `disableAfterMs` (the job is to be disabled).
 */
export function nextQuarantineAttempt(
  since: Date,
  now: Date,
  policy: QuarantinePolicy = defaultQuarantinePolicy,
): Date | null {
  const start = since.getTime();
  const elapsed = now.getTime() - start;
  let offset = policy.retryOffsetsMs.find((o) => o > elapsed);
  if (offset === undefined) {
    const last = policy.retryOffsetsMs.at(-1) ?? 0;
    const every = Math.max(1, policy.thenEveryMs);
    offset = last + (Math.floor((elapsed - last) / every) + 1) * every;
  }
  return offset >= policy.disableAfterMs ? null : new Date(start + offset);
}

function reasonOf(
  health: CycleHealth,
  failingCycles: number,
  policy: QuarantinePolicy,
): Omit<Quarantine, 'since'> | undefined {
  if (health.stop) return { reason: 'EncounteredQuarantineException', detail: health.stop.detail };
  const { failures, referenceFailures, successes } = health.escrows;
  if (failures + referenceFailures > policy.absoluteFailures) {
    return {
      reason: 'EncounteredEscrowAbsoluteThreshold',
      detail: `${failures + referenceFailures} failures, more than ${policy.absoluteFailures}`,
    };
  }
  if (failures >= policy.minFailures) {
    const share = failures / Math.max(1, failures + successes);
    if (share > policy.failureShare || failures > policy.maxFailures) {
      return {
        reason: 'EncounteredEscrowProportionThreshold',
        detail: `${failures} of ${failures + successes} objects failed (${Math.round(share * 100)} %)`,
      };
    }
  }
  if (failingCycles >= policy.failingCycles) {
    return {
      reason: 'AllCallsFailing',
      detail:
        failingCycles === 1
          ? 'nearly every call to the target failed in the last cycle'
          : `nearly every call to the target failed in ${failingCycles} cycles in a row`,
    };
  }
  return undefined;
}

/** The job's quarantine state after a cycle; see the file comment. */
export function evaluateQuarantine(
  state: QuarantineState,
  health: CycleHealth,
  now: Date,
  policy: QuarantinePolicy = defaultQuarantinePolicy,
): QuarantineDecision {
  const failing = health.calls > 0 && health.failedCalls / health.calls >= policy.failingCallShare;
  const failingCycles = failing ? state.failingCycles + 1 : 0;
  const found = reasonOf(health, failingCycles, policy);
  const current = state.quarantine;
  if (!current) {
    if (!found)
      return { state: { quarantine: null, failingCycles }, event: 'none', nextRunAt: null };
    const quarantine = { since: now.toISOString(), ...found };
    return {
      state: { quarantine, failingCycles },
      event: 'entered',
      nextRunAt: nextQuarantineAttempt(now, now, policy),
    };
  }
  const healthy = health.calls === 0 || health.failedCalls < health.calls;
  if (!found && healthy) {
    return { state: { quarantine: null, failingCycles: 0 }, event: 'lifted', nextRunAt: null };
  }
  const since = new Date(current.since);
  const next = nextQuarantineAttempt(since, now, policy);
  const quarantine = found ? { since: current.since, ...found } : current;
  if (next === null)
    return { state: { quarantine, failingCycles }, event: 'disabled', nextRunAt: null };
  const event = found && found.reason !== current.reason ? 'reasonChanged' : 'none';
  return { state: { quarantine, failingCycles }, event, nextRunAt: next };
}
