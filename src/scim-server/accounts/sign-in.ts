/**
 * Checks a tenant admin's email and password, with the slow-down of lockout-policy.ts. A
 * wrong email and a wrong password get the same answer after the same work (a decoy scrypt
 * verify), and unknown emails are counted in memory, so nothing tells whether an email exists.
 * Attempts for one sign-in name run one at a time, so parallel guesses cannot skip the count.
 *
 * Example: const admin = await signIn.verify(tenant, 'admin@acme.test', 'correct horse battery');
 */
import type { Store, Tenant, TenantAdmin } from '../../store/store.ts';
import { AccountError } from './account-error.ts';
import { createFailureLedger, type FailureState } from './failure-ledger.ts';
import { lockAfterFailure, secondsLocked } from './lockout-policy.ts';
import { createDecoyHash, type ScryptParameters, verifyPassword } from './password-hash.ts';

export interface SignInDeps {
  store: Store;
  clock: () => Date;
  /** Only tests lower this; the default is password-hash.ts's. */
  scrypt?: ScryptParameters;
}

export interface SignIn {
  /** The admin when the password is right; AccountError unauthorized or locked otherwise. */
  verify(tenant: Tenant, email: string, password: string): Promise<TenantAdmin>;
}

const wrong = (tenant: Tenant) =>
  new AccountError('unauthorized', `the email or password is wrong for tenant "${tenant.name}"`);

const locked = (seconds: number) =>
  new AccountError(
    'locked',
    `too many wrong passwords for this email; try again in ${seconds} second${seconds === 1 ? '' : 's'}`,
    'password',
    seconds,
  );

export function createSignIn(deps: SignInDeps): SignIn {
  const { store, clock } = deps;
  const ledger = createFailureLedger();
  let decoy: Promise<string> | undefined;
  const queues = new Map<string, Promise<unknown>>();

  /** Runs attempts for one key strictly one after another. */
  function serially<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = queues.get(key) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.catch(() => undefined);
    queues.set(key, settled);
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key);
    });
    return next;
  }

  async function attempt(tenant: Tenant, email: string, password: string): Promise<TenantAdmin> {
    const admin = await store.admins.byEmail(tenant.id, email);
    const state: FailureState = admin ?? ledger.get(tenant.id, email);
    const wait = secondsLocked(state.lockedUntil, clock());
    if (wait > 0) throw locked(wait);
    decoy ??= createDecoyHash(deps.scrypt);
    const ok = admin
      ? await verifyPassword(password, admin.passwordHash)
      : (await verifyPassword(password, await decoy)) && false;
    const failures = ok ? 0 : state.failedAttempts + 1;
    const lockedUntil = ok ? null : lockAfterFailure(failures, clock());
    if (admin) {
      if (ok && admin.failedAttempts === 0 && admin.lockedUntil === null) return admin;
      await store.admins.recordAttempt(admin.id, failures, lockedUntil);
    } else {
      ledger.set(tenant.id, email, { failedAttempts: failures, lockedUntil });
    }
    if (!ok) throw wrong(tenant);
    return { ...admin!, failedAttempts: 0, lockedUntil: null };
  }

  return {
    verify(tenant, email, password) {
      const normalised = email.trim().toLowerCase();
      return serially(`${tenant.id}\n${normalised}`, () => attempt(tenant, normalised, password));
    },
  };
}
