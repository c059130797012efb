/**
 * Soft delete's restore window (30 days, as Entra's) and the purge job that hard-deletes what
 * has been in the recycle bin longer. The clock is a parameter: tests move it by hand.
 *
 * Example:
 *   const job = startPurgeSchedule({ purge: () => directory.purgeExpired(), intervalMs: 3_600_000 });
 *   job.stop();
 */
import type { DirectoryStore } from '../store/store.ts';
import { DirectoryError } from './directory-error.ts';

export const retentionDays = 30;
const dayMs = 24 * 60 * 60 * 1000;

/** The instant after which a soft-deleted object is purged. */
export const restorableUntil = (deleted: string): string =>
  new Date(Date.parse(deleted) + retentionDays * dayMs).toISOString();

/** True while a soft-deleted object may still be restored. */
export const isRestorable = (deleted: string, now: Date): boolean =>
  Date.parse(restorableUntil(deleted)) > now.getTime();

/**
 * Restores a soft-deleted user or group, or, past the 30-day window, purges it and says so.
 * A live object comes back unchanged.
 */
export async function restoreWithinWindow<T extends { id: string; deleted: string | null }>(
  object: T,
  now: Date,
  what: { kind: 'user' | 'group'; name: string; ref: string },
  ops: { restore(id: string): Promise<T | undefined>; purge(id: string): Promise<unknown> },
): Promise<T> {
  if (object.deleted === null) return object;
  if (!isRestorable(object.deleted, now)) {
    await ops.purge(object.id);
    throw new DirectoryError(
      'notFound',
      `${what.kind} ${what.name} was deleted on ${object.deleted}, more than ${retentionDays} days ago, and is now purged`,
      what.kind,
    );
  }
  const restored = await ops.restore(object.id);
  if (!restored)
    throw new DirectoryError('notFound', `${what.kind} ${what.ref} is gone`, what.kind);
  return restored;
}

export interface PurgeResult {
  users: string[];
  groups: string[];
}

/** Purges every user and group soft-deleted more than 30 days before `now`. */
export async function purgeExpired(store: DirectoryStore, now: Date): Promise<PurgeResult> {
  const cutoff = new Date(now.getTime() - retentionDays * dayMs).toISOString();
  const result: PurgeResult = { users: [], groups: [] };
  for (;;) {
    const batch = await store.users.purgeDeletedBefore(cutoff, 500);
    result.users.push(...batch);
    if (batch.length < 500) break;
  }
  for (;;) {
    const batch = await store.groups.purgeDeletedBefore(cutoff, 500);
    result.groups.push(...batch);
    if (batch.length < 500) break;
  }
  return result;
}

export interface PurgeSchedule {
  stop(): void;
}

/** Runs `purge` now and then every `intervalMs` (default hourly); never overlaps itself. */
export function startPurgeSchedule(options: {
  purge: () => Promise<unknown>;
  intervalMs?: number;
  onError?: (error: unknown) => void;
}): PurgeSchedule {
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await options.purge();
    } catch (error) {
      options.onError?.(error);
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(run, options.intervalMs ?? 60 * 60 * 1000);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
