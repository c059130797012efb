/**
 * Creating, reading, replacing and deleting SCIM resources, with their index rows kept in the
 * same transaction. The resource JSON is stored whole; the indexed columns and scim_values
 * rows are derived from it on every write.
 */

import type { ResourceSchema, ScimResource } from '../scim/index.ts';
import { compiledOnce, compiledPerShape } from './compiled-once.ts';
import { type StoreContext, translating } from './context.ts';
import { type IndexedColumnValues, type IndexedValue, indexedValues } from './indexed-values.ts';
import { insertMany } from './insert-many.ts';
import { writeMemberRows } from './member-rows.ts';
import {
  type Executor,
  kindOfRow,
  missedWrite,
  type ResourceRow,
  resourceColumns,
  toRecord,
} from './resource-rows.ts';
import type { MemberChange, ResourceKind, ResourceRecord } from './store.ts';

/** The read of a resource's scim_values rows, compiled once per dialect. */
const valueReads = compiledPerShape<{ attr: string; value: string; value_ci: string }>();

/** The rows of scim_values as one comparable text (order-insensitive). */
const valuesText = (rows: readonly { attr: string; value: string }[]) =>
  rows
    .map((r) => `${r.attr}\u0000${r.value}`)
    .sort()
    .join('\u0001');

/** Rewrites a resource's scim_values rows, unless the rows read there already are `values`. */
async function writeValues(
  context: StoreContext,
  db: Executor,
  tenantId: string,
  id: string,
  values: readonly IndexedValue[],
) {
  const read = valueReads(context.dialect.name, (tenant, resource) =>
    context.db
      .selectFrom('scim_values')
      .select(['attr', 'value', 'value_ci'])
      .where('tenant_id', '=', tenant!)
      .where('resource_id', '=', resource!),
  );
  const current = (await db.executeQuery(read(tenantId, id))).rows;
  // A PATCH of `title` leaves emails alone: reading the rows is cheaper than rewriting them.
  if (current.length === values.length && valuesText(current) === valuesText(values)) return;
  await rewriteValues(db, tenantId, id, values);
}

/** Replaces a resource's scim_values rows with `values`. */
async function rewriteValues(
  db: Executor,
  tenantId: string,
  id: string,
  values: readonly IndexedValue[],
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
    ...indexedColumns(kind, index),
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
  const { createAlone } = context;
  if (createAlone && built.length === 1 && values.length <= 1000)
    // One resource on PostgreSQL: its row and value rows in a statement shared with the other
    // creates of the moment (postgres/batched-writes.ts), atomic without BEGIN and COMMIT.
    await translating(context, () => createAlone({ row: built[0]!.row, values }));
  else
    await translating(context, () =>
      context.db.transaction().execute(async (trx) => {
        const dialect = context.dialect.name;
        await insertMany(
          trx,
          dialect,
          'resources',
          built.map((b) => b.row),
          (db, rows) => db.insertInto('scim_resources').values(rows as never),
        );
        await insertMany(
          trx,
          dialect,
          'values',
          values,
          (db, rows) => db.insertInto('scim_values').values(rows as never),
          1000,
        );
      }),
    );
  // The rows as written; `data` is the caller's object, not a parse of the text just written.
  return built.map(({ row }, i) => ({
    id: row.id,
    kind,
    data: data[i]!,
    created: row.created,
    lastModified: row.last_modified,
    version: row.version,
  }));
}

/** GET by id, compiled once per store: the hottest read of the SCIM endpoint. */
export function createGetResource(context: StoreContext) {
  const query = compiledOnce(
    context.db,
    (tenantId: string, id: string, kind: string) =>
      context.db
        .selectFrom('scim_resources')
        .select(resourceColumns)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', id)
        .where(kindOfRow(kind)),

    context.readNow,
  );
  return async (tenantId: string, kind: ResourceKind, id: string) => {
    const [row] = await query(tenantId, id, kind);
    return row && toRecord(row);
  };
}

/**
 * The UPDATE of a replace for one shape (which indexed columns it sets; with or without a
 * version check), compiled once per dialect: Kysely's building and compiling was ~8% of a
 * PATCH's CPU. Arguments: the columns' values, last_modified, data, tenant, id, kind[, version].
 */
const updates = compiledPerShape<ResourceRow>();
function updateStatement(
  context: StoreContext,
  names: readonly (keyof IndexedColumns)[],
  checksVersion: boolean,
) {
  const shape = `${context.dialect.name}|${names.join(',')}|${checksVersion}`;
  return updates(shape, (...args) => {
    const [lastModified, data, tenantId, id, kind, version] = args.slice(names.length);
    const set = Object.fromEntries(names.map((name, i) => [name, args[i]]));
    let update = context.db
      .updateTable('scim_resources')
      .set((eb) => ({
        ...set,
        last_modified: lastModified!,
        version: eb('version', '+', 1),
        data: data!,
      }))
      .where('tenant_id', '=', tenantId!)
      .where('id', '=', id!)
      .where(kindOfRow(kind!));
    if (checksVersion) update = update.where('version', '=', version as unknown as number);
    return update.returning(resourceColumns);
  });
}

type IndexedColumns = ReturnType<typeof indexedColumns>;

/** The indexed columns of scim_resources, as written for `data`. */
function indexedColumns(kind: ResourceKind, index: IndexedColumnValues) {
  return {
    user_name_ci: kind === 'User' ? index.userNameCi : null,
    external_id: index.externalId,
    display_name: index.displayName,
    display_name_ci: index.displayNameCi,
  };
}

export async function replaceResource(
  context: StoreContext,
  tenantId: string,
  kind: ResourceKind,
  id: string,
  data: ScimResource,
  schema: ResourceSchema,
  options: { ifVersion?: number; members?: MemberChange; previous?: ScimResource } = {},
): Promise<ResourceRecord> {
  const { ifVersion, members, previous } = options;
  const now = context.now().toISOString();
  const index = indexedValues(data, schema);
  const columns: Partial<IndexedColumns> = indexedColumns(kind, index);
  // The version check below guarantees the row, and the scim_values rows written with it,
  // still hold what `previous` says: both are derived from it, as every write derives them.
  const known = previous && ifVersion !== undefined ? indexedValues(previous, schema) : undefined;
  if (known) {
    const before = indexedColumns(kind, known);
    for (const name of Object.keys(before) as (keyof typeof before)[])
      if (before[name] === columns[name]) delete columns[name];
  }
  const names = Object.keys(columns) as (keyof IndexedColumns)[];
  const update = updateStatement(context, names, ifVersion !== undefined);
  const values = names.map((name) => columns[name]);
  const where = [tenantId, id, kind, ...(ifVersion === undefined ? [] : [ifVersion])];
  const sameValues = known !== undefined && valuesText(known.values) === valuesText(index.values);
  const memberRows = members !== undefined && kind === 'Group';
  const updated = async (db: Executor) => {
    const compiled = update(...values, now, JSON.stringify(data), ...where);
    const [row] = (await db.executeQuery(compiled)).rows;
    if (!row) throw await missedWrite(db, tenantId, kind, id, ifVersion);
    return row;
  };
  // The UPDATE alone (a PATCH of `title`): one statement, atomic without a transaction; on
  // PostgreSQL shared with the other replaces of its kind when it sets no indexed column.
  const { replaceAlone } = context;
  if (sameValues && replaceAlone && names.length === 0 && ifVersion !== undefined && !memberRows) {
    const item = { tenantId, kind, id, ifVersion, lastModified: now, data: JSON.stringify(data) };
    const row = await replaceAlone(item);
    if (!row) throw await missedWrite(context.db, tenantId, kind, id, ifVersion);
    return toRecord(row);
  }
  if (sameValues && !memberRows && context.dialect.oneStatementWrites)
    return translating(context, async () => toRecord(await updated(context.db)));
  return translating(context, () =>
    context.db.transaction().execute(async (trx) => {
      const row = await updated(trx);
      // Known rows are rewritten only when they differ; unknown ones are read and compared.
      if (!known) await writeValues(context, trx, tenantId, id, index.values);
      else if (!sameValues) await rewriteValues(trx, tenantId, id, index.values);
      // A group's data and member deltas in one transaction: a PATCH applies whole or not at all.
      if (memberRows) await writeMemberRows(trx, context.dialect.name, tenantId, id, members);
      return toRecord(row);
    }),
  );
}

export async function deleteResource(
  context: StoreContext,
  tenantId: string,
  kind: ResourceKind,
  id: string,
  ifVersion?: number,
): Promise<boolean> {
  const now = context.now().toISOString();
  return context.db.transaction().execute(async (trx) => {
    let remove = trx
      .deleteFrom('scim_resources')
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where(kindOfRow(kind));
    if (ifVersion !== undefined) remove = remove.where('version', '=', ifVersion);
    const gone = await remove.executeTakeFirst();
    if (Number(gone.numDeletedRows) === 0) {
      if (ifVersion === undefined) return false;
      const why = await missedWrite(trx, tenantId, kind, id, ifVersion);
      if (why.kind === 'notFound') return false;
      throw why;
    }
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
