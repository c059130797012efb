// PostgreSQL specifics for the shared store code: SQLSTATE codes and jsonb operators.
import { type RawBuilder, sql } from 'kysely';
import type { Dialect, ValueType } from '../dialect.ts';
import { StoreError } from '../store-error.ts';

type Sql = RawBuilder<unknown>;

/** `json #> '{a,b}'`: the jsonb value at a key path (keys passed as a text[] parameter). */
const at = (json: Sql, path: readonly string[]) =>
  path.length === 0 ? json : sql`(${json} #> ${path}::text[])`;

/** Reads a jsonb value as SQL text / numeric / boolean, NULL when it has another JSON type. */
function typed(value: Sql, as: ValueType): Sql {
  if (as === 'number')
    return sql`(CASE WHEN jsonb_typeof(${value}) = 'number' THEN (${value} #>> '{}')::numeric END)`;
  if (as === 'boolean')
    return sql`(CASE WHEN jsonb_typeof(${value}) = 'boolean' THEN (${value} #>> '{}')::boolean END)`;
  return sql`(CASE WHEN jsonb_typeof(${value}) = 'string' THEN ${value} #>> '{}' END)`;
}

const hasValue = (value: Sql) => sql`(COALESCE(jsonb_typeof(${value}), 'null') <> 'null')`;

const uniqueSubjects: Record<string, [string, string]> = {
  scim_resources_user_name: ['userName', 'userName is already taken'],
  tenants_name_key: ['tenant', 'tenant name is already taken'],
  tenant_admins_email: ['admin', 'admin email is already taken'],
};

export const postgresDialect: Dialect = {
  name: 'postgres',
  oneStatementWrites: true,
  translateError(error) {
    const e = error as { code?: string; constraint?: string; detail?: string };
    if (e?.code !== '23505') return undefined;
    const [subject, message] = uniqueSubjects[e.constraint ?? ''] ?? [
      'unique',
      e.detail ?? 'unique constraint failed',
    ];
    return new StoreError('conflict', subject, message);
  },
  jsonText: (json, path) => typed(at(json, path), 'text'),
  jsonHasValue: (json, path) => hasValue(at(json, path)),
  jsonNumber: (json, path) => typed(at(json, path), 'number'),
  jsonBoolean: (json, path) => typed(at(json, path), 'boolean'),
  codePointOrder: (text) => sql`(${text} COLLATE "C")`,
  lower: (text) => sql`lower(${text})`,
  instant: (text) => sql`(${text})::timestamptz`,
  contains: (text, part) => sql`(strpos(${text}, ${part}) > 0)`,
  startsWith: (text, part) => sql`(left(${text}, length(${part})) = ${part})`,
  endsWith: (text, part) => sql`(right(${text}, length(${part})) = ${part})`,
  eachElement: (json, path, alias) =>
    sql`jsonb_array_elements(CASE WHEN jsonb_typeof(${at(json, path)}) = 'array' THEN ${at(json, path)} ELSE '[]'::jsonb END) AS ${sql.ref(alias)}(value)`,
  elementValue: (alias, sub, as) =>
    typed(
      sub === undefined ? sql.ref(`${alias}.value`) : sql`(${sql.ref(`${alias}.value`)} -> ${sub})`,
      as,
    ),
  elementHasValue: (alias, sub) =>
    hasValue(
      sub === undefined ? sql.ref(`${alias}.value`) : sql`(${sql.ref(`${alias}.value`)} -> ${sub})`,
    ),
  pairsArray: (first, second, order) =>
    sql`COALESCE(json_agg(json_build_array(${first}, ${second}) ORDER BY ${order}), '[]'::json)`,
};
