/**
 * The user attributes the directory keeps (those Entra exposes to provisioning), with their
 * rules as data, and the check that turns untrusted input (API body, CLI flags, an import row)
 * into a typed change. Strings are trimmed; in a change, null or "" clears an attribute.
 * Limits follow Entra's (employeeId 16 characters, UPN local part 64, …).
 *
 * Example: checkUserInput({ userPrincipalName: 'ann@contoso.test', accountEnabled: 'yes' })
 *   → { userPrincipalName: 'ann@contoso.test', accountEnabled: true }
 */
import type { DirectoryUserData } from '../store/store.ts';
import { DirectoryError } from './directory-error.ts';

/** Optional string attributes and their maximum lengths. */
export const userTextAttributes = {
  mail: 256,
  mailNickname: 64,
  givenName: 64,
  surname: 64,
  displayName: 256,
  jobTitle: 128,
  department: 64,
  employeeId: 16,
  mobile: 64,
  telephoneNumber: 64,
  facsimileTelephoneNumber: 64,
  streetAddress: 1024,
  city: 128,
  state: 128,
  postalCode: 40,
  country: 128,
  physicalDeliveryOfficeName: 128,
  preferredLanguage: 16,
} as const;

export type UserTextAttribute = keyof typeof userTextAttributes;

/** Every attribute name, in the order lists and CSV templates show them. */
export const userAttributeNames = [
  'userPrincipalName',
  ...(Object.keys(userTextAttributes) as UserTextAttribute[]),
  'manager',
  'accountEnabled',
] as const;

export type UserAttributeName = (typeof userAttributeNames)[number];

/** extensionAttribute1–15 (on-premises) or a directory extension extension_<app>_<name>. */
export const extensionNamePattern =
  /^(?:extensionAttribute(?:[1-9]|1[0-5])|extension_[A-Za-z0-9]+_[A-Za-z0-9_]{1,100})$/;

export type ExtensionValue = string | number | boolean;

/** A change to a user: absent = keep, null = clear. `manager` is an object id or a UPN. */
export type UserChange = {
  [K in UserTextAttribute]?: string | null;
} & {
  userPrincipalName?: string;
  accountEnabled?: boolean;
  manager?: string | null;
  extensions?: Record<string, ExtensionValue | null>;
};

const upnPattern =
  /^[A-Za-z0-9'_\-!#^~+]+(?:\.[A-Za-z0-9'_\-!#^~+]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$/;
const emailPattern = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const nicknamePattern = /^[^\s@()\\[\]";:<>,]+$/;
const languagePattern = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;

const known = new Map(userAttributeNames.map((name) => [name.toLowerCase(), name]));

/** The attribute an input key names (case-insensitively), an extension name, or undefined. */
export function attributeNamed(key: string): UserAttributeName | 'extension' | undefined {
  const name = known.get(key.toLowerCase());
  if (name) return name;
  return extensionNamePattern.test(key) ? 'extension' : undefined;
}

const invalid = (field: string, message: string) => new DirectoryError('invalid', message, field);

/** "true"/"false", "yes"/"no", "1"/"0" (any case) or a boolean. */
export function parseBoolean(value: unknown, field: string): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const v = value.trim().toLowerCase();
    if (v === 'true' || v === 'yes' || v === '1') return true;
    if (v === 'false' || v === 'no' || v === '0') return false;
  }
  throw invalid(field, `${field} must be true or false, not ${JSON.stringify(value)}`);
}

export function checkUserPrincipalName(value: unknown, field = 'userPrincipalName'): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw invalid(field, `${field} is required: the user's sign-in name, like ann@contoso.com`);
  const upn = value.trim();
  const local = upn.slice(0, upn.lastIndexOf('@'));
  if (upn.length > 113 || local.length > 64 || !upnPattern.test(upn))
    throw invalid(
      field,
      `${field} ${JSON.stringify(upn)} is not a user principal name: expected name@domain, at most 64 characters before the @ and 113 in all, letters, digits and ' . - _ ! # ^ ~ + before the @`,
    );
  return upn;
}

function checkText(name: UserTextAttribute, value: unknown): string | null {
  if (value === null) return null;
  if (typeof value !== 'string')
    throw invalid(name, `${name} must be a string, not ${value === null ? 'null' : typeof value}`);
  const text = value.trim();
  if (text === '') return null;
  const max = userTextAttributes[name];
  if ([...text].length > max)
    throw invalid(name, `${name} has ${[...text].length} characters; at most ${max} are allowed`);
  if (name === 'mail' && !emailPattern.test(text))
    throw invalid(name, `mail ${JSON.stringify(text)} is not an email address`);
  if (name === 'mailNickname' && !nicknamePattern.test(text))
    throw invalid(
      name,
      `mailNickname ${JSON.stringify(text)} may not contain spaces or any of @ ( ) \\ [ ] " ; : < > ,`,
    );
  if (name === 'preferredLanguage' && !languagePattern.test(text))
    throw invalid(
      name,
      `preferredLanguage ${JSON.stringify(text)} is not a language tag like en-US`,
    );
  return text;
}

function checkExtension(name: string, value: unknown): ExtensionValue | null {
  if (!extensionNamePattern.test(name))
    throw invalid(
      `extensions.${name}`,
      `${JSON.stringify(name)} is not an extension attribute name (extensionAttribute1–15 or extension_<app>_<name>)`,
    );
  if (value === null || value === '') return null;
  if (typeof value === 'string') {
    if (value.length > 1024)
      throw invalid(name, `extension ${name} has ${value.length} characters; at most 1024`);
    return value;
  }
  if (typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))
    return value;
  throw invalid(name, `extension ${name} must be a string, number or boolean`);
}

/**
 * Checks untrusted input. Keys are matched case-insensitively; extension attributes may come
 * flat (`extensionAttribute1`) or under `extensions`. Unknown keys are refused by name.
 */
export function checkUserInput(input: Record<string, unknown>): UserChange {
  const change: UserChange = {};
  const extensions: Record<string, ExtensionValue | null> = {};
  for (const [key, value] of Object.entries(input)) {
    if (value === undefined) continue;
    if (key === 'extensions') {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw invalid('extensions', 'extensions must be an object of name → value');
      for (const [name, v] of Object.entries(value)) extensions[name] = checkExtension(name, v);
      continue;
    }
    const name = attributeNamed(key);
    if (name === undefined)
      throw invalid(
        key,
        `${JSON.stringify(key)} is not a user attribute (known: ${userAttributeNames.join(', ')}, extensionAttribute1–15, extension_<app>_<name>)`,
      );
    if (name === 'extension') extensions[key] = checkExtension(key, value);
    else if (name === 'userPrincipalName') change.userPrincipalName = checkUserPrincipalName(value);
    else if (name === 'accountEnabled') change.accountEnabled = parseBoolean(value, name);
    else if (name === 'manager') {
      if (value !== null && typeof value !== 'string')
        throw invalid('manager', "manager must be the manager's object id or userPrincipalName");
      change.manager = typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
    } else change[name] = checkText(name, value);
  }
  if (Object.keys(extensions).length > 0) change.extensions = extensions;
  return change;
}

/**
 * The user after `change` (manager already resolved to an object id). A new user needs a
 * userPrincipalName; accountEnabled defaults to true, mailNickname to the UPN's local part and
 * displayName to "givenName surname" or the mailNickname.
 */
export function applyUserChange(
  current: DirectoryUserData | undefined,
  change: UserChange,
): DirectoryUserData {
  const upn = change.userPrincipalName ?? current?.userPrincipalName;
  if (upn === undefined)
    throw invalid('userPrincipalName', 'userPrincipalName is required to create a user');
  const next: Record<string, unknown> = {
    ...current,
    userPrincipalName: upn,
    accountEnabled: change.accountEnabled ?? current?.accountEnabled ?? true,
  };
  for (const name of [...(Object.keys(userTextAttributes) as UserTextAttribute[]), 'manager']) {
    const value = change[name as keyof UserChange];
    if (value === null) delete next[name];
    else if (value !== undefined) next[name] = value;
  }
  if (change.extensions) {
    const extensions: Record<string, ExtensionValue> = { ...current?.extensions };
    for (const [name, value] of Object.entries(change.extensions)) {
      if (value === null) delete extensions[name];
      else extensions[name] = value;
    }
    if (Object.keys(extensions).length > 0) next.extensions = extensions;
    else delete next.extensions;
  }
  if (!current) {
    next.mailNickname ??= upn.slice(0, upn.lastIndexOf('@')).replace(/[^A-Za-z0-9._-]/g, '');
    const named = [next.givenName, next.surname].filter(Boolean).join(' ');
    next.displayName ??= named || next.mailNickname;
  }
  return next as unknown as DirectoryUserData;
}

/** Key order does not matter; values do. */
export function sameUserData(a: DirectoryUserData, b: DirectoryUserData): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
}
