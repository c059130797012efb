/**
 * Directory records as the sync ring's source objects (src/sync/source-attributes.ts): the
 * record's data with its extensions flattened (`extensionAttribute1`, `extension_<app>_<name>`)
 * and `objectId`; a group carries `members` (directory ids) only when the cycle needs them —
 * nested groups flattened into their users when the job asks for it.
 *
 * Example: userSource(record) → { objectId: 'f3…', userPrincipalName: 'ann@contoso.test', manager: '9c…', … }
 */

import type { DirectoryGroupRecord, DirectoryUserRecord, Store } from '../store/store.ts';
import type { SourceObject } from '../sync/index.ts';
import type { RoleAssignment } from './assignment-scope.ts';

export function userSource(record: DirectoryUserRecord): SourceObject {
  const { extensions, ...data } = record.data;
  return { ...extensions, ...data, objectId: record.id };
}

export function groupSource(
  record: DirectoryGroupRecord,
  members?: readonly string[],
): SourceObject {
  return { ...record.data, objectId: record.id, ...(members && { members: [...members] }) };
}

export const userIdentity = (record: DirectoryUserRecord): string => record.data.userPrincipalName;
export const groupIdentity = (record: DirectoryGroupRecord): string => record.data.displayName;

/**
 * The group's members for the target: direct members (users and nested groups), or with
 * `flatten` every user reachable through nested groups, each once.
 */
export async function memberIdsOf(
  store: Pick<Store, 'directory'>,
  groupId: string,
  flatten: boolean,
): Promise<string[]> {
  const direct = await store.directory.groups.members(groupId);
  if (!flatten) return direct.map((m) => m.id);
  const users = new Set<string>();
  const visited = new Set<string>([groupId]);
  let pending = direct;
  while (pending.length > 0) {
    const next: typeof pending = [];
    for (const member of pending) {
      if (member.type === 'user') users.add(member.id);
      else if (!visited.has(member.id)) {
        visited.add(member.id);
        next.push(...(await store.directory.groups.members(member.id)));
      }
    }
    pending = next;
  }
  return [...users];
}

/**
 * Entra's [appRoleAssignments] of a user, as mapping expressions read it: one entry per
 * assignment that reaches the user (directly or through a group), each the app role's `id`,
 * `value` and `displayName` — what AppRoleAssignmentsComplex, AssertiveAppRoleAssignmentsComplex
 * and SingleAppRoleAssignment turn into SCIM roles (customize-application-attributes.md).
 *
 * Example: appRoleAssignmentsOf(await scope.assignmentsOf(annId))
 *   → [{ id: 'r-admin', value: 'Admin', displayName: 'Admin', principalType: 'group', … }]
 */
export function appRoleAssignmentsOf(
  assignments: readonly RoleAssignment[],
): Record<string, string | null>[] {
  return assignments.map((a) => ({
    id: a.roleId,
    value: a.value,
    displayName: a.displayName,
    assignmentId: a.assignmentId,
    principalType: a.principalType,
    principalId: a.principalId,
  }));
}

/** Whether the mapping reads [appRoleAssignments] (only then are a user's roles looked up). */
export const readsAppRoles = (sourceAttributes: readonly string[]): boolean =>
  sourceAttributes.some((name) => name.toLowerCase() === 'approleassignments');
