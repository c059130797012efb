/**
 * AssertiveAppRoleAssignmentsComplex([appRoleAssignments]): the same role objects as
 * AppRoleAssignmentsComplex, but the target's roles are made exactly these: the engine sends
 * PATCH `replace`, which removes roles no longer assigned (customize-application-attributes.md,
 * § Provisioning a role to a SCIM app, "AssertiveAppRoleAssignmentsComplex"; the function list of
 * Entra "functions for customizing application data" links there).
 *
 * Null: a null attribute gives null; an empty list gives an empty list, meaning "no roles".
 *
 * Example: AssertiveAppRoleAssignmentsComplex([appRoleAssignments]) with ["User", "Test"]
 *   → [{ …, display: "User", value: "User" }, { …, display: "Test", value: "Test" }]
 */
import { scimRoles } from '../app-roles.ts';
import { defineFunction } from '../function-def.ts';

export const assertiveAppRoleAssignmentsComplex = defineFunction({
  name: 'AssertiveAppRoleAssignmentsComplex',
  minArgs: 1,
  maxArgs: 1,
  signature: 'AssertiveAppRoleAssignmentsComplex([appRoleAssignments])',
  description: "The user's app roles as SCIM role objects, replacing the target's roles.",
  evaluate(args) {
    return scimRoles(args.value(0), 'AssertiveAppRoleAssignmentsComplex');
  },
});
