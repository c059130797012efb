/**
 * Assignments of users and groups to an enterprise app with an app role: who gets access, and
 * so who is provisioned. The legacy "Default Access" role (msiam_access) grants access but is
 * never provisioned, as the Wrike tutorial warns: such assignments are listed with
 * `provisioned: false` and left out of `provisioningScope`.
 *
 * Example: await assignments.assign('Wrike', { principalType: 'user', principal: 'ann@contoso.test', role: 'User' })
 */
import type {
  AssignmentRecord,
  DirectoryStore,
  EnterpriseAppRecord,
  PrincipalType,
} from '../store/store.ts';
import type { Apps } from './apps.ts';
import { DirectoryError } from './directory-error.ts';
import type { AppRole } from './gallery/template-schema.ts';
import type { Groups } from './groups.ts';
import { fromStore } from './store-errors.ts';
import type { Users } from './users.ts';

export interface AssignmentView {
  id: string;
  appId: string;
  appName: string;
  principalType: PrincipalType;
  principalId: string;
  principalDisplayName: string | null;
  roleId: string;
  roleDisplayName: string;
  /** False for roles excluded from provisioning ("Default Access"). */
  provisioned: boolean;
  created: string;
}

export interface AssignInput {
  principalType: PrincipalType;
  /** An object id; for users also a userPrincipalName, for groups also a displayName. */
  principal: string;
  /** A role id, value or displayName; default "User". */
  role?: string | undefined;
}

export interface AssignmentsDeps {
  store: DirectoryStore;
  apps: Apps;
  users: Users;
  groups: Groups;
}

/** True when assignments with this role are provisioned (false for msiam_access). */
export const isProvisionedRole = (role: AppRole): boolean =>
  role.provisioned && role.value !== 'msiam_access';

function findRole(roles: readonly AppRole[], ref: string): AppRole {
  const wanted = ref.toLowerCase();
  const role = roles.find(
    (r) =>
      r.id === ref || r.value.toLowerCase() === wanted || r.displayName.toLowerCase() === wanted,
  );
  if (!role)
    throw new DirectoryError(
      'invalid',
      `the app has no role ${JSON.stringify(ref)} (roles: ${roles.map((r) => r.displayName).join(', ')})`,
      'role',
    );
  return role;
}

export type Assignments = ReturnType<typeof createAssignments>;

export function createAssignments(deps: AssignmentsDeps) {
  const { store, apps, users, groups } = deps;

  type AppInfo = { name: string; roles: AppRole[] };
  const infoOf = (app: EnterpriseAppRecord): [string, AppInfo] => [
    app.id,
    { name: app.name, roles: apps.settingsOf(app).appRoles },
  ];

  async function views(
    records: AssignmentRecord[],
    info: Map<string, AppInfo>,
  ): Promise<AssignmentView[]> {
    const ids = records.map((r) => r.principalId);
    const names = new Map<string, string | null>();
    for (const u of await store.users.getMany(ids))
      names.set(u.id, u.data.displayName ?? u.data.userPrincipalName);
    for (const g of await store.groups.getMany(ids)) names.set(g.id, g.data.displayName);
    return records.map((r) => {
      const role = info.get(r.appId)?.roles.find((x) => x.id === r.roleId);
      return {
        id: r.id,
        appId: r.appId,
        appName: info.get(r.appId)?.name ?? r.appId,
        principalType: r.principalType,
        principalId: r.principalId,
        principalDisplayName: names.get(r.principalId) ?? null,
        roleId: r.roleId,
        roleDisplayName: role?.displayName ?? r.roleId,
        provisioned: role ? isProvisionedRole(role) : false,
        created: r.created,
      };
    });
  }

  return {
    async assign(appRef: string, input: AssignInput): Promise<AssignmentView> {
      const app = await apps.find(appRef);
      const roles = apps.settingsOf(app).appRoles;
      const role = findRole(roles, input.role ?? 'User');
      const principal =
        input.principalType === 'user'
          ? (await users.findLive(input.principal, 'principal')).id
          : (await groups.findLive(input.principal, 'principal')).id;
      if (!role.allowedMemberTypes.includes(input.principalType))
        throw new DirectoryError(
          'invalid',
          `role ${role.displayName} cannot be assigned to a ${input.principalType}`,
          'role',
        );
      const existing = (
        await store.assignments.list({ appId: app.id, principalId: principal })
      ).find((a) => a.roleId === role.id);
      if (existing)
        throw new DirectoryError(
          'conflict',
          `this ${input.principalType} already has role ${role.displayName} in ${app.name} (assignment ${existing.id})`,
          'principal',
        );
      const record = await fromStore(() =>
        store.assignments.create({
          appId: app.id,
          principalType: input.principalType,
          principalId: principal,
          roleId: role.id,
        }),
      );
      return (await views([record], new Map([infoOf(app)])))[0]!;
    },

    async list(appRef: string): Promise<AssignmentView[]> {
      const app = await apps.find(appRef);
      const records = await store.assignments.list({ appId: app.id });
      return views(records, new Map([infoOf(app)]));
    },

    /** Every app assignment of a user or group (named by object id). */
    async ofPrincipal(principalId: string): Promise<AssignmentView[]> {
      const records = await store.assignments.list({ principalId });
      const info = new Map<string, AppInfo>();
      for (const appId of new Set(records.map((r) => r.appId))) {
        const app = await store.apps.get(appId);
        if (app) info.set(...infoOf(app));
      }
      return views(records, info);
    },

    async unassign(appRef: string, assignmentId: string): Promise<void> {
      const app = await apps.find(appRef);
      const assignment = await store.assignments.get(assignmentId);
      if (!assignment || assignment.appId !== app.id)
        throw new DirectoryError(
          'notFound',
          `app ${app.name} has no assignment ${JSON.stringify(assignmentId)}`,
          'assignment',
        );
      await store.assignments.delete(assignment.id);
    },

    /**
     * Who the app provisions: the users and groups assigned with a provisioned role (not
     * "Default Access"), each once; `excluded` counts the assignments left out.
     */
    async provisioningScope(appRef: string) {
      const all = await this.list(appRef);
      const kept = all.filter((a) => a.provisioned);
      const ids = (type: PrincipalType) => [
        ...new Set(kept.filter((a) => a.principalType === type).map((a) => a.principalId)),
      ];
      return { users: ids('user'), groups: ids('group'), excluded: all.length - kept.length };
    },
  };
}
