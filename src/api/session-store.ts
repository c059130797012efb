/**
 * Admin sessions, kept in this process's memory: a 256-bit random token maps (by its SHA-256)
 * to the signed-in admin until it expires (8 hours after sign-in) or is deleted. A restart
 * signs everyone out, and several servers behind a load balancer would need sticky sessions;
 * a store-backed table is the seam for that (see README).
 *
 * Example:
 *   const { token } = sessions.create({ tenant: 'acme', adminId, email });
 *   sessions.get(token)?.email; // 'admin@acme.test'
 */
import { createHash, randomBytes } from 'node:crypto';

export interface Session {
  tenant: string;
  adminId: string;
  email: string;
  /** ISO instant after which the session is gone. */
  expires: string;
}

export interface SessionStore {
  create(admin: Omit<Session, 'expires'>): { token: string; session: Session };
  get(token: string): Session | undefined;
  delete(token: string): boolean;
}

export interface SessionStoreDeps {
  clock: () => Date;
  ttlSeconds?: number;
  /** Beyond this many live sessions the oldest is dropped. */
  capacity?: number;
}

export const defaultSessionSeconds = 8 * 60 * 60;

const keyOf = (token: string) => createHash('sha256').update(token, 'utf8').digest('hex');

export function createSessionStore(deps: SessionStoreDeps): SessionStore {
  const ttl = deps.ttlSeconds ?? defaultSessionSeconds;
  const capacity = deps.capacity ?? 100_000;
  const sessions = new Map<string, Session>();
  const expired = (session: Session) => Date.parse(session.expires) <= deps.clock().getTime();

  function sweep(): void {
    for (const [key, session] of sessions) if (expired(session)) sessions.delete(key);
    while (sessions.size >= capacity) sessions.delete(sessions.keys().next().value!);
  }

  return {
    create(admin) {
      sweep();
      const token = `rss_${randomBytes(32).toString('base64url')}`;
      const session: Session = {
        ...admin,
        expires: new Date(deps.clock().getTime() + ttl * 1000).toISOString(),
      };
      sessions.set(keyOf(token), session);
      return { token, session };
    },
    get(token) {
      const key = keyOf(token);
      const session = sessions.get(key);
      if (!session) return undefined;
      if (!expired(session)) return session;
      sessions.delete(key);
      return undefined;
    },
    delete: (token) => sessions.delete(keyOf(token)),
  };
}
