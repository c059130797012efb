// What every query module of the shared store code is built from.
import type { Kysely } from 'kysely';
import type { Database } from './database.ts';
import type { Dialect } from './dialect.ts';
import type { ResourceRow } from './resource-rows.ts';

export interface StoreContext {
  db: Kysely<Database>;
  dialect: Dialect;
  /** The clock: ISO timestamps for created/lastModified (a parameter, so tests can fix it). */
  now: () => Date;
  newId: () => string;
  /**
   * SQLite only: runs a read statement synchronously on the connection, bypassing Kysely's
   * executor, or answers undefined when a transaction is open on it (then the caller goes
   * through Kysely, which waits for the transaction: a read never sees uncommitted rows).
   */
  readNow?: (sql: string, parameters: readonly unknown[]) => unknown[] | undefined;
  /**
   * PostgreSQL only: a replace that is only its version-checked UPDATE, batched with others
   * (postgres/batched-writes.ts); the row written, or undefined when it matched none.
   */
  replaceAlone?: (item: ReplaceAlone) => Promise<ResourceRow | undefined>;
  /**
   * PostgreSQL only: one new resource and its value rows, batched with other creates
   * (postgres/batched-writes.ts). Fails as the lone INSERT would (a taken userName).
   */
  createAlone?: (item: CreateAlone) => Promise<void>;
  /**
   * PostgreSQL only: a change that only adds, or only removes, a few members of a group,
   * unconditionally, batched with the like changes of its group (postgres/batched-writes.ts);
   * the group's row as it answers.
   */
  memberDelta?: (item: MemberDelta) => Promise<ResourceRow>;
}

/** Members one change adds to a group, or removes from it. */
export interface MemberDelta {
  tenantId: string;
  groupId: string;
  op: 'add' | 'remove';
  ids: readonly string[];
  lastModified: string;
}

/** One new resource: its scim_resources row and its scim_values rows. */
export interface CreateAlone {
  row: Database['scim_resources'];
  values: Database['scim_values'][];
}

/** What the UPDATE of a replace that is only its UPDATE sets and checks. */
export interface ReplaceAlone {
  tenantId: string;
  kind: string;
  id: string;
  /** The version the caller read; the row is written only while it still has it. */
  ifVersion: number;
  lastModified: string;
  /** The resource's JSON text. */
  data: string;
}

/** Runs `work`, turning native unique violations into StoreError conflicts. */
export async function translating<T>(context: StoreContext, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw context.dialect.translateError(error) ?? error;
  }
}
