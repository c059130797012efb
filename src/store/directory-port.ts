/**
 * The identity side's persistence port (re-exported from store.ts as `Store.directory`): the
 * directory's users and groups, enterprise apps and their assignments, identity admins and
 * their API tokens, and the change feed every directory write appends to in the same
 * transaction. One directory per Roster installation (the tutorial's Entra tenant).
 *
 * Example:
 *   const [ann] = await store.directory.users.create([{ userPrincipalName: 'ann@contoso.test', accountEnabled: true }]);
 *   await store.directory.changes.since(0, 100); // [{ sequence: 1, objectType: 'user', objectId: ann.id, kind: 'created', … }]
 */

/** The attributes Entra exposes to provisioning, as the directory stores them. */
export interface DirectoryUserData {
  userPrincipalName: string;
  accountEnabled: boolean;
  mail?: string;
  mailNickname?: string;
  givenName?: string;
  surname?: string;
  displayName?: string;
  jobTitle?: string;
  department?: string;
  employeeId?: string;
  /** The object id of the user's manager. */
  manager?: string;
  mobile?: string;
  telephoneNumber?: string;
  facsimileTelephoneNumber?: string;
  streetAddress?: string;
  city?: string;
  state?: string;
  postalCode?: string;
  country?: string;
  physicalDeliveryOfficeName?: string;
  preferredLanguage?: string;
  /** extensionAttribute1–15 and directory extensions (extension_<app>_<name>). */
  extensions?: Record<string, string | number | boolean>;
}

export interface DirectoryGroupData {
  displayName: string;
  securityEnabled: boolean;
  description?: string;
  mailNickname?: string;
}

interface Versioned {
  /** The immutable object id. */
  id: string;
  /** When it was soft-deleted (restorable until purged), or null. */
  deleted: string | null;
  created: string;
  lastModified: string;
  /** Increments on every write of the object (membership changes bump the group's). */
  version: number;
}

export interface DirectoryUserRecord extends Versioned {
  data: DirectoryUserData;
}

export interface DirectoryGroupRecord extends Versioned {
  data: DirectoryGroupData;
}

export type PrincipalType = 'user' | 'group';

export interface DirectoryMember {
  id: string;
  type: PrincipalType;
  displayName: string | null;
  /** True when the member is soft-deleted (its membership comes back on restore). */
  deleted: boolean;
}

/** Which objects a list shows: the live ones (default), the soft-deleted ones, or both. */
export type DeletedState = 'active' | 'deleted' | 'all';

export interface DirectoryListQuery {
  state?: DeletedState;
  /** Case-insensitive prefix of userPrincipalName, displayName or mail (groups: displayName). */
  search?: string;
  /** 1-based index of the first result. */
  startIndex: number;
  count: number;
}

export interface DirectoryPage<T> {
  totalResults: number;
  records: T[];
}

/** The user attributes a user can be looked up by (imports match on one of them). */
export type UserKey = 'userPrincipalName' | 'mail' | 'employeeId' | 'mailNickname';

export interface VersionedWrite<T> {
  id: string;
  data: T;
  /** Fails with StoreError conflict (subject `version`) when the stored version differs. */
  ifVersion?: number;
}

export interface DirectoryUserStore {
  /**
   * Inserts users in one transaction: all or none. A taken userPrincipalName (also by a
   * soft-deleted user) fails the batch with StoreError conflict, subject `userPrincipalName`.
   */
  create(users: readonly DirectoryUserData[]): Promise<DirectoryUserRecord[]>;
  /** Replaces the data of many users in one transaction; notFound when one is gone. */
  update(writes: readonly VersionedWrite<DirectoryUserData>[]): Promise<DirectoryUserRecord[]>;
  /** A user, soft-deleted or not. */
  get(id: string): Promise<DirectoryUserRecord | undefined>;
  getMany(ids: readonly string[]): Promise<DirectoryUserRecord[]>;
  /** Users whose `key` equals one of `values` (case-insensitively, except employeeId). */
  findBy(key: UserKey, values: readonly string[]): Promise<DirectoryUserRecord[]>;
  /** Ordered by userPrincipalName. */
  list(query: DirectoryListQuery): Promise<DirectoryPage<DirectoryUserRecord>>;
  /** Ordered by id, after `afterId`: for consumers that walk every user. */
  scan(
    afterId: string | undefined,
    limit: number,
    state?: DeletedState,
  ): Promise<DirectoryUserRecord[]>;
  /** Soft-deletes; undefined when there is no such user. Already deleted: returned unchanged. */
  softDelete(id: string): Promise<DirectoryUserRecord | undefined>;
  /** Undoes a soft delete; undefined when there is no such user. */
  restore(id: string): Promise<DirectoryUserRecord | undefined>;
  /**
   * Hard-deletes the user with its memberships and assignments, and clears it as the manager
   * of its reports. False when it did not exist.
   */
  purge(id: string): Promise<boolean>;
  /** Purges up to `limit` users soft-deleted at or before `cutoff`; returns their ids. */
  purgeDeletedBefore(cutoff: string, limit: number): Promise<string[]>;
}

export interface MemberChanges {
  add?: readonly string[];
  remove?: readonly string[];
}

export interface DirectoryGroupStore {
  create(group: DirectoryGroupData): Promise<DirectoryGroupRecord>;
  update(write: VersionedWrite<DirectoryGroupData>): Promise<DirectoryGroupRecord>;
  get(id: string): Promise<DirectoryGroupRecord | undefined>;
  getMany(ids: readonly string[]): Promise<DirectoryGroupRecord[]>;
  /** Groups (soft-deleted too) whose displayName equals `name` case-insensitively. */
  findByDisplayName(name: string): Promise<DirectoryGroupRecord[]>;
  /** Ordered by displayName, then id. */
  list(query: DirectoryListQuery): Promise<DirectoryPage<DirectoryGroupRecord>>;
  softDelete(id: string): Promise<DirectoryGroupRecord | undefined>;
  restore(id: string): Promise<DirectoryGroupRecord | undefined>;
  /** Hard-deletes the group, its memberships (both ways) and its assignments. */
  purge(id: string): Promise<boolean>;
  purgeDeletedBefore(cutoff: string, limit: number): Promise<string[]>;
  /** Direct members, users and groups, soft-deleted ones flagged. */
  members(groupId: string): Promise<DirectoryMember[]>;
  /** The groups that list `memberId` directly. */
  memberOf(memberId: string): Promise<DirectoryMember[]>;
  /**
   * Adds and removes direct members (user or group ids) as rows, bumping the group's version.
   * Returns the ids actually added and removed (no-ops left out, and not in the feed). Unknown
   * ids throw StoreError notFound (subject `member`); an unknown group, notFound `group`.
   */
  changeMembers(
    groupId: string,
    changes: MemberChanges,
  ): Promise<{ added: string[]; removed: string[] }>;
}

export interface EnterpriseAppRecord {
  id: string;
  /** Unique, compared case-insensitively. */
  name: string;
  templateId: string;
  /** The app's settings (roles, logo, provisioning defaults); the directory owns the shape. */
  data: Record<string, unknown>;
  created: string;
  lastModified: string;
  version: number;
}

export interface EnterpriseAppStore {
  /** StoreError conflict (subject `name`) when the name is taken. */
  create(app: {
    name: string;
    templateId: string;
    data: Record<string, unknown>;
  }): Promise<EnterpriseAppRecord>;
  get(id: string): Promise<EnterpriseAppRecord | undefined>;
  byName(name: string): Promise<EnterpriseAppRecord | undefined>;
  list(): Promise<EnterpriseAppRecord[]>;
  update(
    write: VersionedWrite<{ name: string; data: Record<string, unknown> }>,
  ): Promise<EnterpriseAppRecord>;
  /** Deletes the app and its assignments (each in the feed). False when it did not exist. */
  delete(id: string): Promise<boolean>;
}

export interface AssignmentRecord {
  id: string;
  appId: string;
  principalType: PrincipalType;
  principalId: string;
  roleId: string;
  created: string;
}

export interface AssignmentStore {
  /** StoreError conflict (subject `assignment`) when the principal already has the role. */
  create(assignment: Omit<AssignmentRecord, 'id' | 'created'>): Promise<AssignmentRecord>;
  get(id: string): Promise<AssignmentRecord | undefined>;
  /** By app, by principal, or both; ordered by created, then id. */
  list(filter: { appId?: string; principalId?: string }): Promise<AssignmentRecord[]>;
  delete(id: string): Promise<boolean>;
}

export type DirectoryObjectType = 'user' | 'group' | 'membership' | 'assignment';

export type DirectoryChangeKind =
  | 'created'
  | 'updated'
  | 'deleted'
  | 'restored'
  | 'purged'
  | 'added'
  | 'removed';

export interface DirectoryChange {
  /** Strictly increasing, without gaps, in commit order. */
  sequence: number;
  objectType: DirectoryObjectType;
  /** user/group: its id; membership: the group's id; assignment: the assignment's id. */
  objectId: string;
  kind: DirectoryChangeKind;
  at: string;
  /**
   * membership: { memberId, memberType }; assignment: { appId, principalId, principalType,
   * roleId }; otherwise null.
   */
  detail: Record<string, string> | null;
}

export interface ChangeFeedStore {
  /** Exactly the changes after `sequence`, in order, at most `limit`. */
  since(sequence: number, limit: number): Promise<DirectoryChange[]>;
  /** The last sequence number written (0 before any change). */
  head(): Promise<number>;
}

export interface IdentityAdmin {
  id: string;
  /** Lower-cased; unique. */
  email: string;
  displayName: string;
  role: string;
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: string | null;
  created: string;
}

export interface IdentityAdminStore {
  /** StoreError conflict (subject `email`) when the email is taken. */
  create(admin: {
    email: string;
    displayName: string;
    role: string;
    passwordHash: string;
  }): Promise<IdentityAdmin>;
  byEmail(email: string): Promise<IdentityAdmin | undefined>;
  byId(id: string): Promise<IdentityAdmin | undefined>;
  list(): Promise<IdentityAdmin[]>;
  recordAttempt(id: string, failedAttempts: number, lockedUntil: string | null): Promise<void>;
}

export interface IdentityToken {
  id: string;
  name: string;
  role: string;
  prefix: string;
  /** The admin who minted it, or null (the operator, the CLI). */
  createdBy: string | null;
  created: string;
  lastUsed: string | null;
  revoked: string | null;
}

export interface IdentityTokenStore {
  create(
    token: Omit<IdentityToken, 'id' | 'created' | 'lastUsed' | 'revoked'> & {
      hash: string;
    },
  ): Promise<IdentityToken>;
  /** The live (not revoked) token with this hash. */
  byHash(hash: string): Promise<IdentityToken | undefined>;
  list(): Promise<IdentityToken[]>;
  touch(id: string, at: string): Promise<void>;
  revoke(id: string): Promise<boolean>;
}

export interface DirectoryStore {
  users: DirectoryUserStore;
  groups: DirectoryGroupStore;
  apps: EnterpriseAppStore;
  assignments: AssignmentStore;
  changes: ChangeFeedStore;
  admins: IdentityAdminStore;
  tokens: IdentityTokenStore;
}
