/**
 * The identity side's admin API as the console uses it (the tutorial's Entra admin center):
 * admin sign-in, directory users and groups, the gallery, enterprise apps and assignments.
 * Shapes mirror src/api/identity-schemas.ts; the console imports nothing from the server.
 *
 * Example: const api = createIdentityApi(http); const page = await api.users({ search: 'ann' });
 */
import type { Page } from './app-api.ts';
import type { Http } from './http.ts';

export interface Me {
  kind: 'admin' | 'token' | 'operator';
  id: string;
  name: string;
  role: string;
  permissions: string[];
}

interface Deletion {
  deleted: string | null;
  restorableUntil: string | null;
  created: string;
  lastModified: string;
  version: number;
}

export type DirectoryUser = Deletion & {
  id: string;
  userPrincipalName: string;
  accountEnabled: boolean;
  manager?: string | null;
} & Partial<Record<UserTextField, string | null>>;

export const userTextFields = [
  'displayName',
  'givenName',
  'surname',
  'mail',
  'mailNickname',
  'jobTitle',
  'department',
  'employeeId',
  'mobile',
  'telephoneNumber',
  'city',
  'country',
  'preferredLanguage',
] as const;
export type UserTextField = (typeof userTextFields)[number];

export type DirectoryGroup = Deletion & {
  id: string;
  displayName: string;
  description: string | null;
  mailNickname: string | null;
  securityEnabled: boolean;
};

export interface Member {
  id: string;
  type: 'user' | 'group';
  displayName: string | null;
  deleted: boolean;
}

export interface Template {
  id: string;
  name: string;
  publisher: string;
  description: string;
  logo: string;
}

export interface AppRole {
  id: string;
  displayName: string;
  value: string;
  description?: string;
  allowedMemberTypes?: ('user' | 'group')[];
  provisioned?: boolean;
}

export interface EnterpriseApp {
  id: string;
  name: string;
  templateId: string;
  publisher?: string;
  description?: string;
  logo?: string;
  appRoles: AppRole[];
  created: string;
  lastModified: string;
}

export interface Assignment {
  id: string;
  appId: string;
  appName: string;
  principalType: 'user' | 'group';
  principalId: string;
  principalDisplayName: string | null;
  roleId: string;
  roleDisplayName: string;
  provisioned: boolean;
  created: string;
}

export interface DirectoryQuery {
  search?: string | undefined;
  state?: 'active' | 'deleted' | 'all';
  startIndex: number;
  count: number;
}

const id = (value: string) => encodeURIComponent(value);

type RawPage<K extends string, T> = Omit<Page<never>, 'items'> & Record<K, T[]>;

export function createIdentityApi(http: Http) {
  return {
    signIn: (email: string, password: string) =>
      http.post<{ email: string; role: string; expires: string }>('/identity/session', {
        email,
        password,
      }),
    signOut: () => http.delete('/identity/session'),
    me: () => http.get<Me>('/identity/me'),

    users: async (query: DirectoryQuery): Promise<Page<DirectoryUser>> => {
      const { users, ...page } = await http.get<RawPage<'users', DirectoryUser>>(
        '/directory/users',
        { ...query },
      );
      return { ...page, items: users };
    },
    user: (ref: string) => http.get<DirectoryUser>(`/directory/users/${id(ref)}`),
    addUser: (body: Record<string, unknown>) => http.post<DirectoryUser>('/directory/users', body),
    updateUser: (ref: string, body: Record<string, unknown>) =>
      http.patch<DirectoryUser>(`/directory/users/${id(ref)}`, body),
    deleteUser: (ref: string) => http.delete<DirectoryUser>(`/directory/users/${id(ref)}`),
    restoreUser: (ref: string) => http.post<DirectoryUser>(`/directory/users/${id(ref)}/restore`),
    memberOf: async (ref: string) =>
      (await http.get<{ groups: Member[] }>(`/directory/users/${id(ref)}/memberOf`)).groups,
    userAssignments: async (ref: string) =>
      (await http.get<{ assignments: Assignment[] }>(`/directory/users/${id(ref)}/assignments`))
        .assignments,

    groups: async (query: DirectoryQuery): Promise<Page<DirectoryGroup>> => {
      const { groups, ...page } = await http.get<RawPage<'groups', DirectoryGroup>>(
        '/directory/groups',
        { ...query },
      );
      return { ...page, items: groups };
    },
    group: (ref: string) => http.get<DirectoryGroup>(`/directory/groups/${id(ref)}`),
    addGroup: (body: Record<string, unknown>) =>
      http.post<DirectoryGroup>('/directory/groups', body),
    updateGroup: (ref: string, body: Record<string, unknown>) =>
      http.patch<DirectoryGroup>(`/directory/groups/${id(ref)}`, body),
    deleteGroup: (ref: string) => http.delete<DirectoryGroup>(`/directory/groups/${id(ref)}`),
    restoreGroup: (ref: string) =>
      http.post<DirectoryGroup>(`/directory/groups/${id(ref)}/restore`),
    members: async (ref: string) =>
      (await http.get<{ members: Member[] }>(`/directory/groups/${id(ref)}/members`)).members,
    addMembers: (ref: string, members: string[]) =>
      http.post<{ added: string[] }>(`/directory/groups/${id(ref)}/members`, { members }),
    removeMember: (ref: string, member: string) =>
      http.delete(`/directory/groups/${id(ref)}/members/${id(member)}`),

    gallery: async () => (await http.get<{ templates: Template[] }>('/gallery')).templates,
    apps: async () => (await http.get<{ apps: EnterpriseApp[] }>('/apps')).apps,
    app: (ref: string) => http.get<EnterpriseApp>(`/apps/${id(ref)}`),
    addApp: (template: string, name?: string) =>
      http.post<EnterpriseApp>('/apps', name ? { template, name } : { template }),
    deleteApp: (ref: string) => http.delete(`/apps/${id(ref)}`),
    roles: async (ref: string) =>
      (await http.get<{ roles: AppRole[] }>(`/apps/${id(ref)}/roles`)).roles,
    assignments: async (ref: string) =>
      (await http.get<{ assignments: Assignment[] }>(`/apps/${id(ref)}/assignments`)).assignments,
    assign: (
      ref: string,
      body: { principalType: 'user' | 'group'; principalId: string; role: string },
    ) => http.post<Assignment>(`/apps/${id(ref)}/assignments`, body),
    unassign: (ref: string, assignment: string) =>
      http.delete(`/apps/${id(ref)}/assignments/${id(assignment)}`),
  };
}

export type IdentityApi = ReturnType<typeof createIdentityApi>;
