/**
 * A token bucket per client (one target): at most `ratePerMinute` requests a minute on average,
 * bursts of up to `burst`. A 429 from the target pauses the whole bucket until its Retry-After
 * has passed, so every request backs off, not only the one that was refused.
 *
 * Example:
 *   const bucket = createTokenBucket({ ratePerMinute: 400, clock, sleep });
 *   await bucket.take(); // resolves when a request may go
 */
import type { Clock, Sleep } from './timers.ts';

export interface TokenBucket {
  /** Waits for a token (and for any pause to end). */
  take(): Promise<void>;
  /** No token is handed out before `untilMs` (epoch ms); a later pause wins. */
  pauseUntil(untilMs: number): void;
}

export interface TokenBucketOptions {
  /** Requests per minute; undefined or 0 for no rate limit (pauses still apply). */
  ratePerMinute?: number;
  /** Most tokens saved up; default one second's worth, at least 1. */
  burst?: number;
  clock: Clock;
  sleep: Sleep;
}

export function createTokenBucket(options: TokenBucketOptions): TokenBucket {
  const { clock, sleep } = options;
  const rate = options.ratePerMinute && options.ratePerMinute > 0 ? options.ratePerMinute : 0;
  const perMs = rate / 60_000;
  const burst = Math.max(1, options.burst ?? Math.ceil(rate / 60));
  let tokens = burst;
  let last = clock();
  let pausedUntil = 0;

  function refill(now: number) {
    if (now > last) tokens = Math.min(burst, tokens + (now - last) * perMs);
    last = Math.max(last, now);
  }

  return {
    async take() {
      for (;;) {
        const now = clock();
        if (now < pausedUntil) {
          await sleep(pausedUntil - now);
          continue;
        }
        if (rate === 0) return;
        refill(now);
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        await sleep(Math.ceil((1 - tokens) / perMs));
      }
    },
    pauseUntil(untilMs) {
      pausedUntil = Math.max(pausedUntil, untilMs);
    },
  };
}
