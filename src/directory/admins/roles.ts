/**
 * Identity admin roles (Entra's names) and what each may do. Every admin API route names the
 * permission it needs; a role grants a fixed set.
 *
 * | Role                             | read | manageDirectory | manageApps | manageAdmins |
 * |----------------------------------|------|-----------------|------------|--------------|
 * | Global Administrator             |  ✓   |        ✓        |     ✓      |      ✓       |
 * | Cloud Application Administrator  |  ✓   |                 |     ✓      |              |
 * | User Administrator               |  ✓   |        ✓        |            |              |
 * | Global Reader                    |  ✓   |                 |            |              |
 *
 * manageApps covers enterprise apps, assignments and provisioning; manageDirectory covers
 * users, groups, import, restore and purge; manageAdmins covers identity admins and tokens.
 *
 * Example: can('Global Reader', 'manageApps') → false
 */
export type Permission = 'read' | 'manageDirectory' | 'manageApps' | 'manageAdmins';

export const identityRoles = {
  'Global Administrator': ['read', 'manageDirectory', 'manageApps', 'manageAdmins'],
  'Cloud Application Administrator': ['read', 'manageApps'],
  'User Administrator': ['read', 'manageDirectory'],
  'Global Reader': ['read'],
} as const satisfies Record<string, readonly Permission[]>;

export type IdentityRole = keyof typeof identityRoles;

export const identityRoleNames = Object.keys(identityRoles) as IdentityRole[];

export const isIdentityRole = (role: string): role is IdentityRole =>
  Object.hasOwn(identityRoles, role);

export function can(role: string, permission: Permission): boolean {
  return (
    isIdentityRole(role) && (identityRoles[role] as readonly Permission[]).includes(permission)
  );
}

/** True when `role` grants nothing `holder` lacks (a token never outranks its minter). */
export function within(role: IdentityRole, holder: string): boolean {
  return identityRoles[role].every((p) => can(holder, p));
}
