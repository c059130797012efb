/**
 * What the cycle pieces on workers need: the cycle's own deps, where to enqueue the jobs that
 * follow (graphile-worker in production, anything with these three calls in tests), and the
 * timings — page lease, job lease, the watcher's period, the wait for managers.
 *
 * Example: const deps: WorkerDeps = { ...cycleDeps, queue, timing: defaultTiming, workerId: 'host:42' };
 */
import type { PageKey } from '../../store/store.ts';
import type { CycleDeps } from '../cycle/run-cycle.ts';

export interface WorkQueue {
  /** A coordinator for the app at `runAt` (at most one waiting per app). */
  cycle(appId: string, runAt: Date, manual?: boolean): Promise<void>;
  pages(appId: string, keys: readonly PageKey[], runAt?: Date): Promise<void>;
  /** The cycle's watcher at `runAt`; `keep` leaves an already waiting watcher's time alone. */
  watch(cycleId: string, runAt: Date, keep?: boolean): Promise<void>;
}

export interface WorkerTiming {
  /** A page's lease; its worker renews it every third of it. Expired: the page runs again. */
  pageLeaseMs: number;
  /** The job's lease while a cycle runs on workers (renewed by pages and the watcher). */
  leaseMs: number;
  /** How often the watcher looks at a running cycle. */
  watchMs: number;
  /** A pending page untouched this long is enqueued again (its job was lost). */
  requeueMs: number;
  /** How long a page waits for the managers another page provisions. */
  managerWaitMs: number;
  managerPollMs: number;
  /** Attempts of a page before the cycle fails. */
  maxAttempts: number;
}

export const defaultTiming: WorkerTiming = {
  pageLeaseMs: 30_000,
  leaseMs: 60_000,
  watchMs: 2_000,
  requeueMs: 30_000,
  managerWaitMs: 30_000,
  managerPollMs: 250,
  maxAttempts: 3,
};

export interface WorkerDeps extends CycleDeps {
  queue: WorkQueue;
  timing: WorkerTiming;
  /** This process, for page owners: host:pid by default. */
  workerId: string;
}

/** The job lease's owner while a cycle runs on workers: the cycle, not a process. */
export const cycleOwner = (cycleId: string) => `cycle:${cycleId}`;
