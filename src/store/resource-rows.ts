/**
 * A scim_resources row as the port's ResourceRecord, how a statement names one row by its
 * primary key, and the version check every conditional write shares: a write that matched no
 * row is either a missing resource or a stale version.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { ScimResource } from '../scim/index.ts';
import type { Database } from './database.ts';
import type { ResourceKind, ResourceRecord } from './store.ts';
import { StoreError } from './store-error.ts';

export type Executor = Kysely<Database> | Transaction<Database>;

/** The columns of a scim_resources row a ResourceRecord is made from. */
export type ResourceRow = Pick<
  Database['scim_resources'],
  'id' | 'kind' | 'data' | 'created' | 'last_modified' | 'version'
>;

export const toRecord = (row: ResourceRow): ResourceRecord => ({
  id: row.id,
  kind: row.kind as ResourceKind,
  // SQLite hands back the JSON text, PostgreSQL's driver an already parsed jsonb value.
  data: (typeof row.data === 'string' ? JSON.parse(row.data) : row.data) as ScimResource,
  created: row.created,
  lastModified: row.last_modified,
  version: Number(row.version),
});

/**
 * The `kind` condition of a statement that names one row of scim_resources by its primary key
 * (tenant_id, id): `kind || '' = $kind`, which no index can serve, so the key is the only index
 * the planner can pick. On a table without statistics (loaded a moment ago, before autovacuum's
 * first ANALYZE, or with autovacuum off) PostgreSQL estimates one row for `tenant_id = $1 AND
 * kind = $2` too, and its generic plan for a replace's UPDATE of 5,000 users chose
 * scim_resources_last_modified (tenant_id, kind, last_modified): every row of the tenant read
 * for each write. SQLite picks the key either way; the row found is checked the same.
 *
 * Example: db.updateTable('scim_resources').set(…).where('tenant_id', '=', t).where('id', '=', id).where(kindOfRow(kind))
 */
export const kindOfRow = (kind: string, column: 'kind' | 'r.kind' = 'kind') =>
  sql<boolean>`${sql.ref(column)} || '' = ${kind}`;

export const resourceColumns = [
  'id',
  'kind',
  'data',
  'created',
  'last_modified',
  'version',
] as const;

/**
 * Why a conditional write of `kind` `id` matched nothing: StoreError notFound when it does not
 * exist, conflict (subject `version`) when `ifVersion` is stale.
 */
export async function missedWrite(
  db: Executor,
  tenantId: string,
  kind: ResourceKind,
  id: string,
  ifVersion: number | undefined,
): Promise<StoreError> {
  const exists = await db
    .selectFrom('scim_resources')
    .select('version')
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where(kindOfRow(kind))
    .executeTakeFirst();
  if (!exists) return new StoreError('notFound', kind, `${kind} ${id} not found`);
  return new StoreError(
    'conflict',
    'version',
    `${kind} ${id} is at version ${exists.version}, not ${ifVersion}`,
  );
}
