/**
 * The slow-down after wrong passwords: the first 4 failures cost nothing; the 5th locks the
 * admin for 30 s, and each further failure doubles the lock, up to 15 minutes. A success
 * resets the count. Pure: the clock is a parameter.
 *
 * Example: lockAfterFailure(5, new Date(0)) → '1970-01-01T00:00:30.000Z'
 */
export const freeAttempts = 4;
export const firstLockSeconds = 30;
export const maxLockSeconds = 15 * 60;

/** Seconds an admin stays locked after their `failures`-th consecutive failure (0: not locked). */
export function lockSeconds(failures: number): number {
  if (failures <= freeAttempts) return 0;
  const doublings = Math.min(failures - freeAttempts - 1, 30);
  return Math.min(firstLockSeconds * 2 ** doublings, maxLockSeconds);
}

/** The ISO instant until which the admin is locked after `failures` failures, or null. */
export function lockAfterFailure(failures: number, now: Date): string | null {
  const seconds = lockSeconds(failures);
  return seconds === 0 ? null : new Date(now.getTime() + seconds * 1000).toISOString();
}

/** Whole seconds until `lockedUntil` (at least 1), or 0 when the lock has passed or is absent. */
export function secondsLocked(lockedUntil: string | null, now: Date): number {
  if (lockedUntil === null) return 0;
  const left = Date.parse(lockedUntil) - now.getTime();
  return left > 0 ? Math.ceil(left / 1000) : 0;
}
