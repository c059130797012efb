/**
 * AppRoleAssignmentsComplex([appRoleAssignments]): every app role of the user as a SCIM role
 * object, for a multi-valued `roles` target (Entra "functions for customizing application
 * data", § AppRoleAssignmentsComplex; customize-application-attributes.md, § Provisioning a
 * role to a SCIM app). All roles are `primary: false`. See `app-roles.ts` for the shape.
 *
 * This variant only adds roles: the engine sends them with PATCH `add` and never removes a
 * role from the target (`CompiledExpression.rootFunction` tells the engine which variant it is).
 * Null: a null attribute gives null; an empty list gives an empty list.
 *
 * Example: AppRoleAssignmentsComplex([appRoleAssignments]) with [{ value: "Admin", displayName: "Admin" }]
 *   → [{ primary: false, type: "WindowsAzureActiveDirectoryRole", display: "Admin", value: "Admin" }]
 */
import { scimRoles } from '../app-roles.ts';
import { defineFunction } from '../function-def.ts';

export const appRoleAssignmentsComplex = defineFunction({
  name: 'AppRoleAssignmentsComplex',
  minArgs: 1,
  maxArgs: 1,
  signature: 'AppRoleAssignmentsComplex([appRoleAssignments])',
  description: "The user's app roles as SCIM role objects, added to the target's roles.",
  evaluate(args) {
    return scimRoles(args.value(0), 'AppRoleAssignmentsComplex');
  },
});
