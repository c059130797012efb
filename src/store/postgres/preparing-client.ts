/**
 * pg's Client, naming the statements a process runs again and again, so that PostgreSQL
 * parses and plans each one once per connection instead of on every request (an unnamed
 * extended-protocol query is parsed, analysed and planned each time it is sent).
 *
 * Which statements: a SELECT, INSERT, UPDATE, DELETE or WITH whose exact text has been sent
 * before by this process (Kysely keeps values out of the text, so a GET by id is one text for
 * every id), up to `maxNames` distinct texts per process; past that, texts run unnamed as
 * before, so a stream of ever-different filters cannot grow the server's memory without bound.
 * Each connection prepares a name the first time it uses it (pg tracks that per connection).
 * Kysely always passes a values array, `begin` and `commit` included; those stay unnamed.
 *
 * Measured (bench/run.ts scenarios on a 100,000-user tenant, 2 cores): GET by id 4,931 →
 * 11,747 req/s, filter by userName 4,919 → 11,107, PATCH of a user 1,688 → 2,526.
 *
 * A prepared statement's result columns are fixed: a migration that changes a table a
 * `select *` reads while this process runs fails that statement ("cached plan must not change
 * result type") until its connection is replaced. Roster migrates before it serves; run a
 * schema migration with the servers of the old version stopped.
 *
 * Example: new pg.Pool({ connectionString, Client: preparingClient() })
 */
import pg from 'pg';

const preparable = /^\s*(select|insert|update|delete|with)\b/i;

/**
 * The naming policy alone: the name to send `text` under, or undefined to send it unnamed.
 * Texts seen once are remembered among at most 10 × `maxNames` of them, then forgotten
 * together, so texts that never repeat cannot grow the map without bound either.
 */
export function statementNames(maxNames: number): (text: string) => string | undefined {
  /** Text → its statement name once named, else how many times it was sent. */
  const texts = new Map<string, string | number>();
  let named = 0;
  let once = 0;
  return (text) => {
    const seen = texts.get(text);
    if (typeof seen === 'string') return seen;
    // Past the cap nothing new is named, nor counted.
    if (named >= maxNames || !preparable.test(text)) return undefined;
    if (seen === undefined) {
      if (++once > 10 * maxNames) {
        for (const [key, value] of texts) if (typeof value === 'number') texts.delete(key);
        once = 1;
      }
      texts.set(text, 1);
      return undefined;
    }
    once--;
    const name = `roster_${++named}`;
    texts.set(text, name);
    return name;
  };
}

export function preparingClient(maxNames = 1000): typeof pg.Client {
  const nameFor = statementNames(maxNames);
  class PreparingClient extends pg.Client {
    // pg's overloads; only query(text, values) — what Kysely sends — is rewritten.
    override query(...args: unknown[]): never {
      const [text, values, ...rest] = args;
      const name = typeof text === 'string' && Array.isArray(values) ? nameFor(text) : undefined;
      const call = super.query as (...a: unknown[]) => never;
      return name === undefined
        ? call.apply(this, args)
        : call.call(this, { name, text, values }, ...rest);
    }
  }
  return PreparingClient;
}
