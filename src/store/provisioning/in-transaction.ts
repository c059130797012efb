/**
 * Runs `work` in a transaction — or inside the one `db` already is, so that a query module's
 * batch write can join a larger unit (a cycle page's commit) without nesting transactions.
 *
 * Example: await inTransaction(db, async (trx) => { await trx.insertInto('prov_links')… });
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database.ts';

export function inTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? work(db) : db.transaction().execute(work);
}
