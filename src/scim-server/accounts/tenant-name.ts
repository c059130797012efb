/**
 * Tenant names are slugs: they appear in every SCIM Base URL (`/scim/v2/<name>`), so they stay
 * lower-case letters, digits and hyphens, 2–63 characters, starting and ending with a letter or
 * digit (a DNS label, so a name also works as a subdomain later).
 *
 * Example: checkTenantName('acme') → 'acme'; checkTenantName('Acme') throws AccountError invalid
 */
import { AccountError } from './account-error.ts';

export const tenantNamePattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])$/;

export const tenantNameRule =
  'a tenant name is 2–63 lower-case letters, digits or hyphens, starting and ending with a letter or digit (e.g. "acme")';

/** Why `name` is not a valid tenant name, in words, or undefined when it is. */
export function tenantNameProblem(name: string): string | undefined {
  const shown = JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
  if (name.length < 2) return `tenant name ${shown} is too short: ${tenantNameRule}`;
  if (name.length > 63)
    return `tenant name ${shown} is ${name.length} characters long: ${tenantNameRule}`;
  if (/[A-Z]/.test(name)) return `tenant name ${shown} has upper-case letters: ${tenantNameRule}`;
  const bad = /[^a-z0-9-]/.exec(name);
  if (bad)
    return `tenant name ${shown} contains ${JSON.stringify(bad[0])} at position ${bad.index + 1}: ${tenantNameRule}`;
  if (!tenantNamePattern.test(name))
    return `tenant name ${shown} starts or ends with a hyphen: ${tenantNameRule}`;
  return undefined;
}

/** Returns `name` when it is a valid tenant name; throws AccountError invalid (field `name`) otherwise. */
export function checkTenantName(name: string): string {
  const problem = tenantNameProblem(name);
  if (problem) throw new AccountError('invalid', problem, 'name');
  return name;
}
