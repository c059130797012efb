/**
 * The app profile's rules for a User about to be written (app-profile.ts): `userName` equal to
 * the work email (else the primary one, else the only one; with no email at all, `userName`
 * must itself be an email address), and every email in an allowed domain. Violations are 400
 * invalidValue saying which rule and which value.
 *
 * The rules apply to values being written: a PATCH or PUT that leaves `userName` and `emails`
 * as stored is not checked again, so disabling a user created before the profile changed
 * still works (Entra must always be able to set `active: false`).
 *
 * Example: checkUserProfile(wrike, { userName: 'bob@other.test', emails: [...] })
 *   throws 400 invalidValue 'The email "bob@other.test" is in domain "other.test", which this app does not accept (allowed: acme.test)'
 */
import { badRequest, isPlainObject, quote, type ScimResource } from '../scim/index.ts';
import type { AppProfile } from './app-profile.ts';

interface Email {
  value: string;
  type?: string;
  primary?: boolean;
}

function emailsOf(user: ScimResource): Email[] {
  const list = Array.isArray(user.emails) ? user.emails : [];
  return list.filter(
    (e): e is Email => isPlainObject(e) && typeof e.value === 'string' && e.value !== '',
  );
}

/** The email userName must equal: work, else primary, else the first. */
function mainEmail(emails: Email[]): Email | undefined {
  return (
    emails.find((e) => e.type?.toLowerCase() === 'work') ??
    emails.find((e) => e.primary === true) ??
    emails[0]
  );
}

const domainOf = (address: string) => {
  const at = address.lastIndexOf('@');
  return at > 0 && at < address.length - 1 ? address.slice(at + 1).toLowerCase() : undefined;
};

const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function checkDomain(profile: AppProfile, address: string, what: string): void {
  if (profile.allowedEmailDomains.length === 0) return;
  const domain = domainOf(address);
  if (domain === undefined) {
    throw badRequest('invalidValue', `${what} ${quote(address)} is not an email address`);
  }
  if (!profile.allowedEmailDomains.includes(domain)) {
    throw badRequest(
      'invalidValue',
      `${what} ${quote(address)} is in domain ${quote(domain)}, which this app does not accept (allowed: ${profile.allowedEmailDomains.join(', ')})`,
    );
  }
}

/** Throws 400 invalidValue when `next` breaks the profile; `previous` is the stored user. */
export function checkUserProfile(
  profile: AppProfile,
  next: ScimResource,
  previous?: ScimResource,
): void {
  if (!profile.userNameIsEmail && profile.allowedEmailDomains.length === 0) return;
  if (
    previous &&
    sameValue(previous.userName, next.userName) &&
    sameValue(previous.emails, next.emails)
  ) {
    return;
  }
  const userName = typeof next.userName === 'string' ? next.userName : '';
  const emails = emailsOf(next);
  for (const email of emails) checkDomain(profile, email.value, 'The email');
  if (!profile.userNameIsEmail) return;
  const main = mainEmail(emails);
  if (main === undefined) {
    if (domainOf(userName) === undefined) {
      throw badRequest(
        'invalidValue',
        `This app needs userName to be the user's email address, got ${quote(userName)}`,
      );
    }
    checkDomain(profile, userName, 'The userName');
    return;
  }
  if (main.value.toLowerCase() !== userName.toLowerCase()) {
    throw badRequest(
      'invalidValue',
      `This app needs userName to equal the user's ${main.type ?? 'primary'} email ${quote(main.value)}, got ${quote(userName)}`,
    );
  }
}
