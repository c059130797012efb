/**
 * The per-tenant app profile: what this tenant's SCIM endpoint accepts, stored as JSON on the
 * tenant (`tenant.profile`) and set by the admin API. A Wrike-like app takes users only, wants
 * `userName` to be the work email, and only from approved domains:
 *
 *   parseAppProfile({ groups: false, userNameIsEmail: true, allowedEmailDomains: ['acme.test'] })
 *
 * `{}` is the default profile: users and groups, any userName, any domain. Unknown keys and
 * wrong types are refused with an AppProfileError naming the key, so a typo never turns a rule
 * off silently. The rules themselves are applied by profile-rules.ts.
 */
import { isPlainObject } from '../scim/index.ts';

export interface AppProfile {
  /** The Groups resource type is offered (default true). */
  groups: boolean;
  /** A user's userName must equal its work (else primary) email (default false). */
  userNameIsEmail: boolean;
  /** Lower-case domains every email must belong to; empty means any domain (default). */
  allowedEmailDomains: readonly string[];
}

export const defaultAppProfile: AppProfile = Object.freeze({
  groups: true,
  userNameIsEmail: false,
  allowedEmailDomains: Object.freeze([]) as readonly string[],
});

/** An invalid profile document; `message` names the key and the value at fault. */
export class AppProfileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AppProfileError';
  }
}

const domainPattern =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const keys = new Set(['groups', 'userNameIsEmail', 'allowedEmailDomains']);

function readBoolean(input: Record<string, unknown>, key: string, fallback: boolean): boolean {
  const value = input[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') {
    throw new AppProfileError(`"${key}" must be true or false, got ${JSON.stringify(value)}`);
  }
  return value;
}

function readDomains(value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    throw new AppProfileError(
      `"allowedEmailDomains" must be a list of domains, got ${JSON.stringify(value)}`,
    );
  }
  const domains = value.map((item) => {
    const domain = typeof item === 'string' ? item.trim().replace(/^@/, '').toLowerCase() : '';
    if (!domainPattern.test(domain)) {
      throw new AppProfileError(
        `"allowedEmailDomains" holds ${JSON.stringify(item)}, which is not a domain name such as "acme.test"`,
      );
    }
    return domain;
  });
  return [...new Set(domains)];
}

/** The profile in `input` (a JSON object), with defaults for what it leaves out. */
export function parseAppProfile(input: unknown): AppProfile {
  if (input === undefined || input === null) return defaultAppProfile;
  if (!isPlainObject(input)) {
    throw new AppProfileError(`An app profile must be a JSON object, got ${JSON.stringify(input)}`);
  }
  for (const key of Object.keys(input)) {
    if (!keys.has(key)) {
      throw new AppProfileError(
        `Unknown app profile key ${JSON.stringify(key)}; known keys: ${[...keys].join(', ')}`,
      );
    }
  }
  return {
    groups: readBoolean(input, 'groups', true),
    userNameIsEmail: readBoolean(input, 'userNameIsEmail', false),
    allowedEmailDomains: readDomains(input.allowedEmailDomains),
  };
}
