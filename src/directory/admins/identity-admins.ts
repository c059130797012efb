/**
 * Identity-side admins: who may manage the directory, apps and provisioning. Passwords are
 * hashed with the app side's scrypt (passed in as `passwords`, so this ring stays apart from
 * scim-server); wrong passwords slow down with the same lock policy. API tokens (`rit_…`, 256
 * random bits, stored as SHA-256) let automation act with a role no higher than its minter's.
 *
 * Example:
 *   await admins.add({ email: 'it@contoso.test', password: '…', role: 'Cloud Application Administrator' });
 *   const principal = await admins.signIn('it@contoso.test', '…');
 *   const { token } = await admins.mintToken({ name: 'ci', role: 'Global Reader' }, principal);
 */
import { createHash, randomBytes } from 'node:crypto';
import type { DirectoryStore, IdentityAdmin, IdentityToken } from '../../store/store.ts';
import { DirectoryError } from '../directory-error.ts';
import { fromStore } from '../store-errors.ts';
import {
  can,
  type IdentityRole,
  identityRoleNames,
  isIdentityRole,
  type Permission,
  within,
} from './roles.ts';

/** The password rules and hashing of the app side, injected by compose.ts. */
export interface PasswordPolicy {
  hash(password: string): Promise<string>;
  verify(password: string, stored: string): Promise<boolean>;
  /** Throws an error whose message says what is wrong with a new password. */
  check(password: string, field: string): void;
  /** Seconds locked after the n-th consecutive failure (0: not locked). */
  lockSeconds(failures: number): number;
}

/** Who is acting: a signed-in admin, an API token, or the operator (CLI, ROSTER_ADMIN_TOKEN). */
export interface IdentityPrincipal {
  kind: 'admin' | 'token' | 'operator';
  id: string;
  name: string;
  role: IdentityRole;
}

export const operatorPrincipal: IdentityPrincipal = {
  kind: 'operator',
  id: 'operator',
  name: 'operator',
  role: 'Global Administrator',
};

export interface AdminView {
  id: string;
  email: string;
  displayName: string;
  role: string;
  created: string;
}

export type TokenView = Omit<IdentityToken, never>;

export interface MintedIdentityToken extends TokenView {
  /** Shown in this answer only. */
  token: string;
}

const tokenPrefix = 'rit_';
const emailPattern = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

const adminView = (a: IdentityAdmin): AdminView => ({
  id: a.id,
  email: a.email,
  displayName: a.displayName,
  role: a.role,
  created: a.created,
});

function checkRole(role: unknown): IdentityRole {
  if (typeof role === 'string' && isIdentityRole(role)) return role;
  throw new DirectoryError(
    'invalid',
    `role must be one of: ${identityRoleNames.join(', ')}; not ${JSON.stringify(role)}`,
    'role',
  );
}

export function requirePermission(principal: IdentityPrincipal, permission: Permission): void {
  if (!can(principal.role, permission))
    throw new DirectoryError(
      'forbidden',
      `${principal.name} has role ${principal.role}, which may not ${permission === 'read' ? 'read the directory' : permission.replace(/^manage/, 'manage ').toLowerCase()}`,
    );
}

export interface IdentityAdminsDeps {
  store: DirectoryStore;
  clock: () => Date;
  passwords: PasswordPolicy;
}

export type IdentityAdmins = ReturnType<typeof createIdentityAdmins>;

export function createIdentityAdmins(deps: IdentityAdminsDeps) {
  const { store, clock, passwords } = deps;
  const unknownFailures = new Map<string, { failedAttempts: number; lockedUntil: string | null }>();
  const queues = new Map<string, Promise<unknown>>();
  let decoy: Promise<string> | undefined;

  /** Attempts for one email run one after another, so parallel guesses are all counted. */
  function serially<T>(key: string, work: () => Promise<T>): Promise<T> {
    const next = (queues.get(key) ?? Promise.resolve()).then(work, work);
    const settled = next.catch(() => undefined);
    queues.set(key, settled);
    void settled.then(() => queues.get(key) === settled && queues.delete(key));
    return next;
  }

  const wrong = () => new DirectoryError('unauthorized', 'the email or password is wrong');

  async function attempt(email: string, password: string): Promise<IdentityAdmin> {
    const admin = await store.admins.byEmail(email);
    const state = admin ?? unknownFailures.get(email) ?? { failedAttempts: 0, lockedUntil: null };
    const left = state.lockedUntil
      ? Math.ceil((Date.parse(state.lockedUntil) - clock().getTime()) / 1000)
      : 0;
    if (left > 0)
      throw new DirectoryError(
        'locked',
        `too many wrong passwords for this email; try again in ${left} second${left === 1 ? '' : 's'}`,
        'password',
        left,
      );
    decoy ??= passwords.hash(randomBytes(24).toString('base64url'));
    const ok = admin
      ? await passwords.verify(password, admin.passwordHash)
      : (await passwords.verify(password, await decoy)) && false;
    const failures = ok ? 0 : state.failedAttempts + 1;
    const seconds = ok ? 0 : passwords.lockSeconds(failures);
    const lockedUntil =
      seconds > 0 ? new Date(clock().getTime() + seconds * 1000).toISOString() : null;
    if (admin) {
      if (!ok || admin.failedAttempts > 0 || admin.lockedUntil !== null)
        await store.admins.recordAttempt(admin.id, failures, lockedUntil);
    } else {
      unknownFailures.delete(email);
      if (unknownFailures.size >= 10_000)
        unknownFailures.delete(unknownFailures.keys().next().value!);
      unknownFailures.set(email, { failedAttempts: failures, lockedUntil });
    }
    if (!ok || !admin) throw wrong();
    return admin;
  }

  const principalOf = (admin: IdentityAdmin): IdentityPrincipal => ({
    kind: 'admin',
    id: admin.id,
    name: admin.email,
    role: checkRole(admin.role),
  });

  return {
    async add(input: {
      email: string;
      password: string;
      role: string;
      displayName?: string | undefined;
    }): Promise<AdminView> {
      const email = input.email.trim().toLowerCase();
      if (!emailPattern.test(email) || email.length > 254)
        throw new DirectoryError(
          'invalid',
          `email ${JSON.stringify(input.email)} is not an email address`,
          'email',
        );
      const role = checkRole(input.role);
      passwords.check(input.password, 'password');
      const passwordHash = await passwords.hash(input.password);
      const admin = await fromStore(() =>
        store.admins.create({
          email,
          displayName: input.displayName?.trim() || email,
          role,
          passwordHash,
        }),
      );
      return adminView(admin);
    },

    async list(): Promise<AdminView[]> {
      return (await store.admins.list()).map(adminView);
    },

    /** The admin when the password is right; unauthorized or locked (with retryAfter) otherwise. */
    async signIn(email: string, password: string): Promise<IdentityPrincipal> {
      const normalised = email.trim().toLowerCase();
      return principalOf(await serially(normalised, () => attempt(normalised, password)));
    },

    /** The admin behind a session, with its current role (a role change applies at once). */
    async principalById(id: string): Promise<IdentityPrincipal | undefined> {
      const admin = await store.admins.byId(id);
      return admin && isIdentityRole(admin.role) ? principalOf(admin) : undefined;
    },

    async mintToken(
      input: { name: string; role: string },
      by: IdentityPrincipal,
    ): Promise<MintedIdentityToken> {
      const name = input.name.trim();
      if (name === '' || name.length > 120)
        throw new DirectoryError(
          'invalid',
          'name is required (1–120 characters): what the token is for',
          'name',
        );
      const role = checkRole(input.role);
      if (!within(role, by.role))
        throw new DirectoryError(
          'forbidden',
          `${by.name} (${by.role}) cannot mint a token with role ${role}`,
          'role',
        );
      const token = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
      const stored = await store.tokens.create({
        name,
        role,
        prefix: token.slice(0, tokenPrefix.length + 6),
        createdBy: by.kind === 'admin' ? by.id : null,
        hash: hashToken(token),
      });
      return { ...stored, token };
    },

    async listTokens(): Promise<TokenView[]> {
      return store.tokens.list();
    },

    async revokeToken(id: string): Promise<void> {
      if (!(await store.tokens.revoke(id)))
        throw new DirectoryError(
          'notFound',
          `there is no live token with id ${JSON.stringify(id)}`,
          'id',
        );
    },

    /** The principal of a live `rit_` token (its last use recorded), or undefined. */
    async authenticateToken(token: string): Promise<IdentityPrincipal | undefined> {
      if (!token.startsWith(tokenPrefix)) return undefined;
      const found = await store.tokens.byHash(hashToken(token));
      if (!found || !isIdentityRole(found.role)) return undefined;
      await store.tokens.touch(found.id, clock().toISOString());
      return { kind: 'token', id: found.id, name: `token ${found.name}`, role: found.role };
    },
  };
}
