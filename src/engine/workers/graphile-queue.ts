/**
 * The WorkQueue on graphile-worker: one task per kind of job — the coordinator of an app's
 * cycle, a page, a cycle's watcher — each with a job key, so an app has at most one cycle
 * waiting (the key is its app), a page at most one job waiting, a cycle one watcher. No queue
 * names: graphile-worker locks a named queue while one of its jobs runs, and a worker killed
 * then would block the app's queue for hours; the job's lease keeps cycles apart instead.
 * Coordinators and watchers go before pages (priority), or a queue full of pages would keep
 * the watcher — which finds dead pages and moves the cycle on — waiting behind them.
 *
 * Example: const queue = createGraphileQueue(utils); await queue.cycle(appId, new Date());
 */
import type { WorkerUtils } from 'graphile-worker';
import type { PageKey } from '../../store/store.ts';
import type { WorkQueue } from './worker-deps.ts';

export const tasks = {
  cycle: 'roster_cycle',
  page: 'roster_page',
  watch: 'roster_watch',
} as const;

export interface CyclePayload {
  appId: string;
  manual?: boolean;
}
export interface PagePayload extends PageKey {
  appId: string;
}
export interface WatchPayload {
  cycleId: string;
}

export const cycleKey = (appId: string) => `roster:cycle:${appId}`;
const pageKey = (k: PageKey) => `roster:page:${k.cycleId}:${k.phase}:${k.seq}`;
const watchKey = (cycleId: string) => `roster:watch:${cycleId}`;

export function createGraphileQueue(utils: Pick<WorkerUtils, 'addJob' | 'addJobs'>): WorkQueue {
  return {
    async cycle(appId, runAt, manual) {
      const payload: CyclePayload = { appId, ...(manual && { manual: true }) };
      await utils.addJob(tasks.cycle, payload, {
        jobKey: cycleKey(appId),
        runAt,
        maxAttempts: 3,
        priority: -1,
      });
    },
    async pages(appId, keys, runAt) {
      if (keys.length === 0) return;
      await utils.addJobs(
        keys.map((k) => ({
          identifier: tasks.page,
          payload: { appId, cycleId: k.cycleId, phase: k.phase, seq: k.seq } satisfies PagePayload,
          jobKey: pageKey(k),
          maxAttempts: 3,
          ...(runAt && { runAt }),
        })),
      );
    },
    async watch(cycleId, runAt, keep = false) {
      const payload: WatchPayload = { cycleId };
      await utils.addJob(tasks.watch, payload, {
        jobKey: watchKey(cycleId),
        runAt,
        maxAttempts: 3,
        priority: -1,
        jobKeyMode: keep ? 'preserve_run_at' : 'replace',
      });
    },
  };
}
