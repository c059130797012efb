/**
 * A scim_resources row as the port's ResourceRecord, and the version check every conditional
 * write shares: a write that matched no row is either a missing resource or a stale version.
 */
import type { Kysely, Transaction } from 'kysely';
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
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (!exists) return new StoreError('notFound', kind, `${kind} ${id} not found`);
  return new StoreError(
    'conflict',
    'version',
    `${kind} ${id} is at version ${exists.version}, not ${ifVersion}`,
  );
}
