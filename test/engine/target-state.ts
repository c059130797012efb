// The target state a provisioning job should reach, computed from the directory (the app's
// assigned users — directly or as members of assigned groups — and assigned groups, with
// their manager and members by name), and the state a target holds, in the same shape (ids
// turned into userNames). Shared by the fault and crash suites: equal means converged.
import type { ScimResource } from '../../src/scim/index.ts';
import type { Store } from '../../src/store/store.ts';

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export interface TargetState {
  users: Record<string, unknown>[];
  groups: { displayName: unknown; members: string[] }[];
}

const byName = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  String(a.userName ?? a.displayName) < String(b.userName ?? b.displayName) ? -1 : 1;

/** `disabled`: userPrincipalNames provisioned before and now out of scope (active false). */
export async function expectedTargetState(
  store: Pick<Store, 'directory'>,
  appId: string,
  disabled: readonly string[] = [],
): Promise<TargetState> {
  const d = store.directory;
  const upnOf = new Map<string, string>();
  for (const user of (await d.users.list({ state: 'all', startIndex: 1, count: 10_000 })).records)
    upnOf.set(user.id, user.data.userPrincipalName);
  const userIds = new Set<string>();
  const groups: TargetState['groups'] = [];
  for (const a of await d.assignments.list({ appId })) {
    if (a.principalType === 'user') {
      userIds.add(a.principalId);
      continue;
    }
    const group = (await d.groups.get(a.principalId))!;
    const members = await d.groups.members(group.id);
    for (const m of members) if (m.type === 'user') userIds.add(m.id);
    groups.push({
      displayName: group.data.displayName,
      members: members.map((m) => upnOf.get(m.id) ?? m.id).sort(),
    });
  }
  const wanted = [
    ...userIds,
    ...[...upnOf].filter(([, upn]) => disabled.includes(upn)).map(([id]) => id),
  ];
  const users = (await d.users.getMany(wanted)).map((user) => ({
    userName: user.data.userPrincipalName,
    displayName: user.data.displayName ?? null,
    title: user.data.jobTitle ?? null,
    active:
      user.data.accountEnabled &&
      user.deleted === null &&
      !disabled.includes(user.data.userPrincipalName),
    manager: user.data.manager ? (upnOf.get(user.data.manager) ?? null) : null,
  }));
  return { users: users.sort(byName), groups: groups.sort(byName) };
}

export function actualTargetState(
  users: readonly ScimResource[],
  groups: readonly ScimResource[],
): TargetState {
  const nameOf = new Map(users.map((u) => [String(u.id), String(u.userName)]));
  const shown = users.map((u) => ({
    userName: u.userName,
    displayName: u.displayName ?? null,
    title: u.title ?? null,
    active: u.active,
    manager:
      nameOf.get(
        String((u[enterprise] as { manager?: { value?: string } } | undefined)?.manager?.value),
      ) ?? null,
  }));
  const listed = groups.map((g) => ({
    displayName: g.displayName,
    members: ((g.members as { value: string }[] | undefined) ?? [])
      .map((m) => nameOf.get(m.value) ?? `unknown ${m.value}`)
      .sort(),
  }));
  return { users: shown.sort(byName), groups: listed.sort(byName) };
}
