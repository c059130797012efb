/**
 * A manual clock for the client's tests: `sleep` registers a timer, `advance` moves time and
 * fires the timers that fall due, in order, letting promise chains run between them. Nothing
 * waits for real time, and tests assert on the fake clock, never on the wall clock.
 *
 * Example:
 *   const time = createFakeTime();
 *   const client = createScimClient({ …, clock: time.clock, sleep: time.sleep });
 *   const pending = client.get('/Users', 'x');
 *   await time.advance(5_000);
 */
import type { Clock, Sleep } from '../timers.ts';

interface Timer {
  at: number;
  seq: number;
  resolve: () => void;
}

export interface FakeTime {
  clock: Clock;
  sleep: Sleep;
  /** Every duration passed to sleep, in call order. */
  sleeps: number[];
  /** Timers not yet fired. */
  pending(): number;
  /** Lets pending promise callbacks run (several event-loop turns, no time passes). */
  settle(): Promise<void>;
  /** Moves the clock forward by `ms`, firing due timers in order. */
  advance(ms: number): Promise<void>;
  /** Fires timers until none is left (at most `maxSteps`). */
  runUntilIdle(maxSteps?: number): Promise<void>;
}

export function createFakeTime(start = 0): FakeTime {
  let now = start;
  let seq = 0;
  const timers: Timer[] = [];
  const sleeps: number[] = [];

  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  };

  const fireNext = (limit: number): boolean => {
    timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = timers[0];
    if (!next || next.at > limit) return false;
    timers.shift();
    now = Math.max(now, next.at);
    next.resolve();
    return true;
  };

  return {
    clock: () => now,
    sleep(ms, signal) {
      sleeps.push(ms);
      return new Promise<void>((resolve) => {
        if (signal?.aborted) {
          resolve();
          return;
        }
        const timer: Timer = { at: now + Math.max(0, ms), seq: seq++, resolve };
        timers.push(timer);
        signal?.addEventListener(
          'abort',
          () => {
            const i = timers.indexOf(timer);
            if (i >= 0) timers.splice(i, 1);
            resolve();
          },
          { once: true },
        );
      });
    },
    sleeps,
    pending: () => timers.length,
    settle,
    async advance(ms) {
      const target = now + ms;
      await settle();
      while (fireNext(target)) await settle();
      now = target;
      await settle();
    },
    async runUntilIdle(maxSteps = 1000) {
      await settle();
      for (let i = 0; i < maxSteps && fireNext(Number.POSITIVE_INFINITY); i++) await settle();
    },
  };
}
