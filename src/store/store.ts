/**
 * The persistence port: what the app side (and later the identity side) needs from a database,
 * implemented once over Kysely for SQLite (`sqlite/`) and PostgreSQL (`postgres/`).
 * Every method is tenant-scoped; no call can reach another tenant's rows.
 *
 * Example:
 *   const user = await store.resources.create(tenantId, 'User', { schemas, userName: 'bjensen' });
 *   await store.resources.changeMembers(tenantId, groupId, { add: [user.id] });
 */
import type { AttrPath, FilterNode, ResourceSchema, ScimResource } from '../scim/index.ts';

export type * from './cycle-work-port.ts';
export type * from './directory-port.ts';
export { sharedDelta } from './member-delta.ts';
export type * from './provisioning-port.ts';
export { isStoreError, StoreError, type StoreErrorKind } from './store-error.ts';

export type ResourceKind = 'User' | 'Group';

export interface Tenant {
  id: string;
  name: string;
  /** The app profile: what this tenant's SCIM endpoint accepts (see scim-server profiles). */
  profile: Record<string, unknown>;
  created: string;
}

export interface TenantAdmin {
  id: string;
  tenantId: string;
  email: string;
  passwordHash: string;
  failedAttempts: number;
  lockedUntil: string | null;
  created: string;
}

export interface ApiToken {
  id: string;
  tenantId: string;
  /** The first characters of the secret, shown in lists so an admin can tell tokens apart. */
  prefix: string;
  created: string;
  lastUsed: string | null;
  revoked: string | null;
}

/** A stored SCIM resource. `data` holds everything but id, meta, members and groups. */
export interface ResourceRecord {
  id: string;
  kind: ResourceKind;
  data: ScimResource;
  created: string;
  lastModified: string;
  /** Increments on every write of the resource, members included; meta.version is W/"<version>". */
  version: number;
}

export interface ResourceQuery {
  filter?: FilterNode;
  sortBy?: AttrPath;
  sortOrder?: 'ascending' | 'descending';
  /** 1-based index of the first result (RFC 7644 §3.4.2.4). Ignored when `cursor` is given. */
  startIndex: number;
  count: number;
  /** RFC 9865: '' asks for the first page by cursor; otherwise a cursor the store returned. */
  cursor?: string;
  /** Users: read each user's groups with it, into ResourcePage.groups (one query, not 1 + n). */
  withGroups?: boolean;
}

export interface ResourcePage {
  totalResults: number;
  records: ResourceRecord[];
  /** With cursor paging: the cursor of the next page, absent on the last one. */
  nextCursor?: string;
  /** With `withGroups`: each record's groups, by id. */
  groups?: Map<string, MemberRecord[]>;
}

export interface MemberRecord {
  value: string;
  type: ResourceKind;
  display?: string;
}

export interface MemberChange {
  add?: readonly string[];
  remove?: readonly string[];
  /** Remove every member first (PATCH remove `members`, or replace `members`). */
  removeAll?: boolean;
}

export interface ResourceStore {
  /** Inserts a new resource. Throws StoreError conflict (subject `userName`) on a taken userName. */
  create(
    tenantId: string,
    kind: ResourceKind,
    data: ScimResource,
    schema: ResourceSchema,
  ): Promise<ResourceRecord>;
  /**
   * Inserts many resources in one transaction (imports, seeding): all or none; a taken
   * userName fails the whole batch with StoreError conflict.
   */
  createMany(
    tenantId: string,
    kind: ResourceKind,
    data: readonly ScimResource[],
    schema: ResourceSchema,
  ): Promise<ResourceRecord[]>;
  /**
   * Which of `userNamesCi` (userNames folded with toLowerCase) are taken by users of the tenant:
   * lets a batch of creates give a duplicate its own conflict instead of failing the batch.
   */
  takenUserNames(tenantId: string, userNamesCi: readonly string[]): Promise<Set<string>>;
  get(tenantId: string, kind: ResourceKind, id: string): Promise<ResourceRecord | undefined>;
  /**
   * Replaces `data`. With `ifVersion`, fails with StoreError conflict (subject `version`) when the
   * stored version differs. Throws notFound when the resource is gone.
   */
  replace(
    tenantId: string,
    kind: ResourceKind,
    id: string,
    data: ScimResource,
    schema: ResourceSchema,
    ifVersion?: number,
    /** A Group's member deltas, written in the same transaction as its data. */
    members?: MemberChange,
    /**
     * The data stored at `ifVersion`, when the caller read it: the indexed columns whose values
     * did not change are then left alone (rewriting their index entries tripled a PATCH's
     * commit on SQLite). Ignored without `ifVersion`.
     */
    previous?: ScimResource,
  ): Promise<ResourceRecord>;
  /**
   * Deletes the resource and every membership row that names it. False when it did not exist;
   * with `ifVersion`, StoreError conflict (subject `version`) when the stored version differs.
   */
  delete(tenantId: string, kind: ResourceKind, id: string, ifVersion?: number): Promise<boolean>;
  /** Filter, sort and page in the database. */
  query(
    tenantId: string,
    kind: ResourceKind,
    schema: ResourceSchema,
    query: ResourceQuery,
  ): Promise<ResourcePage>;
  /** The group's members; never loaded unless asked for. */
  members(tenantId: string, groupId: string): Promise<MemberRecord[]>;
  /**
   * Applies member deltas as row inserts/deletes (cost independent of the group's size) and bumps
   * the group's version. Unknown member ids throw StoreError notFound (subject `member`).
   */
  changeMembers(
    tenantId: string,
    groupId: string,
    change: MemberChange,
    ifVersion?: number,
  ): Promise<ResourceRecord>;
  /** The groups that list `memberId` directly (a user's derived `groups`). */
  groupsOf(tenantId: string, memberId: string): Promise<MemberRecord[]>;
  /** A User with its derived `groups`, in one read: what GET /Users/{id} answers with. */
  getUserWithGroups(tenantId: string, id: string): Promise<UserWithGroups | undefined>;
}

export interface UserWithGroups {
  record: ResourceRecord;
  groups: MemberRecord[];
}

export interface TenantStore {
  create(name: string, profile: Record<string, unknown>): Promise<Tenant>;
  byName(name: string): Promise<Tenant | undefined>;
  byId(id: string): Promise<Tenant | undefined>;
  list(): Promise<Tenant[]>;
  setProfile(id: string, profile: Record<string, unknown>): Promise<void>;
}

export interface AdminStore {
  create(tenantId: string, email: string, passwordHash: string): Promise<TenantAdmin>;
  byEmail(tenantId: string, email: string): Promise<TenantAdmin | undefined>;
  list(tenantId: string): Promise<TenantAdmin[]>;
  /** Records a failed or successful sign-in (failed attempts drive the slow-down). */
  recordAttempt(id: string, failedAttempts: number, lockedUntil: string | null): Promise<void>;
}

export interface TokenStore {
  create(tenantId: string, prefix: string, hash: string): Promise<ApiToken>;
  /** The live (not revoked) token with this hash. */
  byHash(hash: string): Promise<ApiToken | undefined>;
  list(tenantId: string): Promise<ApiToken[]>;
  touch(id: string, at: string): Promise<void>;
  revoke(tenantId: string, id: string): Promise<boolean>;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  tenants: TenantStore;
  admins: AdminStore;
  tokens: TokenStore;
  resources: ResourceStore;
  /** The identity side: directory, apps, assignments, change feed, identity admins. */
  directory: import('./directory-port.ts').DirectoryStore;
  /** The provisioning engine: jobs, links, cycles, provisioning logs, escrows. */
  provisioning: import('./provisioning-port.ts').ProvisioningStore;
  close(): Promise<void>;
}
