/**
 * A token bucket per key (per SCIM token): `burst` requests at once, refilled at
 * `ratePerSecond`. `take` answers 0 when the request may go ahead, else the whole seconds to
 * wait, for the 429's Retry-After (RFC 6585 §4). Entra needs 25 requests/s per tenant; the
 * default (50/s, burst 100) leaves room. Time is a parameter, so tests need no clock.
 *
 * Example:
 *   const limiter = createRateLimiter({ ratePerSecond: 50, burst: 100 });
 *   limiter.take(token.id, Date.now()) → 0, or 1 when the bucket is empty
 */

export interface RateLimit {
  ratePerSecond: number;
  burst: number;
}

export interface RateLimiter {
  /** 0 when allowed (one token taken), else seconds until a token is available. */
  take(key: string, nowMs: number): number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Past this many keys, full (idle) buckets are forgotten. */
const sweepAt = 10_000;

export function createRateLimiter(limit: RateLimit): RateLimiter {
  const buckets = new Map<string, Bucket>();
  const perMs = limit.ratePerSecond / 1000;
  const refill = (bucket: Bucket, now: number) => {
    bucket.tokens = Math.min(limit.burst, bucket.tokens + Math.max(0, now - bucket.at) * perMs);
    bucket.at = now;
  };
  const sweep = (now: number) => {
    for (const [key, bucket] of buckets) {
      refill(bucket, now);
      if (bucket.tokens >= limit.burst) buckets.delete(key);
    }
  };
  return {
    take(key, now) {
      if (limit.ratePerSecond <= 0 || limit.burst <= 0) return 0; // limiting turned off
      let bucket = buckets.get(key);
      if (!bucket) {
        if (buckets.size >= sweepAt) sweep(now);
        bucket = { tokens: limit.burst, at: now };
        buckets.set(key, bucket);
      }
      refill(bucket, now);
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      return Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
    },
  };
}
