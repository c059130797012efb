/**
 * Seals secrets at rest (the Secret Token of a provisioning job) with AES-256-GCM: a fresh
 * 96-bit IV per seal, the 128-bit tag checked on open, so a tampered or foreign value is an
 * error rather than garbage. The key comes from the configuration (ROSTER_SECRET_KEY, or the
 * key file compose.ts generates in the data directory): any text of 32 characters or more,
 * hashed with SHA-256 into the 256-bit key.
 *
 * Example:
 *   const box = createSecretBox(process.env.ROSTER_SECRET_KEY!);
 *   const sealed = box.seal('s3cr3t');  // 'v1.<iv>.<tag>.<ciphertext>' (base64url)
 *   box.open(sealed)                    // 's3cr3t'
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

export interface SecretBox {
  seal(plain: string): string;
  /** The plain text; throws when the value was sealed with another key or altered. */
  open(sealed: string): string;
}

export const minimumSecretKeyLength = 32;

export function createSecretBox(secretKey: string): SecretBox {
  if (secretKey.length < minimumSecretKeyLength)
    throw new Error(
      `the secret key must have at least ${minimumSecretKeyLength} characters (e.g. \`openssl rand -base64 32\`)`,
    );
  const key = createHash('sha256').update(secretKey, 'utf8').digest();
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      const tag = cipher.getAuthTag();
      return ['v1', iv, tag, data]
        .map((p) => (typeof p === 'string' ? p : p.toString('base64url')))
        .join('.');
    },
    open(sealed) {
      const [version, iv, tag, data] = sealed.split('.');
      if (version !== 'v1' || iv === undefined || tag === undefined || data === undefined)
        throw new Error('not a sealed secret');
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
        decipher.setAuthTag(Buffer.from(tag, 'base64url'));
        return Buffer.concat([
          decipher.update(Buffer.from(data, 'base64url')),
          decipher.final(),
        ]).toString('utf8');
      } catch {
        throw new Error(
          'the stored secret cannot be opened: it was sealed with another secret key (ROSTER_SECRET_KEY) or altered',
        );
      }
    },
  };
}
