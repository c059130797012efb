/**
 * Reads the `[appRoleAssignments]` attribute and turns it into SCIM roles, for
 * AppRoleAssignmentsComplex, AssertiveAppRoleAssignmentsComplex and SingleAppRoleAssignment
 * (customize-application-attributes.md, § Provisioning a role to a SCIM app).
 *
 * An assignment is an object with the app role's `value` and `displayName` (and ids), or a
 * plain string naming the role. Its role value is `value`, else `displayName`; an assignment
 * with neither (default access, which has no app role) yields no role. Each role becomes the
 * RFC 7643 §4.1.2 shape Entra posts: `{ primary: false, type: "WindowsAzureActiveDirectoryRole",
 * display, value }` (Entra's example for the non-assertive variant spells it `displayName`; we
 * send the RFC's `display`). A role reached through two assignments (two groups) is sent once.
 *
 * Example: scimRoles([{ id: 'r1', value: 'Admin', displayName: 'Admin' }], 'f')
 *   → [{ primary: false, type: 'WindowsAzureActiveDirectoryRole', display: 'Admin', value: 'Admin' }]
 */
import { describe, toList } from './coerce.ts';
import { failEvaluation } from './evaluation-error.ts';
import type { ComplexValue, ExpressionValue } from './values.ts';

export interface RoleNames {
  value: string;
  display: string;
}

const text = (value: unknown) => (typeof value === 'string' && value !== '' ? value : undefined);

/** The roles named by the assignments, in order, without repeats. */
export function assignedRoles(assignments: ExpressionValue, what: string): RoleNames[] {
  const roles: RoleNames[] = [];
  const seen = new Set<string>();
  for (const element of toList(assignments)) {
    let names: RoleNames | undefined;
    if (typeof element === 'string') {
      names = element === '' ? undefined : { value: element, display: element };
    } else if (typeof element === 'object' && !(element instanceof Date)) {
      const value = text(element.value) ?? text(element.displayName);
      if (value !== undefined) names = { value, display: text(element.displayName) ?? value };
    } else {
      failEvaluation(`${what} expects app role assignments, got ${describe(element)}`);
    }
    const key = names && JSON.stringify([names.value, names.display]);
    if (names && key && !seen.has(key)) {
      seen.add(key);
      roles.push(names);
    }
  }
  return roles;
}

/** SCIM role objects for the assignments; null when the attribute itself is null. */
export function scimRoles(assignments: ExpressionValue, what: string): ComplexValue[] | null {
  if (assignments === null) return null;
  return assignedRoles(assignments, what).map((role) => ({
    primary: false,
    type: 'WindowsAzureActiveDirectoryRole',
    display: role.display,
    value: role.value,
  }));
}
