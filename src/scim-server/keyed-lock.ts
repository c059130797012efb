/**
 * Serialises async work per key inside this process: writes to one resource run one after
 * the other, so concurrent PATCHes of one user never race between read and replace. Across
 * processes the store's version check (replace with ifVersion) still guards, with a retry.
 *
 * Example:
 *   const locks = createKeyedLock();
 *   await locks.run(`${tenantId}/${id}`, () => patchUser(...));
 */

export interface KeyedLock {
  run<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Keys with work queued or running (for tests and metrics). */
  readonly size: number;
}

export function createKeyedLock(): KeyedLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    async run<T>(key: string, work: () => Promise<T>): Promise<T> {
      const before = tails.get(key) ?? Promise.resolve();
      const mine = before.then(work, work);
      const tail = mine.catch(() => {});
      tails.set(key, tail);
      try {
        return await mine;
      } finally {
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
    get size() {
      return tails.size;
    },
  };
}
