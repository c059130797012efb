/**
 * Multi-row INSERTs without Kysely building and compiling the statement each time: the
 * statement for n rows of one shape is compiled once per dialect (marker values stand in for
 * the row values, as in compiled-once.ts) and then run with the rows' values. For the bulk
 * writes — a /Bulk's users and their indexed values, a group's new member rows, provisioning log
 * entries — where Kysely's builder (its value parser, tree and freezing) cost ~1.7 s of the
 * app side's ~24 s busy in the 100,000-user Bulk provisioning bench.
 *
 * Every row must have the same keys in the same order (the callers build them with one mapper).
 *
 * Example:
 *   await insertMany(trx, 'sqlite', 'scim_values', rows, (db, marked) =>
 *     db.insertInto('scim_values').values(marked));
 */
import { CompiledQuery, type Kysely } from 'kysely';
import type { Database } from './database.ts';

interface Compilable {
  compile(): CompiledQuery<unknown>;
}

type Row = Record<string, unknown>;

interface Statement {
  sql: string;
  /** For each parameter: [row, column] of its value, or undefined for a fixed one. */
  slots: ([number, number] | undefined)[];
  fixed: readonly unknown[];
}

const statements = new Map<string, Statement>();
const marker = (row: number, column: number) => `\u0000roster-row-${row}-${column}\u0000`;

function statementFor(
  db: Kysely<Database>,
  key: string,
  columns: readonly string[],
  n: number,
  build: (db: Kysely<Database>, rows: Row[]) => Compilable,
): Statement {
  const cached = statements.get(key);
  if (cached) return cached;
  const marked = Array.from({ length: n }, (_, r) =>
    Object.fromEntries(columns.map((column, c) => [column, marker(r, c)])),
  );
  const compiled = build(db, marked).compile();
  const where = new Map<string, [number, number]>();
  for (let r = 0; r < n; r++)
    for (let c = 0; c < columns.length; c++) where.set(marker(r, c), [r, c]);
  const statement: Statement = {
    sql: compiled.sql,
    slots: compiled.parameters.map((p) => (typeof p === 'string' ? where.get(p) : undefined)),
    fixed: compiled.parameters,
  };
  // Bounded: a few shapes, each at a few row counts (full chunks and the remainders).
  if (statements.size > 2000) statements.clear();
  statements.set(key, statement);
  return statement;
}

/** Inserts `rows` in statements of at most `perStatement` rows, each compiled once per shape. */
export async function insertMany(
  db: Kysely<Database>,
  dialect: string,
  shape: string,
  rows: readonly Row[],
  build: (db: Kysely<Database>, rows: Row[]) => Compilable,
  perStatement = 500,
): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]!);
  for (let start = 0; start < rows.length; start += perStatement) {
    const part = rows.slice(start, start + perStatement);
    const key = `${dialect}\u0000${shape}\u0000${columns.join(',')}\u0000${part.length}`;
    const { sql, slots, fixed } = statementFor(db, key, columns, part.length, build);
    const parameters = slots.map((slot, i) =>
      slot ? part[slot[0]]![columns[slot[1]]!] : fixed[i],
    );
    await db.executeQuery(CompiledQuery.raw(sql, parameters));
  }
}
