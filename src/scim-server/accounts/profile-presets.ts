/**
 * App profile presets: a known app's rules as the profile document stored on a tenant (the
 * SCIM routes read it with ../app-profile.ts, which also checks what is stored here). `wrike`
 * accepts users only and wants the work email as userName; approved email domains can be added
 * to any preset.
 *
 * Example: buildPresetProfile('wrike', ['acme.test'])
 *   → { groups: false, userNameIsEmail: true, allowedEmailDomains: ['acme.test'] }
 */
import { AppProfileError, parseAppProfile } from '../app-profile.ts';
import { AccountError } from './account-error.ts';

export type AppProfilePreset = 'generic' | 'wrike';

export const appProfilePresets: readonly AppProfilePreset[] = ['generic', 'wrike'];

/** The profile JSON stored on a tenant; absent keys mean the SCIM defaults. */
export type ProfileDocument = Record<string, unknown>;

export function isAppProfilePreset(value: string): value is AppProfilePreset {
  return (appProfilePresets as readonly string[]).includes(value);
}

/** Checks a profile document with the SCIM side's parser; AccountError invalid (field `profile`) if wrong. */
export function checkProfileDocument(
  document: ProfileDocument,
  field = 'profile',
): ProfileDocument {
  try {
    parseAppProfile(document);
    return document;
  } catch (error) {
    if (error instanceof AppProfileError) throw new AccountError('invalid', error.message, field);
    throw error;
  }
}

export function buildPresetProfile(
  preset: string = 'generic',
  allowedDomains: readonly string[] = [],
): ProfileDocument {
  if (!isAppProfilePreset(preset))
    throw new AccountError(
      'invalid',
      `profile ${JSON.stringify(preset)} is not known; choose one of: ${appProfilePresets.join(', ')}`,
      'profile',
    );
  const document: ProfileDocument =
    preset === 'wrike' ? { groups: false, userNameIsEmail: true } : {};
  if (allowedDomains.length === 0) return document;
  const domains = parseDomains(allowedDomains);
  return { ...document, allowedEmailDomains: domains };
}

/** Lower-cased, de-duplicated domains, checked by the SCIM side's rules (field `allowedDomains`). */
function parseDomains(domains: readonly string[]): string[] {
  for (const domain of domains) {
    try {
      parseAppProfile({ allowedEmailDomains: [domain] });
    } catch (error) {
      if (!(error instanceof AppProfileError)) throw error;
      throw new AccountError(
        'invalid',
        `allowed domain ${JSON.stringify(domain)} is not a domain name such as "acme.test"`,
        'allowedDomains',
      );
    }
  }
  return [...parseAppProfile({ allowedEmailDomains: domains }).allowedEmailDomains];
}
