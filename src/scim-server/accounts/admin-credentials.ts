/**
 * The rules for a tenant admin's email and password: an email that looks like one (the sign-in
 * name, compared case-insensitively), and a password of at least 12 characters. Length is
 * what makes a password strong; no composition rules (NIST SP 800-63B §3.1.1.2).
 *
 * Example: checkAdminEmail(' Admin@Acme.test ') → 'admin@acme.test'
 */
import { AccountError } from './account-error.ts';

export const minPasswordLength = 12;
/** Bounded so a megabyte "password" cannot tie up scrypt. */
export const maxPasswordLength = 1024;

export const passwordRule = `a password is ${minPasswordLength} to ${maxPasswordLength} characters long`;

const emailPattern = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** The normalised (trimmed, lower-case) email, or AccountError invalid naming `field`. */
export function checkAdminEmail(email: string, field = 'adminEmail'): string {
  const normalised = email.trim().toLowerCase();
  if (normalised === '')
    throw new AccountError('invalid', `${field} is empty: give the admin's email address`, field);
  if (normalised.length > 254)
    throw new AccountError(
      'invalid',
      `${field} is ${normalised.length} characters long; an email address has at most 254`,
      field,
    );
  if (!emailPattern.test(normalised))
    throw new AccountError(
      'invalid',
      `${field} ${JSON.stringify(email)} is not an email address (expected name@domain.example)`,
      field,
    );
  return normalised;
}

/** Returns the password when it meets the policy; AccountError invalid naming `field` otherwise. */
export function checkNewPassword(password: string, field = 'adminPassword'): string {
  const length = [...password].length;
  if (length < minPasswordLength)
    throw new AccountError(
      'invalid',
      `${field} is ${length} characters long; ${passwordRule} (a few unrelated words work well)`,
      field,
    );
  if (length > maxPasswordLength)
    throw new AccountError(
      'invalid',
      `${field} is ${length} characters long; ${passwordRule}`,
      field,
    );
  if (password.trim() === '')
    throw new AccountError('invalid', `${field} is only spaces; ${passwordRule}`, field);
  return password;
}
