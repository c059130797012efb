/**
 * The directory's change feed: every write appends its changes inside its own transaction,
 * numbered from a one-row counter that is bumped as the transaction's last statement. On
 * PostgreSQL the counter's row lock is held until commit, so a later number is only handed
 * out after every earlier one has committed: sequence order is commit order, and a reader of
 * "changes after N" can never see N+2 while N+1 is still to come. SQLite runs one writer at a
 * time, which gives the same order.
 *
 * Example: await appendChanges(trx, now, [{ objectType: 'user', objectId: id, kind: 'created' }]);
 */
import type { Kysely, Transaction } from 'kysely';
import type { StoreContext } from '../context.ts';
import type { Database } from '../database.ts';
import type {
  ChangeFeedStore,
  DirectoryChange,
  DirectoryChangeKind,
  DirectoryObjectType,
} from '../directory-port.ts';

export type Executor = Kysely<Database> | Transaction<Database>;

export interface ChangeEntry {
  objectType: DirectoryObjectType;
  objectId: string;
  kind: DirectoryChangeKind;
  detail?: Record<string, string>;
}

/** Appends `entries` in order; call it last in the transaction (it serialises writers). */
export async function appendChanges(
  trx: Transaction<Database>,
  at: string,
  entries: readonly ChangeEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  const counter = await trx
    .updateTable('dir_change_counter')
    .set((eb) => ({ last_sequence: eb('last_sequence', '+', entries.length) }))
    .where('id', '=', 1)
    .returning('last_sequence')
    .executeTakeFirstOrThrow();
  const first = Number(counter.last_sequence) - entries.length + 1;
  const rows = entries.map((entry, i) => ({
    sequence: first + i,
    object_type: entry.objectType,
    object_id: entry.objectId,
    kind: entry.kind,
    at,
    detail: entry.detail ? JSON.stringify(entry.detail) : null,
  }));
  for (let i = 0; i < rows.length; i += 1000)
    await trx
      .insertInto('dir_changes')
      .values(rows.slice(i, i + 1000))
      .execute();
}

/** JSON columns: SQLite hands back text, PostgreSQL's driver parsed jsonb. */
export const parseJson = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;

const toChange = (row: Database['dir_changes']): DirectoryChange => ({
  sequence: Number(row.sequence),
  objectType: row.object_type as DirectoryObjectType,
  objectId: row.object_id,
  kind: row.kind as DirectoryChangeKind,
  at: row.at,
  detail: row.detail === null ? null : parseJson<Record<string, string>>(row.detail),
});

export function createChangeFeedStore(context: StoreContext): ChangeFeedStore {
  const { db } = context;
  return {
    async since(sequence, limit) {
      const rows = await db
        .selectFrom('dir_changes')
        .selectAll()
        .where('sequence', '>', sequence)
        .orderBy('sequence')
        .limit(limit)
        .execute();
      return rows.map(toChange);
    },
    async head() {
      const row = await db
        .selectFrom('dir_change_counter')
        .select('last_sequence')
        .where('id', '=', 1)
        .executeTakeFirstOrThrow();
      return Number(row.last_sequence);
    },
  };
}

export const chunk = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};
