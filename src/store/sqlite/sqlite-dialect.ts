// SQLite specifics for the shared store code: error codes and JSON1 functions.
import { type RawBuilder, sql } from 'kysely';
import type { Dialect } from '../dialect.ts';
import { StoreError } from '../store-error.ts';

/** '$."emails"."value"': every key quoted so that `$ref` and URNs with ':' are safe. */
const jsonPath = (path: readonly string[]) =>
  `$${path.map((key) => `.${JSON.stringify(key)}`).join('')}`;

export const sqliteDialect: Dialect = {
  name: 'sqlite',
  oneStatementWrites: false,
  translateError(error) {
    const e = error as { code?: string; errcode?: number; message?: string };
    if (e?.code !== 'ERR_SQLITE_ERROR' || !/UNIQUE constraint failed/.test(e.message ?? ''))
      return undefined;
    if (/user_name_ci/.test(e.message ?? ''))
      return new StoreError('conflict', 'userName', 'userName is already taken');
    if (/tenants\.name/.test(e.message ?? ''))
      return new StoreError('conflict', 'tenant', 'tenant name is already taken');
    if (/tenant_admins/.test(e.message ?? ''))
      return new StoreError('conflict', 'admin', 'admin email is already taken');
    return new StoreError('conflict', 'unique', e.message ?? 'unique constraint failed');
  },
  jsonText: (json, path) => read.text(json, path),
  // SQLite's default BINARY collation compares UTF-8 bytes: code point order already.
  codePointOrder: (text) => text,
  lower: (text) => sql`scim_lower(${text})`,
  jsonHasValue: (json, path) =>
    sql`(COALESCE(json_type(${json}, ${jsonPath(path)}), 'null') <> 'null')`,
  jsonNumber: (json, path) =>
    sql`(CASE WHEN json_type(${json}, ${jsonPath(path)}) IN ('integer', 'real') THEN json_extract(${json}, ${jsonPath(path)}) END)`,
  jsonBoolean: (json, path) =>
    sql`(CASE json_type(${json}, ${jsonPath(path)}) WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END)`,
  instant: (text) => sql`julianday(${text})`,
  contains: (text, part) => sql`(instr(${text}, ${part}) > 0)`,
  startsWith: (text, part) => sql`(substr(${text}, 1, length(${part})) = ${part})`,
  // substr(x, -0) is all of x, so the empty suffix needs its own case.
  endsWith: (text, part) =>
    sql`(${text} IS NOT NULL AND (length(${part}) = 0 OR (length(${text}) >= length(${part}) AND substr(${text}, -length(${part})) = ${part})))`,
  eachElement: (json, path, alias) =>
    sql`json_each(${json}, ${jsonPath(path)}) AS ${sql.ref(alias)}`,
  elementValue(alias, sub, as) {
    const element = sql`${sql.ref(alias)}.value`;
    if (sub !== undefined) return read[as](element, [sub]);
    const type = sql`${sql.ref(alias)}.type`;
    if (as === 'number') return sql`(CASE WHEN ${type} IN ('integer', 'real') THEN ${element} END)`;
    if (as === 'boolean')
      return sql`(CASE ${type} WHEN 'true' THEN TRUE WHEN 'false' THEN FALSE END)`;
    return sql`(CASE WHEN ${type} = 'text' THEN ${element} END)`;
  },
  elementHasValue(alias, sub) {
    if (sub !== undefined) return sqliteDialect.jsonHasValue(sql`${sql.ref(alias)}.value`, [sub]);
    return sql`(${sql.ref(alias)}.type <> 'null')`;
  },
  pairsArray: (first, second, order) =>
    sql`json_group_array(json_array(${first}, ${second}) ORDER BY ${order})`,
};

const read = {
  text: (json: RawBuilder<unknown>, path: readonly string[]) =>
    sql`(CASE WHEN json_type(${json}, ${jsonPath(path)}) = 'text' THEN json_extract(${json}, ${jsonPath(path)}) END)`,
  number: (json: RawBuilder<unknown>, path: readonly string[]) =>
    sqliteDialect.jsonNumber(json, path),
  boolean: (json: RawBuilder<unknown>, path: readonly string[]) =>
    sqliteDialect.jsonBoolean(json, path),
};
