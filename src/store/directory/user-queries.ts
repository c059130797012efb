/**
 * Directory users: the whole attribute set as JSON, plus the columns users are found, sorted
 * and deduplicated by (userPrincipalName, mail, mailNickname, employeeId, manager). Every write
 * appends its change to the feed in the same transaction.
 */
import type { ExpressionBuilder, Transaction } from 'kysely';
import type { StoreContext } from '../context.ts';
import type { Database } from '../database.ts';
import type {
  DeletedState,
  DirectoryUserData,
  DirectoryUserRecord,
  DirectoryUserStore,
  UserKey,
} from '../directory-port.ts';
import { StoreError } from '../store-error.ts';
import { appendChanges, type ChangeEntry, chunk, parseJson } from './change-feed.ts';
import { detachEverywhere } from './detach.ts';
import { translatingDirectory } from './unique-errors.ts';

type Row = Database['dir_users'];

export const toUser = (row: Row): DirectoryUserRecord => ({
  id: row.id,
  data: parseJson<DirectoryUserData>(row.data),
  deleted: row.deleted,
  created: row.created,
  lastModified: row.last_modified,
  version: Number(row.version),
});

const lower = (value: string | undefined) => (value === undefined ? null : value.toLowerCase());

function columns(data: DirectoryUserData) {
  return {
    upn_ci: data.userPrincipalName.toLowerCase(),
    mail_ci: lower(data.mail),
    mail_nickname_ci: lower(data.mailNickname),
    employee_id: data.employeeId ?? null,
    display_name_ci: lower(data.displayName),
    manager_id: data.manager ?? null,
    account_enabled: data.accountEnabled ? 1 : 0,
    data: JSON.stringify(data),
  };
}

const keyColumn = {
  userPrincipalName: 'upn_ci',
  mail: 'mail_ci',
  mailNickname: 'mail_nickname_ci',
  employeeId: 'employee_id',
} as const satisfies Record<UserKey, keyof Row>;

/** The live, deleted or all rows. */
export function whereState<T extends 'dir_users' | 'dir_groups'>(
  eb: ExpressionBuilder<Database, T>,
  state: DeletedState | undefined,
) {
  const deleted = eb.ref('deleted' as never);
  if (state === 'deleted') return eb(deleted, 'is not', null);
  if (state === 'all') return eb.lit(true);
  return eb(deleted, 'is', null);
}

/** Text starting with `prefix`, as an index-friendly range (code-point order in both databases). */
export const prefixRange = (prefix: string): [string, string] => [prefix, `${prefix}\u{10FFFF}`];

async function updateOne(
  trx: Transaction<Database>,
  id: string,
  set: Partial<Row>,
  now: string,
  ifVersion?: number,
): Promise<Row> {
  let update = trx
    .updateTable('dir_users')
    .set((eb) => ({ ...set, last_modified: now, version: eb('version', '+', 1) }))
    .where('id', '=', id);
  if (ifVersion !== undefined) update = update.where('version', '=', ifVersion);
  const row = await update.returningAll().executeTakeFirst();
  if (row) return row;
  const exists = await trx
    .selectFrom('dir_users')
    .select('version')
    .where('id', '=', id)
    .executeTakeFirst();
  if (!exists) throw new StoreError('notFound', 'user', `there is no user with id ${id}`);
  throw new StoreError(
    'conflict',
    'version',
    `user ${id} is at version ${exists.version}, not ${ifVersion}`,
  );
}

export function createDirectoryUserStore(context: StoreContext): DirectoryUserStore {
  const { db } = context;
  const now = () => context.now().toISOString();

  async function purge(id: string): Promise<boolean> {
    const at = now();
    return db.transaction().execute(async (trx) => {
      const gone = await trx.deleteFrom('dir_users').where('id', '=', id).executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) return false;
      const changes: ChangeEntry[] = await detachEverywhere(trx, id, at);
      const reports = await trx
        .selectFrom('dir_users')
        .selectAll()
        .where('manager_id', '=', id)
        .execute();
      for (const report of reports) {
        const { manager: _gone, ...data } = parseJson<DirectoryUserData>(report.data);
        await updateOne(trx, report.id, columns(data), at);
        changes.push({ objectType: 'user', objectId: report.id, kind: 'updated' });
      }
      changes.push({ objectType: 'user', objectId: id, kind: 'purged' });
      await appendChanges(trx, at, changes);
      return true;
    });
  }

  return {
    async create(users) {
      const at = now();
      const rows: Row[] = users.map((data) => ({
        id: context.newId(),
        ...columns(data),
        deleted: null,
        created: at,
        last_modified: at,
        version: 1,
      }));
      await translatingDirectory(context, () =>
        db.transaction().execute(async (trx) => {
          for (const part of chunk(rows, 400))
            await trx.insertInto('dir_users').values(part).execute();
          await appendChanges(
            trx,
            at,
            rows.map((row) => ({ objectType: 'user', objectId: row.id, kind: 'created' })),
          );
        }),
      );
      return rows.map(toUser);
    },

    async update(writes) {
      const at = now();
      return translatingDirectory(context, () =>
        db.transaction().execute(async (trx) => {
          const rows: Row[] = [];
          for (const write of writes)
            rows.push(await updateOne(trx, write.id, columns(write.data), at, write.ifVersion));
          await appendChanges(
            trx,
            at,
            rows.map((row) => ({ objectType: 'user', objectId: row.id, kind: 'updated' })),
          );
          return rows.map(toUser);
        }),
      );
    },

    async get(id) {
      const row = await db
        .selectFrom('dir_users')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toUser(row);
    },

    async getMany(ids) {
      const out: DirectoryUserRecord[] = [];
      for (const part of chunk([...new Set(ids)], 500)) {
        const rows = await db.selectFrom('dir_users').selectAll().where('id', 'in', part).execute();
        out.push(...rows.map(toUser));
      }
      return out;
    },

    async findBy(key, values) {
      const column = keyColumn[key];
      const wanted = [...new Set(values.map((v) => (key === 'employeeId' ? v : v.toLowerCase())))];
      const out: DirectoryUserRecord[] = [];
      for (const part of chunk(wanted, 500)) {
        const rows = await db
          .selectFrom('dir_users')
          .selectAll()
          .where(column, 'in', part)
          .execute();
        out.push(...rows.map(toUser));
      }
      return out;
    },

    async list(query) {
      let base = db.selectFrom('dir_users').where((eb) => whereState(eb, query.state));
      if (query.search) {
        const [from, to] = prefixRange(query.search.toLowerCase());
        base = base.where((eb) =>
          eb.or(
            (['upn_ci', 'display_name_ci', 'mail_ci'] as const).map((column) =>
              eb.and([eb(column, '>=', from), eb(column, '<', to)]),
            ),
          ),
        );
      }
      const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const rows = await base
        .selectAll()
        .orderBy('upn_ci')
        .offset(query.startIndex - 1)
        .limit(query.count)
        .execute();
      return { totalResults: Number(total.n), records: rows.map(toUser) };
    },

    async scan(afterId, limit, state) {
      let select = db
        .selectFrom('dir_users')
        .selectAll()
        .where((eb) => whereState(eb, state));
      if (afterId !== undefined) select = select.where('id', '>', afterId);
      return (await select.orderBy('id').limit(limit).execute()).map(toUser);
    },

    async softDelete(id) {
      const at = now();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('dir_users')
          .set((eb) => ({ deleted: at, last_modified: at, version: eb('version', '+', 1) }))
          .where('id', '=', id)
          .where('deleted', 'is', null)
          .returningAll()
          .executeTakeFirst();
        if (!row) {
          const existing = await trx
            .selectFrom('dir_users')
            .selectAll()
            .where('id', '=', id)
            .executeTakeFirst();
          return existing && toUser(existing);
        }
        await appendChanges(trx, at, [{ objectType: 'user', objectId: id, kind: 'deleted' }]);
        return toUser(row);
      });
    },

    async restore(id) {
      const at = now();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('dir_users')
          .set((eb) => ({ deleted: null, last_modified: at, version: eb('version', '+', 1) }))
          .where('id', '=', id)
          .where('deleted', 'is not', null)
          .returningAll()
          .executeTakeFirst();
        if (!row) {
          const existing = await trx
            .selectFrom('dir_users')
            .selectAll()
            .where('id', '=', id)
            .executeTakeFirst();
          return existing && toUser(existing);
        }
        await appendChanges(trx, at, [{ objectType: 'user', objectId: id, kind: 'restored' }]);
        return toUser(row);
      });
    },

    purge,

    async purgeDeletedBefore(cutoff, limit) {
      const rows = await db
        .selectFrom('dir_users')
        .select('id')
        .where('deleted', 'is not', null)
        .where('deleted', '<=', cutoff)
        .orderBy('deleted')
        .limit(limit)
        .execute();
      const purged: string[] = [];
      for (const { id } of rows) if (await purge(id)) purged.push(id);
      return purged;
    },
  };
}
