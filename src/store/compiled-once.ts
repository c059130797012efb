/**
 * A query built and compiled by Kysely once, then run many times with new parameters: for the
 * hot reads (GET by id, a user's groups, token and tenant lookups) where building the query
 * tree on every request cost more than running it. Both dialects keep their own SQL text, since
 * the query is compiled by whichever Kysely instance runs it.
 *
 * With `readNow` (SQLite), the statement runs synchronously on the connection when no
 * transaction is open, without Kysely's connection hand-off.
 *
 * Example:
 *   const byId = compiledOnce(db, (id: string) => db.selectFrom('tenants').selectAll().where('id', '=', id));
 *   const rows = await byId(tenantId);
 */
import type { CompiledQuery, Kysely } from 'kysely';
import type { StoreContext } from './context.ts';
import type { Database } from './database.ts';

interface Compilable<Row> {
  compile(): CompiledQuery<Row>;
}

/** Arguments stand in as unique marker strings while the query is compiled. */
const marker = (i: number) => `\u0000roster-arg-${i}\u0000`;

export function compiledOnce<Args extends unknown[], Row>(
  db: Kysely<Database>,
  build: (...args: { [K in keyof Args]: string }) => Compilable<Row>,
  readNow?: StoreContext['readNow'],
): (...args: Args) => Promise<Row[]> {
  const make = compileOnce<Args, Row>(build);
  return (...args) => run(db, make(...args), readNow);
}

/**
 * The compiling half of compiledOnce, for statements run on a transaction
 * (`trx.executeQuery(make(...args))`): built on the first call, then only the parameters change.
 * The query's shape must not depend on the arguments' values.
 */
export function compileOnce<Args extends unknown[], Row>(
  build: (...args: { [K in keyof Args]: string }) => Compilable<Row>,
): (...args: Args) => CompiledQuery<Row> {
  let compiled: CompiledQuery<Row> | undefined;
  let slots: number[] = [];
  return (...args) => {
    if (!compiled) {
      const marks = args.map((_, i) => marker(i)) as { [K in keyof Args]: string };
      compiled = build(...marks).compile();
      slots = compiled.parameters.map((p) => (typeof p === 'string' ? marks.indexOf(p) : -1));
    }
    const fixed = compiled.parameters;
    const parameters = slots.map((slot, j) => (slot >= 0 ? args[slot] : fixed[j]));
    return { ...compiled, parameters };
  };
}

/**
 * compileOnce for statements of a few shapes (which columns a write sets, whether it checks a
 * version): one compiled statement per key, the dialect's name being part of the key.
 *
 * Example:
 *   const bumps = compiledPerShape<ResourceRow>();
 *   const make = bumps(`${dialect}|${checks}`, (tenantId, id, version) => db.updateTable(…));
 */
export function compiledPerShape<Row>() {
  const shapes = new Map<string, (...args: unknown[]) => CompiledQuery<Row>>();
  return (key: string, build: (...args: string[]) => Compilable<Row>) => {
    let make = shapes.get(key);
    if (!make) {
      make = compileOnce<unknown[], Row>(build);
      shapes.set(key, make);
    }
    return make;
  };
}

/**
 * Runs a read built per call (a list query, whose shape follows the filter): synchronously on
 * the SQLite connection when it can, else through Kysely, whose connection hand-off (mutex and
 * promise chain) was ~13% of a filtered GET's CPU on a loaded server.
 */
export function readRows<Row>(context: StoreContext, query: Compilable<Row>): Promise<Row[]> {
  return run(context.db, query.compile(), context.readNow);
}

async function run<Row>(
  db: Kysely<Database>,
  compiled: CompiledQuery<Row>,
  readNow: StoreContext['readNow'],
): Promise<Row[]> {
  const now = readNow?.(compiled.sql, compiled.parameters);
  if (now) return now as Row[];
  return (await db.executeQuery<Row>(compiled)).rows;
}
