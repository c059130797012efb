// Shared by the identity-side suites: a SQLite :memory: store, a clock tests move by hand, and
// the directory with the app side's password rules at a cheap scrypt cost.
import { createDirectory, type PasswordPolicy } from '../../src/directory/index.ts';
import {
  checkNewPassword,
  hashPassword,
  lockSeconds,
  verifyPassword,
} from '../../src/scim-server/index.ts';
import { openSqliteStore } from '../../src/store/sqlite/index.ts';
import { createFakeClock } from '../app/support.ts';

export const fastPasswords: PasswordPolicy = {
  hash: (password) => hashPassword(password, { N: 2 ** 10, r: 8, p: 1 }),
  verify: verifyPassword,
  check: (password, field) => void checkNewPassword(password, field),
  lockSeconds,
};

export async function createDirectoryFixture() {
  const clock = createFakeClock();
  const store = await openSqliteStore({ location: ':memory:', now: clock });
  const directory = createDirectory({ store, clock, passwords: fastPasswords });
  return { clock, store, directory };
}
