/**
 * Who the job provisions (Entra's "Scope: sync only assigned users and groups" or "all"):
 * assigned groups, and users assigned directly or through an assigned group — through nested
 * groups too when the job flattens them. "Default Access" assignments are left out. Built once
 * per cycle from the app's assignments; per-user answers walk the user's groups upwards.
 *
 * Example:
 *   const scope = await loadAssignmentScope(store, app, { all: false, flatten: false });
 *   await scope.isUserAssigned(annId) → true (member of an assigned group)
 */
import type { Store } from '../store/store.ts';
import { type AppInfo, provisionedRoleIds } from './app-info.ts';

/** One assignment that gives a user (or group) a role of the app: directly or through a group. */
export interface RoleAssignment {
  assignmentId: string;
  /** The app role's id, value and display name. */
  roleId: string;
  value: string | null;
  displayName: string;
  /** Who holds the assignment: the user itself, or a group it is a member of. */
  principalType: 'user' | 'group';
  principalId: string;
  /** The group's displayName when the assignment is a group's. */
  principalName: string | null;
}

export interface AssignmentScope {
  readonly all: boolean;
  /**
   * The provisioned assignments that reach the user: its own, its groups' (with flatten, also
   * the groups above them). Default Access is never among them. Entra's [appRoleAssignments].
   */
  assignmentsOf(userId: string): Promise<RoleAssignment[]>;
  /** The group's own provisioned assignments. */
  groupAssignments(groupId: string): RoleAssignment[];
  isUserAssigned(userId: string): Promise<boolean>;
  isGroupAssigned(groupId: string): boolean;
  /** Assigned groups whose membership decides a user's scope (with flatten: their subgroups too). */
  isScopeGroup(groupId: string): Promise<boolean>;
  /** Every user in scope through assignments, sorted (initial cycles of an "assigned" job). */
  assignedUserIds(): Promise<string[]>;
  assignedGroupIds(): string[];
}

export async function loadAssignmentScope(
  store: Pick<Store, 'directory'>,
  app: AppInfo,
  options: { all: boolean; flatten: boolean },
): Promise<AssignmentScope> {
  const provisioned = provisionedRoleIds(app);
  const assignments = (await store.directory.assignments.list({ appId: app.id })).filter((a) =>
    provisioned.has(a.roleId),
  );
  const users = new Set(
    assignments.filter((a) => a.principalType === 'user').map((a) => a.principalId),
  );
  const roles = new Map(app.roles.map((r) => [r.id, r]));
  const byPrincipal = new Map<string, RoleAssignment[]>();
  for (const a of assignments) {
    const role = roles.get(a.roleId);
    const list = byPrincipal.get(a.principalId) ?? [];
    list.push({
      assignmentId: a.id,
      roleId: a.roleId,
      value: role?.value ?? null,
      displayName: role?.displayName ?? a.roleId,
      principalType: a.principalType,
      principalId: a.principalId,
      principalName: null,
    });
    byPrincipal.set(a.principalId, list);
  }
  const groups = new Set(
    assignments.filter((a) => a.principalType === 'group').map((a) => a.principalId),
  );
  /** Group id → whether it is assigned or (with flatten) nested in an assigned group. */
  const reaches = new Map<string, boolean>();

  async function groupReaches(groupId: string, visiting = new Set<string>()): Promise<boolean> {
    if (groups.has(groupId)) return true;
    if (!options.flatten) return false;
    const known = reaches.get(groupId);
    if (known !== undefined) return known;
    if (visiting.has(groupId)) return false;
    visiting.add(groupId);
    let found = false;
    for (const parent of await store.directory.groups.memberOf(groupId)) {
      if (parent.deleted) continue;
      if (await groupReaches(parent.id, visiting)) {
        found = true;
        break;
      }
    }
    reaches.set(groupId, found);
    return found;
  }

  return {
    all: options.all,
    async assignmentsOf(userId) {
      const out = [...(byPrincipal.get(userId) ?? [])];
      const visited = new Set<string>();
      let pending = (await store.directory.groups.memberOf(userId)).filter((g) => !g.deleted);
      while (pending.length > 0) {
        const next: typeof pending = [];
        for (const group of pending) {
          if (visited.has(group.id)) continue;
          visited.add(group.id);
          for (const a of byPrincipal.get(group.id) ?? [])
            out.push({ ...a, principalName: group.displayName });
          if (options.flatten)
            next.push(
              ...(await store.directory.groups.memberOf(group.id)).filter((g) => !g.deleted),
            );
        }
        pending = next;
      }
      return out;
    },
    groupAssignments: (groupId) => byPrincipal.get(groupId) ?? [],
    async isUserAssigned(userId) {
      if (options.all || users.has(userId)) return true;
      for (const group of await store.directory.groups.memberOf(userId))
        if (!group.deleted && (await groupReaches(group.id))) return true;
      return false;
    },
    isGroupAssigned: (groupId) => options.all || groups.has(groupId),
    isScopeGroup: (groupId) => (options.all ? Promise.resolve(false) : groupReaches(groupId)),
    async assignedUserIds() {
      const ids = new Set(users);
      const visited = new Set<string>();
      let pending = [...groups];
      while (pending.length > 0) {
        const next: string[] = [];
        for (const groupId of pending) {
          if (visited.has(groupId)) continue;
          visited.add(groupId);
          const group = await store.directory.groups.get(groupId);
          if (!group || group.deleted) continue;
          for (const member of await store.directory.groups.members(groupId)) {
            if (member.type === 'user') ids.add(member.id);
            else if (options.flatten) next.push(member.id);
          }
        }
        pending = next;
      }
      return [...ids].sort();
    },
    assignedGroupIds: () => [...groups].sort(),
  };
}
