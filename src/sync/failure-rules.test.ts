// Escrow back-off and quarantine (Entra how-provisioning-works.md § Errors and retries,
// application-provisioning-quarantine-status.md), with the clock as a parameter.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { backoffDelay, escrowRetryAt } from './escrow-backoff.ts';
import {
  type CycleHealth,
  defaultQuarantinePolicy,
  evaluateQuarantine,
  nextQuarantineAttempt,
  type QuarantineState,
} from './quarantine.ts';

const t0 = new Date('2026-01-01T00:00:00Z');
const hours = (n: number) => new Date(t0.getTime() + n * 3_600_000);
const minutes = (n: number) => n * 60_000;

describe('escrowRetryAt', () => {
  it('transient failures come back sooner than rejections, and the wait grows', () => {
    const transient = [1, 2, 3, 4].map(
      (n) => escrowRetryAt({ kind: 'transient' }, n, t0)!.getTime() - t0.getTime(),
    );
    const rejected = [1, 2, 3, 4].map(
      (n) => escrowRetryAt({ kind: 'rejected' }, n, t0)!.getTime() - t0.getTime(),
    );
    assert.deepEqual(transient, [minutes(5), minutes(10), minutes(20), minutes(40)]);
    assert.deepEqual(rejected, [minutes(60), minutes(120), minutes(240), minutes(480)]);
    assert.ok(transient.every((t, i) => t < rejected[i]!));
  });

  it('caps the wait: 6 h transient, 24 h rejected', () => {
    assert.equal(escrowRetryAt({ kind: 'transient' }, 50, t0)!.getTime(), hours(6).getTime());
    assert.equal(escrowRetryAt({ kind: 'rejected' }, 50, t0)!.getTime(), hours(24).getTime());
    assert.equal(backoffDelay({ firstMs: 1, factor: 2, maxMs: 10 }, 5000), 10);
  });

  it("the target's Retry-After is a floor", () => {
    const at = escrowRetryAt({ kind: 'transient', retryAfterMs: minutes(30) }, 1, t0)!;
    assert.equal(at.getTime() - t0.getTime(), minutes(30));
  });

  it('stop is not an escrow; notFound and exists follow the transient schedule', () => {
    assert.equal(escrowRetryAt({ kind: 'stop' }, 1, t0), null);
    assert.equal(escrowRetryAt({ kind: 'notFound' }, 1, t0)!.getTime() - t0.getTime(), minutes(5));
    assert.equal(escrowRetryAt({ kind: 'exists' }, 2, t0)!.getTime() - t0.getTime(), minutes(10));
  });

  it('the policy is configurable', () => {
    const policy = {
      transient: { firstMs: 10, factor: 3, maxMs: 1000 },
      rejected: { firstMs: 100, factor: 1, maxMs: 100 },
    };
    assert.equal(escrowRetryAt({ kind: 'transient' }, 3, t0, policy)!.getTime() - t0.getTime(), 90);
  });
});

describe('nextQuarantineAttempt', () => {
  it('6 h, 12 h, 24 h after entering, then daily, then disabled after 4 weeks', () => {
    const at = (elapsedHours: number) => nextQuarantineAttempt(t0, hours(elapsedHours));
    assert.deepEqual(at(0), hours(6));
    assert.deepEqual(at(6), hours(12));
    assert.deepEqual(at(13), hours(24));
    assert.deepEqual(at(24), hours(48));
    assert.deepEqual(at(50), hours(72));
    assert.deepEqual(at(26 * 24), hours(27 * 24));
    assert.equal(at(27 * 24), null, 'the 28-day mark disables the job');
  });

  it('shrinks for tests', () => {
    const policy = {
      ...defaultQuarantinePolicy,
      retryOffsetsMs: [10, 20],
      thenEveryMs: 50,
      disableAfterMs: 200,
    };
    const ms = (n: number) => new Date(t0.getTime() + n);
    assert.deepEqual(nextQuarantineAttempt(t0, ms(0), policy), ms(10));
    assert.deepEqual(nextQuarantineAttempt(t0, ms(15), policy), ms(20));
    assert.deepEqual(nextQuarantineAttempt(t0, ms(25), policy), ms(70));
    assert.deepEqual(nextQuarantineAttempt(t0, ms(130), policy), ms(170));
    assert.equal(nextQuarantineAttempt(t0, ms(170), policy), null);
  });
});

describe('evaluateQuarantine', () => {
  const clean: QuarantineState = { quarantine: null, failingCycles: 0 };
  const noEscrows = { failures: 0, referenceFailures: 0, successes: 0 };
  const healthy: CycleHealth = { calls: 100, failedCalls: 2, escrows: noEscrows };

  it('a healthy cycle: nothing happens', () => {
    assert.deepEqual(evaluateQuarantine(clean, healthy, t0), {
      state: clean,
      event: 'none',
      nextRunAt: null,
    });
  });

  it('bad credentials (a stop failure) quarantine at once', () => {
    const decision = evaluateQuarantine(
      clean,
      {
        calls: 1,
        failedCalls: 1,
        stop: { detail: '401: check the Secret Token' },
        escrows: noEscrows,
      },
      t0,
    );
    assert.equal(decision.event, 'entered');
    assert.deepEqual(decision.state.quarantine, {
      since: t0.toISOString(),
      reason: 'EncounteredQuarantineException',
      detail: '401: check the Secret Token',
    });
    assert.deepEqual(decision.nextRunAt, hours(6));
  });

  const thresholds: [string, CycleHealth['escrows'], string | undefined][] = [
    [
      '4,000 failures of 4,000: under the 5,000 minimum',
      { failures: 4000, referenceFailures: 0, successes: 0 },
      undefined,
    ],
    [
      '30,000 failed, 5,000 succeeded: over 40 %',
      { failures: 30000, referenceFailures: 0, successes: 5000 },
      'EncounteredEscrowProportionThreshold',
    ],
    [
      '45,000 failed of 200,000: over 40,000',
      { failures: 45000, referenceFailures: 0, successes: 155000 },
      'EncounteredEscrowProportionThreshold',
    ],
    [
      '20,000 failed, 100,000 succeeded: under both',
      { failures: 20000, referenceFailures: 0, successes: 100000 },
      undefined,
    ],
    [
      'reference failures do not count toward 40 %',
      { failures: 5000, referenceFailures: 30000, successes: 10000 },
      undefined,
    ],
    [
      '40,000 + 21,000 reference failures: over the 60,000 absolute',
      { failures: 40000, referenceFailures: 21000, successes: 500000 },
      'EncounteredEscrowAbsoluteThreshold',
    ],
  ];
  for (const [name, escrows, reason] of thresholds) {
    it(`escrow thresholds: ${name}`, () => {
      const decision = evaluateQuarantine(clean, { ...healthy, escrows }, t0);
      assert.equal(decision.state.quarantine?.reason, reason);
      assert.equal(decision.event, reason ? 'entered' : 'none');
    });
  }

  it('a target that is down: three failing cycles in a row quarantine the job', () => {
    const down: CycleHealth = { calls: 40, failedCalls: 40, escrows: noEscrows };
    let state = clean;
    const events: string[] = [];
    for (let i = 0; i < 3; i++) {
      const decision = evaluateQuarantine(state, down, hours(i));
      state = decision.state;
      events.push(decision.event);
    }
    assert.deepEqual(events, ['none', 'none', 'entered']);
    assert.equal(state.quarantine?.reason, 'AllCallsFailing');
    const recovered = evaluateQuarantine(state, healthy, hours(8));
    assert.equal(recovered.event, 'lifted', 'success lifts it');
    assert.deepEqual(recovered.state, clean);
  });

  it('a failing cycle between healthy ones resets the count', () => {
    const down: CycleHealth = { calls: 40, failedCalls: 39, escrows: noEscrows };
    let state = evaluateQuarantine(clean, down, t0).state;
    state = evaluateQuarantine(state, down, t0).state;
    state = evaluateQuarantine(state, healthy, t0).state;
    assert.equal(evaluateQuarantine(state, down, t0).event, 'none');
  });

  it('in quarantine: the next attempt follows the schedule; a new reason is an event', () => {
    const entered = evaluateQuarantine(
      clean,
      { calls: 1, failedCalls: 1, stop: { detail: '401' }, escrows: noEscrows },
      t0,
    ).state;
    const still = evaluateQuarantine(
      entered,
      { calls: 1, failedCalls: 1, stop: { detail: '401' }, escrows: noEscrows },
      hours(6),
    );
    assert.equal(still.event, 'none');
    assert.deepEqual(still.nextRunAt, hours(12));
    const changed = evaluateQuarantine(
      entered,
      {
        calls: 3,
        failedCalls: 3,
        escrows: { failures: 70000, referenceFailures: 0, successes: 0 },
      },
      hours(12),
    );
    assert.equal(changed.event, 'reasonChanged');
    assert.equal(
      changed.state.quarantine?.since,
      t0.toISOString(),
      'the quarantine keeps its start',
    );
    assert.deepEqual(changed.nextRunAt, hours(24));
  });

  it('four weeks in quarantine: disabled', () => {
    const entered = evaluateQuarantine(
      clean,
      { calls: 1, failedCalls: 1, stop: { detail: '401' }, escrows: noEscrows },
      t0,
    ).state;
    const decision = evaluateQuarantine(
      entered,
      { calls: 1, failedCalls: 1, stop: { detail: '401' }, escrows: noEscrows },
      hours(27 * 24),
    );
    assert.equal(decision.event, 'disabled');
    assert.equal(decision.nextRunAt, null);
  });
});
