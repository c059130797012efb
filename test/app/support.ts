// Shared by the app-side suites: a real SQLite :memory: store, a clock tests move by hand,
// and accounts with a cheap scrypt cost.
import { createAccounts } from '../../src/scim-server/index.ts';
import { openSqliteStore } from '../../src/store/sqlite/index.ts';

export const fastScrypt = { N: 2 ** 10, r: 8, p: 1 };
export const password = 'correct horse battery';

export interface FakeClock {
  (): Date;
  advance(seconds: number): void;
}

export function createFakeClock(start = '2026-01-01T00:00:00.000Z'): FakeClock {
  let now = Date.parse(start);
  const clock = (() => new Date(now)) as FakeClock;
  clock.advance = (seconds) => {
    now += seconds * 1000;
  };
  return clock;
}

export async function createAccountsFixture(publicUrl = 'http://localhost:8080') {
  const clock = createFakeClock();
  const store = await openSqliteStore({ location: ':memory:', now: clock });
  const accounts = createAccounts({ store, clock, publicUrl, scrypt: fastScrypt });
  return { clock, store, accounts };
}
