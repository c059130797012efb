/**
 * SingleAppRoleAssignment([appRoleAssignments]): the user's one app role as a string, for a
 * single-valued target such as `roles[primary eq "True"].value` (Entra "functions for
 * customizing application data", § SingleAppRoleAssignment; customize-application-attributes.md).
 * The role's value is its `value`, else its `displayName` (`app-roles.ts`).
 *
 * With several roles Entra gives "no guarantee which role is provisioned"; we take the first
 * in the list, so the choice is at least stable.
 *
 * Null: null, an empty list, or assignments without a role (default access) give null.
 *
 * Example: SingleAppRoleAssignment([appRoleAssignments]) with [{ value: "Admin" }] → "Admin"
 */
import { assignedRoles } from '../app-roles.ts';
import { defineFunction } from '../function-def.ts';

export const singleAppRoleAssignment = defineFunction({
  name: 'SingleAppRoleAssignment',
  minArgs: 1,
  maxArgs: 1,
  signature: 'SingleAppRoleAssignment([appRoleAssignments])',
  description: "The user's single app role value as a string.",
  evaluate(args) {
    return assignedRoles(args.value(0), 'SingleAppRoleAssignment')[0]?.value ?? null;
  },
});
