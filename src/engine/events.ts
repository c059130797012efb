/**
 * The engine's events, a typed `noun:verb` map (architecture.md): the runner hears job changes
 * made through the API in the same process, the CLI draws its progress bar, logs and metrics
 * subscribe. Listeners run synchronously and must not throw.
 *
 * Example:
 *   events.on('cycle:progress', ({ done, total }) => bar.update(done, { total }));
 *   events.emit('job:changed', { appId });
 */
import type { CycleReport } from './cycle/cycle-report.ts';

export interface EngineEventMap {
  /** Settings, mappings, credentials or status of a job changed (reschedule it). */
  'job:changed': { appId: string };
  /** An admin asked to stop the job's running cycle (after its current page). */
  'job:stopped': { appId: string };
  'cycle:started': {
    appId: string;
    cycleId: string;
    kind: 'initial' | 'incremental';
    dryRun: boolean;
  };
  'cycle:progress': { appId: string; cycleId: string; done: number; total: number };
  'cycle:finished': { appId: string; report: CycleReport };
}

export type EngineEvent = keyof EngineEventMap;
type Listener<E extends EngineEvent> = (payload: EngineEventMap[E]) => void;

export interface EngineEvents {
  on<E extends EngineEvent>(event: E, listener: Listener<E>): () => void;
  emit<E extends EngineEvent>(event: E, payload: EngineEventMap[E]): void;
}

export function createEngineEvents(): EngineEvents {
  const listeners = new Map<EngineEvent, Set<(payload: never) => void>>();
  return {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener as (payload: never) => void);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit(event, payload) {
      for (const listener of listeners.get(event) ?? [])
        (listener as Listener<typeof event>)(payload);
    },
  };
}
