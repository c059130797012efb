/**
 * Failure counts for sign-in names that have no admin, kept in memory, so that guessing
 * emails meets the same slow-down as guessing passwords and a "locked" answer never tells
 * that an email exists. Bounded: the oldest entries go first.
 *
 * Example: ledger.get('tenant-id', 'nobody@acme.test') → { failedAttempts: 0, lockedUntil: null }
 */
export interface FailureState {
  failedAttempts: number;
  lockedUntil: string | null;
}

export interface FailureLedger {
  get(tenantId: string, email: string): FailureState;
  set(tenantId: string, email: string, state: FailureState): void;
}

export function createFailureLedger(capacity = 10_000): FailureLedger {
  const entries = new Map<string, FailureState>();
  const key = (tenantId: string, email: string) => `${tenantId}\n${email}`;
  return {
    get: (tenantId, email) =>
      entries.get(key(tenantId, email)) ?? { failedAttempts: 0, lockedUntil: null },
    set(tenantId, email, state) {
      const k = key(tenantId, email);
      entries.delete(k);
      if (state.failedAttempts === 0) return;
      if (entries.size >= capacity) entries.delete(entries.keys().next().value!);
      entries.set(k, state);
    },
  };
}
