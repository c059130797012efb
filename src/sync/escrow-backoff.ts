/**
 * Escrows (Entra how-provisioning-works.md § Errors and retries): an object whose write failed
 * is retried on later cycles, "gradually scaling back the frequency of retries". Transient
 * failures (network, 429, 5xx) come back soon; rejections (4xx) only after a longer wait, since
 * someone must first fix the data or the mapping. A Retry-After from the target is a floor.
 * `stop` failures are not escrows: they stop the cycle.
 *
 * `FailureKind` is the client's SyncError kind (src/client/sync-error.ts), repeated here because
 * the sync ring may not import the client; both are the same string union.
 *
 * Example: escrowRetryAt({ kind: 'transient' }, 3, new Date('2026-01-01T00:00:00Z'))
 *   → 2026-01-01T00:20:00Z (5 min, 10 min, then 20 min)
 */

export type FailureKind = 'transient' | 'notFound' | 'exists' | 'rejected' | 'stop';

export interface BackoffSchedule {
  /** Wait after the first failure. */
  firstMs: number;
  /** Each further failure multiplies the wait by this. */
  factor: number;
  /** The wait never exceeds this. */
  maxMs: number;
}

export interface EscrowPolicy {
  transient: BackoffSchedule;
  rejected: BackoffSchedule;
}

const minute = 60_000;
const hour = 60 * minute;

export const defaultEscrowPolicy: EscrowPolicy = {
  transient: { firstMs: 5 * minute, factor: 2, maxMs: 6 * hour },
  rejected: { firstMs: 1 * hour, factor: 2, maxMs: 24 * hour },
};

/** The wait before retrying after the `attempts`-th consecutive failure (1 = first). */
export function backoffDelay(schedule: BackoffSchedule, attempts: number): number {
  const n = Math.max(1, Math.floor(attempts));
  const delay = schedule.firstMs * schedule.factor ** (n - 1);
  return Math.min(schedule.maxMs, Number.isFinite(delay) ? delay : schedule.maxMs);
}

/**
 * When to retry an escrowed object after its `attempts`-th consecutive failure, or null for a
 * `stop` failure (not an escrow). notFound and exists, normally handled within the cycle
 * (re-match, link), follow the transient schedule when they persist.
 */
export function escrowRetryAt(
  failure: { kind: FailureKind; retryAfterMs?: number },
  attempts: number,
  failedAt: Date,
  policy: EscrowPolicy = defaultEscrowPolicy,
): Date | null {
  if (failure.kind === 'stop') return null;
  const schedule = failure.kind === 'rejected' ? policy.rejected : policy.transient;
  const delay = Math.max(backoffDelay(schedule, attempts), failure.retryAfterMs ?? 0);
  return new Date(failedAt.getTime() + delay);
}
