/**
 * Creating, reading, replacing and deleting SCIM resources, with their index rows kept in the
 * same transaction. The resource JSON is stored whole; the indexed columns and scim_values
 * rows are derived from it on every write.
 */
import type { Kysely, Transaction } from 'kysely';
import type { ResourceSchema, ScimResource } from '../scim/index.ts';
import { type StoreContext, translating } from './context.ts';
import type { Database } from './database.ts';
import { indexedValues } from './indexed-values.ts';
import type { ResourceKind, ResourceRecord } from './store.ts';
import { StoreError } from './store-error.ts';

type Executor = Kysely<Database> | Transaction<Database>;

export const toRecord = (
  row: Pick<
    Database['scim_resources'],
    'id' | 'kind' | 'data' | 'created' | 'last_modified' | 'version'
  >,
): ResourceRecord => ({
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

async function writeValues(
  db: Executor,
  tenantId: string,
  id: string,
  values: ReturnType<typeof indexedValues>['values'],
) {
  await db
    .deleteFrom('scim_values')
    .where('tenant_id', '=', tenantId)
    .where('resource_id', '=', id)
    .execute();
  for (let i = 0; i < values.length; i += 200) {
    const rows = values.slice(i, i + 200).map((v) => ({
      tenant_id: tenantId,
      resource_id: id,
      attr: v.attr,
      value: v.value,
      value_ci: v.valueCi,
    }));
    await db.insertInto('scim_values').values(rows).execute();
  }
}

function newRow(
  context: StoreContext,
  tenantId: string,
  kind: ResourceKind,
  data: ScimResource,
  schema: ResourceSchema,
  now: string,
) {
  const index = indexedValues(data, schema);
  const row = {
    tenant_id: tenantId,
    id: context.newId(),
    kind,
    user_name_ci: kind === 'User' ? index.userNameCi : null,
    external_id: index.externalId,
    display_name: index.displayName,
    display_name_ci: index.displayNameCi,
    created: now,
    last_modified: now,
    version: 1,
    data: JSON.stringify(data),
  };
  return { row, values: index.values };
}

export async function createResource(
  context: StoreContext,
  tenantId: string,
  kind: ResourceKind,
  data: ScimResource,
  schema: ResourceSchema,
): Promise<ResourceRecord> {
  const [record] = await createResources(context, tenantId, kind, [data], schema);
  return record!;
}

/**
 * Inserts many resources in one transaction with multi-row statements: all or none (a taken
 * userName fails the whole batch with StoreError conflict).
 */
export async function createResources(
  context: StoreContext,
  tenantId: string,
  kind: ResourceKind,
  data: readonly ScimResource[],
  schema: ResourceSchema,
): Promise<ResourceRecord[]> {
  const now = context.now().toISOString();
  const built = data.map((item) => newRow(context, tenantId, kind, item, schema, now));
  const values = built.flatMap(({ row, values }) =>
    values.map((v) => ({
      tenant_id: tenantId,
      resource_id: row.id,
      attr: v.attr,
      value: v.value,
      value_ci: v.valueCi,
    })),
  );
  await translating(context, () =>
    context.db.transaction().execute(async (trx) => {
      for (let i = 0; i < built.length; i += 500) {
        await trx
          .insertInto('scim_resources')
          .values(built.slice(i, i + 500).map((b) => b.row))
          .execute();
      }
      for (let i = 0; i < values.length; i += 1000) {
        await trx
          .insertInto('scim_values')
          .values(values.slice(i, i + 1000))
          .execute();
      }
    }),
  );
  return built.map((b) => toRecord(b.row));
}

export async function getResource(
  context: StoreContext,
  tenantId: string,
  kind: ResourceKind,
  id: string,
) {
  const row = await context.db
    .selectFrom('scim_resources')
    .select(resourceColumns)
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return row && toRecord(row);
}

export async function replaceResource(
  context: StoreContext,
  tenantId: string,
  kind: ResourceKind,
  id: string,
  data: ScimResource,
  schema: ResourceSchema,
  ifVersion?: number,
): Promise<ResourceRecord> {
  const now = context.now().toISOString();
  const index = indexedValues(data, schema);
  return translating(context, () =>
    context.db.transaction().execute(async (trx) => {
      let update = trx
        .updateTable('scim_resources')
        .set((eb) => ({
          user_name_ci: kind === 'User' ? index.userNameCi : null,
          external_id: index.externalId,
          display_name: index.displayName,
          display_name_ci: index.displayNameCi,
          last_modified: now,
          version: eb('version', '+', 1),
          data: JSON.stringify(data),
        }))
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where('kind', '=', kind);
      if (ifVersion !== undefined) update = update.where('version', '=', ifVersion);
      const row = await update.returning(resourceColumns).executeTakeFirst();
      if (!row) {
        const exists = await trx
          .selectFrom('scim_resources')
          .select('version')
          .where('tenant_id', '=', tenantId)
          .where('id', '=', id)
          .where('kind', '=', kind)
          .executeTakeFirst();
        if (!exists) throw new StoreError('notFound', kind, `${kind} ${id} not found`);
        throw new StoreError(
          'conflict',
          'version',
          `${kind} ${id} is at version ${exists.version}, not ${ifVersion}`,
        );
      }
      await writeValues(trx, tenantId, id, index.values);
      return toRecord(row);
    }),
  );
}

export async function deleteResource(
  context: StoreContext,
  tenantId: string,
  kind: ResourceKind,
  id: string,
): Promise<boolean> {
  const now = context.now().toISOString();
  return context.db.transaction().execute(async (trx) => {
    const gone = await trx
      .deleteFrom('scim_resources')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('kind', '=', kind)
      .executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) return false;
    // Groups that listed it change too: their version moves so ETags stay honest.
    await trx
      .updateTable('scim_resources')
      .set((eb) => ({ version: eb('version', '+', 1), last_modified: now }))
      .where('tenant_id', '=', tenantId)
      .where(
        'id',
        'in',
        trx
          .selectFrom('scim_members')
          .select('group_id')
          .where('tenant_id', '=', tenantId)
          .where('member_id', '=', id),
      )
      .execute();
    await trx
      .deleteFrom('scim_members')
      .where('tenant_id', '=', tenantId)
      .where((eb) => eb.or([eb('member_id', '=', id), eb('group_id', '=', id)]))
      .execute();
    await trx
      .deleteFrom('scim_values')
      .where('tenant_id', '=', tenantId)
      .where('resource_id', '=', id)
      .execute();
    return true;
  });
}
