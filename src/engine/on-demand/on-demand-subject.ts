/**
 * Who provision on demand is asked to provision: a user (by object id or userPrincipalName) or
 * a group (by object id or displayName), with — for a group — the members the target would
 * get (direct members, or with flattening every user below), at most five as in Entra
 * (provision-on-demand.md). Every refusal names the subject: unknown → notFound, a group too
 * large or a name shared by several groups → invalid, a type the job does not provision →
 * invalid.
 *
 * Example:
 *   await findSubject(store, { subject: 'Sales' }, { user: true, group: true }, false)
 *   → { type: 'group', record: { id: 'g1', … }, members: [{ type: 'user', record: … }, …] }
 */
import type {
  DirectoryGroupRecord,
  DirectoryUserRecord,
  ProvisioningObjectType,
  Store,
} from '../../store/store.ts';
import { ProvisioningError } from '../engine-error.ts';
import { memberIdsOf } from '../source-objects.ts';

/** The most members a group provisioned on demand may have (Entra's limit). */
export const maxOnDemandMembers = 5;

export interface OnDemandInput {
  /** An object id, a userPrincipalName or a group's displayName. */
  subject: string;
  objectType?: ProvisioningObjectType;
}

export interface SubjectObject {
  type: ProvisioningObjectType;
  record: DirectoryUserRecord | DirectoryGroupRecord;
}

export interface OnDemandSubject extends SubjectObject {
  /** A group's members by name (users and, unflattened, nested groups). */
  members: SubjectObject[];
}

type Directory = Pick<Store, 'directory'>['directory'];

async function findUser(directory: Directory, ref: string) {
  return (
    (await directory.users.get(ref)) ??
    (await directory.users.findBy('userPrincipalName', [ref]))[0]
  );
}

async function findGroup(directory: Directory, ref: string) {
  const byId = await directory.groups.get(ref);
  if (byId) return byId;
  const named = await directory.groups.findByDisplayName(ref);
  const live = named.filter((g) => g.deleted === null);
  const candidates = live.length > 0 ? live : named;
  if (candidates.length > 1)
    throw new ProvisioningError(
      'invalid',
      `${candidates.length} groups are named ${JSON.stringify(ref)}: give the group's object id`,
      'subject',
    );
  return candidates[0];
}

async function membersOf(
  directory: Directory,
  group: DirectoryGroupRecord,
  ids: readonly string[],
): Promise<SubjectObject[]> {
  const direct = new Map((await directory.groups.members(group.id)).map((m) => [m.id, m.type]));
  const userIds = ids.filter((id) => (direct.get(id) ?? 'user') === 'user');
  const groupIds = ids.filter((id) => direct.get(id) === 'group');
  const records = new Map<string, SubjectObject>();
  for (const record of await directory.users.getMany(userIds))
    records.set(record.id, { type: 'user', record });
  for (const record of await directory.groups.getMany(groupIds))
    records.set(record.id, { type: 'group', record });
  const name = (o: SubjectObject) =>
    o.type === 'user'
      ? (o.record as DirectoryUserRecord).data.userPrincipalName
      : (o.record as DirectoryGroupRecord).data.displayName;
  return [...records.values()].sort((a, b) =>
    name(a).toLowerCase() < name(b).toLowerCase() ? -1 : 1,
  );
}

/**
 * Resolves `input` against the directory; `provisions` says which object types the job's
 * mappings provision, `flatten` whether nested groups are flattened into their users.
 */
export async function findSubject(
  store: Pick<Store, 'directory'>,
  input: OnDemandInput,
  provisions: Readonly<Record<ProvisioningObjectType, boolean>>,
  flatten: boolean,
): Promise<OnDemandSubject> {
  const ref = input.subject.trim();
  if (ref === '')
    throw new ProvisioningError(
      'invalid',
      'subject is required: a user (object id or userPrincipalName) or a group (object id or displayName)',
      'subject',
    );
  const { directory } = store;
  const wantsUser = input.objectType !== 'group';
  const wantsGroup = input.objectType !== 'user';
  const user = wantsUser ? await findUser(directory, ref) : undefined;
  const group = !user && wantsGroup ? await findGroup(directory, ref) : undefined;
  if (!user && !group)
    throw new ProvisioningError(
      'notFound',
      `there is no ${
        input.objectType === 'user'
          ? 'user with object id or userPrincipalName'
          : input.objectType === 'group'
            ? 'group with object id or displayName'
            : 'user or group with object id, userPrincipalName or group displayName'
      } ${JSON.stringify(ref)} in the directory`,
      'subject',
    );
  const type: ProvisioningObjectType = user ? 'user' : 'group';
  if (!provisions[type])
    throw new ProvisioningError(
      'invalid',
      `this app's provisioning does not take ${type}s (no enabled ${type} mapping, or the target takes users only)`,
      'objectType',
    );
  if (user) return { type, record: user, members: [] };
  const record = group!;
  const ids = await memberIdsOf(store, record.id, flatten);
  if (ids.length > maxOnDemandMembers)
    throw new ProvisioningError(
      'invalid',
      `group ${JSON.stringify(record.data.displayName)} has ${ids.length} members; provision on demand takes a group of at most ${maxOnDemandMembers}`,
      'subject',
    );
  return { type, record, members: await membersOf(directory, record, ids) };
}
