/**
 * The client's view of time, injected so tests never wait: `clock` gives epoch milliseconds,
 * `sleep` waits and resolves early (without error) when its signal aborts. A request's timeout
 * is a sleep with a signal (aborted when the answer arrives); back-off, Retry-After and
 * rate-limit waits are sleeps without one — a fake can tell them apart.
 *
 * Example: await realSleep(250); // resolves after 250 ms
 */

export type Clock = () => number;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export const realClock: Clock = () => Date.now();

export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      signal?.removeEventListener('abort', done);
      clearTimeout(timer);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
