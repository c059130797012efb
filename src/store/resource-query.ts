/**
 * List queries (RFC 7644 §3.4.2): filter, sort and page in the database. Sorting is over the
 * whole result set; `startIndex`/`count` page by offset; RFC 9865 cursors page by keyset on
 * (sort key, id), so a page stays correct while resources are added or removed.
 *
 * Example: queryResources(context, tenantId, 'User', users, { filter, startIndex: 1, count: 100 })
 */
import { type RawBuilder, sql } from 'kysely';
import {
  badRequest,
  quote,
  type ResolvedAttribute,
  type ResourceSchema,
  resolveSortBy,
} from '../scim/index.ts';
import { compiledOnce, readRows } from './compiled-once.ts';
import type { StoreContext } from './context.ts';
import { compileFilterSql } from './filter-sql.ts';
import { foldUserName } from './indexed-values.ts';
import { groupsColumn, groupsOfRow } from './member-queries.ts';
import { type ResourceRow, resourceColumns, toRecord } from './resource-rows.ts';
import type { ResourceKind, ResourcePage, ResourceQuery } from './store.ts';

type Sql = RawBuilder<unknown>;

/** The SQL value a resource sorts by: an indexed column, or a value read from its JSON. */
function sortKey(context: StoreContext, kind: ResourceKind, at: ResolvedAttribute): Sql {
  const { dialect } = context;
  const data = sql.ref('r.data');
  if (at.inCore && at.sub === undefined) {
    if (at.name === 'id') return sql.ref('r.id');
    if (at.name === 'externalId') return sql.ref('r.external_id');
    if (at.name === 'userName' && kind === 'User') return sql.ref('r.user_name_ci');
    if (at.name === 'displayName') return sql.ref('r.display_name_ci');
  }
  if (at.inCore && at.name === 'meta') {
    if (at.subAttr === 'created') return sql.ref('r.created');
    if (at.subAttr === 'lastModified') return sql.ref('r.last_modified');
    return sql`NULL`;
  }
  const definition = at.sub ?? at.attribute;
  const as =
    definition.type === 'boolean'
      ? 'boolean'
      : definition.type === 'integer' || definition.type === 'decimal'
        ? 'number'
        : 'text';
  const fold = (value: Sql) =>
    as !== 'text'
      ? value
      : dialect.codePointOrder(definition.caseExact ? value : dialect.lower(value));
  const path = at.inCore ? [at.name] : [at.schema, at.name];
  if (!at.attribute.multiValued) {
    const full = at.subAttr === undefined ? path : [...path, at.subAttr];
    const value =
      as === 'number'
        ? dialect.jsonNumber(data, full)
        : as === 'boolean'
          ? dialect.jsonBoolean(data, full)
          : dialect.jsonText(data, full);
    return fold(value);
  }
  // RFC 7644 §3.4.2.3: a multi-valued attribute sorts by its primary value, else its first.
  const element = (alias: string) => fold(dialect.elementValue(alias, at.subAttr, as));
  const primary = sql`(SELECT ${element('sp')} FROM ${dialect.eachElement(data, path, 'sp')} WHERE ${dialect.elementValue('sp', 'primary', 'boolean')} = TRUE LIMIT 1)`;
  const first = sql`(SELECT ${element('sf')} FROM ${dialect.eachElement(data, path, 'sf')} LIMIT 1)`;
  return sql`COALESCE(${primary}, ${first})`;
}

interface Cursor {
  key: unknown;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.key, cursor.id]), 'utf8').toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const [key, id] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as [
      unknown,
      unknown,
    ];
    if (
      typeof id === 'string' &&
      (key === null || ['string', 'number', 'boolean'].includes(typeof key))
    )
      return { key, id };
  } catch {
    // fall through to the error below
  }
  throw badRequest('invalidCursor', `The cursor ${quote(text)} is not one this server issued`);
}

/** Rows strictly after `cursor` in the order (key IS NULL, key, id) — NULL keys sort last. */
function after(key: Sql, cursor: Cursor, descending: boolean): Sql {
  const id = sql.ref('r.id');
  const cmp = sql.raw(descending ? '<' : '>');
  if (cursor.key === null) {
    return descending
      ? sql`((${key} IS NULL AND ${id} < ${cursor.id}) OR ${key} IS NOT NULL)`
      : sql`(${key} IS NULL AND ${id} > ${cursor.id})`;
  }
  const value =
    typeof cursor.key === 'boolean' ? (cursor.key ? sql`TRUE` : sql`FALSE`) : sql`${cursor.key}`;
  const beyond = sql`(${key} IS NOT NULL AND (${key} ${cmp} ${value} OR (${key} = ${value} AND ${id} ${cmp} ${cursor.id})))`;
  return descending ? beyond : sql`(${beyond} OR ${key} IS NULL)`;
}

/** True when the filter is `userName eq <value>` on Users: at most one row can match. */
function uniqueMatch(kind: ResourceKind, schema: ResourceSchema, query: ResourceQuery): boolean {
  const filter = query.filter;
  if (kind !== 'User' || filter?.kind !== 'compare' || filter.op !== 'eq') return false;
  if (filter.value === null || filter.path.subAttr !== undefined) return false;
  const at = schema.resolve(filter.path);
  return at?.inCore === true && at.name === 'userName' && at.sub === undefined;
}

/**
 * The folded name when the filter is `userName eq "<string>"` on Users, the lookup Entra and
 * Okta send before every create, folded as user_name_ci is.
 */
export function userNameLookup(
  kind: ResourceKind,
  schema: ResourceSchema,
  query: ResourceQuery,
): string | undefined {
  const filter = query.filter;
  if (query.cursor !== undefined || !uniqueMatch(kind, schema, query)) return undefined;
  return filter?.kind === 'compare' && typeof filter.value === 'string'
    ? foldUserName(filter.value)
    : undefined;
}

/**
 * List queries of one store. The userName lookup runs a statement compiled once (Kysely's
 * building and compiling was ~10% of the lookup's CPU); every other query is built per call.
 */
export function createQueryResources(context: StoreContext) {
  const lookup = (tenantId: string, userNameCi: string) =>
    context.db
      .selectFrom('scim_resources as r')
      .select(resourceColumns.map((c) => `r.${c}` as const))
      .where('r.tenant_id', '=', tenantId)
      .where('r.kind', '=', 'User')
      .where('r.user_name_ci', '=', userNameCi);
  const byUserName = compiledOnce(context.db, lookup, context.readNow);
  const byUserNameWithGroups = compiledOnce(
    context.db,
    (tenantId: string, userNameCi: string) =>
      lookup(tenantId, userNameCi).select(groupsColumn(context)),
    context.readNow,
  );
  return async (
    tenantId: string,
    kind: ResourceKind,
    schema: ResourceSchema,
    query: ResourceQuery,
  ): Promise<ResourcePage> => {
    const userNameCi = userNameLookup(kind, schema, query);
    if (userNameCi === undefined) return queryResources(context, tenantId, kind, schema, query);
    if (!withGroups(kind, query)) return onePage(query, await byUserName(tenantId, userNameCi));
    return onePage(query, await byUserNameWithGroups(tenantId, userNameCi));
  };
}

const withGroups = (kind: ResourceKind, query: ResourceQuery) =>
  kind === 'User' && query.withGroups === true;

/** The page of a lookup that matches at most one row (no count query needed). */
function onePage(query: ResourceQuery, rows: (ResourceRow & { groups?: unknown })[]) {
  return pageOf(query, rows.length, lookupSlice(query, rows));
}

/** What startIndex and count leave of a lookup's (at most one) matches. */
export const lookupSlice = <T>(query: ResourceQuery, matches: T[]): T[] => {
  const from = query.startIndex - 1;
  return matches.slice(from, from + Math.max(0, query.count));
};

/** A page of `rows`, with their groups when the query asked for them. */
function pageOf(
  query: ResourceQuery,
  totalResults: number,
  rows: (ResourceRow & { groups?: unknown })[],
): ResourcePage {
  const result: ResourcePage = { totalResults, records: rows.map(toRecord) };
  if (query.withGroups && rows.every((row) => row.groups !== undefined))
    result.groups = new Map(rows.map((row) => [row.id, groupsOfRow(row)]));
  return result;
}

async function queryResources(
  context: StoreContext,
  tenantId: string,
  kind: ResourceKind,
  schema: ResourceSchema,
  query: ResourceQuery,
): Promise<ResourcePage> {
  const { db } = context;
  const where = query.filter
    ? compileFilterSql(query.filter, { schema, kind, tenantId, dialect: context.dialect })
    : sql`TRUE`;
  const key = query.sortBy
    ? sortKey(context, kind, resolveSortBy(schema, query.sortBy))
    : sql.ref('r.created');
  const descending = query.sortBy !== undefined && query.sortOrder === 'descending';
  const base = db
    .selectFrom('scim_resources as r')
    .where('r.tenant_id', '=', tenantId)
    .where('r.kind', '=', kind)
    .where(() => where as RawBuilder<boolean>);

  if (query.cursor === undefined && uniqueMatch(kind, schema, query)) {
    // userName is unique in a tenant: one query, no count (Entra's lookup before every create).
    const select = base.select(resourceColumns.map((c) => `r.${c}` as const)).limit(2);
    return onePage(query, await readRows(context, select));
  }
  const [counted] = await readRows(
    context,
    base.select((eb) => eb.fn.countAll<number | string | bigint>().as('n')),
  );
  const totalResults = Number(counted!.n);
  if (query.count <= 0) return { totalResults, records: [] };

  const direction = sql.raw(descending ? 'DESC' : 'ASC');
  let page = base
    .select(resourceColumns.map((c) => `r.${c}` as const))
    .select(() => (key as RawBuilder<unknown>).as('sort_key'))
    .orderBy(sql`(${key} IS NULL)`, descending ? 'desc' : 'asc')
    .orderBy(sql`${key} ${direction}`)
    .orderBy(sql`r.id ${direction}`)
    .limit(query.count + (query.cursor !== undefined ? 1 : 0))
    .$if(withGroups(kind, query), (select) => select.select(groupsColumn(context)));
  if (query.cursor !== undefined && query.cursor !== '') {
    const cursor = decodeCursor(query.cursor);
    page = page.where(() => after(key, cursor, descending) as RawBuilder<boolean>);
  } else if (query.cursor === undefined && query.startIndex > 1) {
    page = page.offset(query.startIndex - 1);
  }
  const rows = await readRows(context, page);
  if (query.cursor === undefined) return pageOf(query, totalResults, rows);
  const more = rows.length > query.count;
  const shown = more ? rows.slice(0, query.count) : rows;
  const result = pageOf(query, totalResults, shown);
  const last = shown.at(-1);
  if (more && last)
    result.nextCursor = encodeCursor({ key: normaliseKey(last.sort_key), id: last.id });
  return result;
}

const normaliseKey = (value: unknown): unknown =>
  value === undefined ? null : typeof value === 'bigint' ? Number(value) : value;
