/**
 * The Secret Token a tenant admin hands to an IdP: 256 random bits, shown once, stored only as
 * a SHA-256 hash (a token is a high-entropy secret, so a slow hash adds nothing), looked up by
 * hash and compared in constant time.
 *
 * Example: const { token, hash, prefix } = mintSecretToken(); // token 'rst_…' goes to the admin once
 */
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

export const tokenPrefix = 'rst_';
/** How many leading characters of a token are kept for lists ("rst_AbCd…"). */
const shownLength = tokenPrefix.length + 6;

export interface MintedToken {
  token: string;
  hash: string;
  prefix: string;
}

export function hashSecretToken(token: string): string {
  // The one-shot hash: no Hash object per request.
  return hash('sha256', token, 'hex');
}

export function mintSecretToken(): MintedToken {
  const token = `${tokenPrefix}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashSecretToken(token), prefix: token.slice(0, shownLength) };
}

/** True when `token` hashes to `storedHash`, compared in constant time. */
export function tokenMatches(token: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecretToken(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The bearer credential of an Authorization header, or undefined. */
export function bearerToken(header: string | undefined | null): string | undefined {
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}
