import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createRateLimiter } from './rate-limiter.ts';

describe('createRateLimiter', () => {
  it('allows the burst, then one request per 1/rate seconds, per key', () => {
    const limiter = createRateLimiter({ ratePerSecond: 10, burst: 3 });
    assert.deepEqual(
      [0, 0, 0].map(() => limiter.take('a', 1000)),
      [0, 0, 0],
    );
    assert.equal(limiter.take('a', 1000), 1);
    assert.equal(limiter.take('b', 1000), 0, 'another key has its own bucket');
    assert.equal(limiter.take('a', 1099), 1);
    assert.equal(limiter.take('a', 1100), 0, 'one token back after 100 ms');
    assert.equal(limiter.take('a', 1100), 1);
  });

  it('answers whole seconds to wait, at least 1', () => {
    const slow = createRateLimiter({ ratePerSecond: 0.2, burst: 1 });
    assert.equal(slow.take('a', 0), 0);
    assert.equal(slow.take('a', 0), 5);
    assert.equal(slow.take('a', 4500), 1);
  });

  it('never refills past the burst, and a rate of 0 turns limiting off', () => {
    const limiter = createRateLimiter({ ratePerSecond: 1, burst: 2 });
    limiter.take('a', 0);
    assert.deepEqual(
      [limiter.take('a', 1e9), limiter.take('a', 1e9), limiter.take('a', 1e9)],
      [0, 0, 1],
    );
    const off = createRateLimiter({ ratePerSecond: 0, burst: 0 });
    for (let i = 0; i < 1000; i++) assert.equal(off.take('a', 0), 0);
  });
});
