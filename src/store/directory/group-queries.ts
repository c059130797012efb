/**
 * Directory groups and their members. Members are rows (a user or a nested group each), so
 * adding one to a 100,000-member group costs the same as to an empty one; each member added or
 * removed is its own feed entry, written with the change.
 */
import { sql, type Transaction } from 'kysely';
import type { StoreContext } from '../context.ts';
import type { Database } from '../database.ts';
import type {
  DirectoryGroupData,
  DirectoryGroupRecord,
  DirectoryGroupStore,
  DirectoryMember,
  PrincipalType,
} from '../directory-port.ts';
import { StoreError } from '../store-error.ts';
import { appendChanges, type ChangeEntry, chunk, parseJson } from './change-feed.ts';
import { detachEverywhere } from './detach.ts';
import { prefixRange, whereState } from './user-queries.ts';

type Row = Database['dir_groups'];

const toGroup = (row: Row): DirectoryGroupRecord => ({
  id: row.id,
  data: parseJson<DirectoryGroupData>(row.data),
  deleted: row.deleted,
  created: row.created,
  lastModified: row.last_modified,
  version: Number(row.version),
});

const columns = (data: DirectoryGroupData) => ({
  display_name_ci: data.displayName.toLowerCase(),
  mail_nickname_ci: data.mailNickname?.toLowerCase() ?? null,
  security_enabled: data.securityEnabled ? 1 : 0,
  data: JSON.stringify(data),
});

const groupMissing = (id: string) =>
  new StoreError('notFound', 'group', `there is no group with id ${id}`);

async function bump(trx: Transaction<Database>, id: string, at: string): Promise<void> {
  await trx
    .updateTable('dir_groups')
    .set((eb) => ({ version: eb('version', '+', 1), last_modified: at }))
    .where('id', '=', id)
    .execute();
}

export function createDirectoryGroupStore(context: StoreContext): DirectoryGroupStore {
  const { db, dialect } = context;
  const now = () => context.now().toISOString();
  const displayName = (alias: string) =>
    dialect.jsonText(sql.ref(`${alias}.data`), ['displayName']);

  async function setDeleted(id: string, deleted: boolean) {
    const at = now();
    return db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('dir_groups')
        .set((eb) => ({
          deleted: deleted ? at : null,
          last_modified: at,
          version: eb('version', '+', 1),
        }))
        .where('id', '=', id)
        .where('deleted', deleted ? 'is' : 'is not', null)
        .returningAll()
        .executeTakeFirst();
      if (!row) {
        const existing = await trx
          .selectFrom('dir_groups')
          .selectAll()
          .where('id', '=', id)
          .executeTakeFirst();
        return existing && toGroup(existing);
      }
      await appendChanges(trx, at, [
        { objectType: 'group', objectId: id, kind: deleted ? 'deleted' : 'restored' },
      ]);
      return toGroup(row);
    });
  }

  async function purge(id: string): Promise<boolean> {
    const at = now();
    return db.transaction().execute(async (trx) => {
      const gone = await trx.deleteFrom('dir_groups').where('id', '=', id).executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) return false;
      const changes = await detachEverywhere(trx, id, at);
      changes.push({ objectType: 'group', objectId: id, kind: 'purged' });
      await appendChanges(trx, at, changes);
      return true;
    });
  }

  return {
    async create(data) {
      const at = now();
      const row: Row = {
        id: context.newId(),
        ...columns(data),
        deleted: null,
        created: at,
        last_modified: at,
        version: 1,
      };
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('dir_groups').values(row).execute();
        await appendChanges(trx, at, [{ objectType: 'group', objectId: row.id, kind: 'created' }]);
      });
      return toGroup(row);
    },

    async update(write) {
      const at = now();
      return db.transaction().execute(async (trx) => {
        let update = trx
          .updateTable('dir_groups')
          .set((eb) => ({
            ...columns(write.data),
            last_modified: at,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', write.id);
        if (write.ifVersion !== undefined) update = update.where('version', '=', write.ifVersion);
        const row = await update.returningAll().executeTakeFirst();
        if (!row) {
          const exists = await trx
            .selectFrom('dir_groups')
            .select('version')
            .where('id', '=', write.id)
            .executeTakeFirst();
          if (!exists) throw groupMissing(write.id);
          throw new StoreError(
            'conflict',
            'version',
            `group ${write.id} is at version ${exists.version}, not ${write.ifVersion}`,
          );
        }
        await appendChanges(trx, at, [{ objectType: 'group', objectId: row.id, kind: 'updated' }]);
        return toGroup(row);
      });
    },

    async get(id) {
      const row = await db
        .selectFrom('dir_groups')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toGroup(row);
    },

    async getMany(ids) {
      const out: DirectoryGroupRecord[] = [];
      for (const part of chunk([...new Set(ids)], 500)) {
        const rows = await db
          .selectFrom('dir_groups')
          .selectAll()
          .where('id', 'in', part)
          .execute();
        out.push(...rows.map(toGroup));
      }
      return out;
    },

    async findByDisplayName(name) {
      const rows = await db
        .selectFrom('dir_groups')
        .selectAll()
        .where('display_name_ci', '=', name.toLowerCase())
        .orderBy('id')
        .execute();
      return rows.map(toGroup);
    },

    async list(query) {
      let base = db.selectFrom('dir_groups').where((eb) => whereState(eb, query.state));
      if (query.search) {
        const [from, to] = prefixRange(query.search.toLowerCase());
        base = base.where('display_name_ci', '>=', from).where('display_name_ci', '<', to);
      }
      const total = await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
      const rows = await base
        .selectAll()
        .orderBy('display_name_ci')
        .orderBy('id')
        .offset(query.startIndex - 1)
        .limit(query.count)
        .execute();
      return { totalResults: Number(total.n), records: rows.map(toGroup) };
    },

    softDelete: (id) => setDeleted(id, true),
    restore: (id) => setDeleted(id, false),
    purge,

    async purgeDeletedBefore(cutoff, limit) {
      const rows = await db
        .selectFrom('dir_groups')
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

    async members(groupId) {
      const rows = await db
        .selectFrom('dir_members as m')
        .leftJoin('dir_users as u', 'u.id', 'm.member_id')
        .leftJoin('dir_groups as g', 'g.id', 'm.member_id')
        .select([
          'm.member_id',
          'm.member_type',
          sql<string | null>`coalesce(${displayName('u')}, ${displayName('g')})`.as('display_name'),
          sql<string | null>`coalesce(u.deleted, g.deleted)`.as('deleted'),
        ])
        .where('m.group_id', '=', groupId)
        .orderBy('m.member_id')
        .execute();
      return rows.map(
        (row): DirectoryMember => ({
          id: row.member_id,
          type: row.member_type as PrincipalType,
          displayName: row.display_name,
          deleted: row.deleted !== null,
        }),
      );
    },

    async memberOf(memberId) {
      const rows = await db
        .selectFrom('dir_members as m')
        .innerJoin('dir_groups as g', 'g.id', 'm.group_id')
        .select(['g.id', 'g.deleted', displayName('g').as('display_name')])
        .where('m.member_id', '=', memberId)
        .orderBy('g.id')
        .execute();
      return rows.map(
        (row): DirectoryMember => ({
          id: row.id,
          type: 'group',
          displayName: row.display_name as string | null,
          deleted: row.deleted !== null,
        }),
      );
    },

    async changeMembers(groupId, changes) {
      const add = [...new Set(changes.add ?? [])];
      const remove = [...new Set(changes.remove ?? [])].filter((id) => !add.includes(id));
      const at = now();
      return db.transaction().execute(async (trx) => {
        const group = await trx
          .selectFrom('dir_groups')
          .select('id')
          .where('id', '=', groupId)
          .executeTakeFirst();
        if (!group) throw groupMissing(groupId);
        const types = new Map<string, PrincipalType>();
        for (const part of chunk(add, 500)) {
          for (const row of await trx
            .selectFrom('dir_users')
            .select('id')
            .where('id', 'in', part)
            .execute())
            types.set(row.id, 'user');
          for (const row of await trx
            .selectFrom('dir_groups')
            .select('id')
            .where('id', 'in', part)
            .execute())
            types.set(row.id, 'group');
        }
        const missing = add.filter((id) => !types.has(id));
        if (missing.length > 0)
          throw new StoreError(
            'notFound',
            'member',
            `no user or group with id ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ` and ${missing.length - 5} more` : ''}`,
          );
        const present = new Map<string, string>();
        for (const part of chunk([...add, ...remove], 500)) {
          const rows = await trx
            .selectFrom('dir_members')
            .select(['member_id', 'member_type'])
            .where('group_id', '=', groupId)
            .where('member_id', 'in', part)
            .execute();
          for (const row of rows) present.set(row.member_id, row.member_type);
        }
        const added = add.filter((id) => !present.has(id));
        const removed = remove.filter((id) => present.has(id));
        if (added.length + removed.length === 0) return { added, removed };
        for (const part of chunk(added, 500))
          await trx
            .insertInto('dir_members')
            .values(
              part.map((id) => ({ group_id: groupId, member_id: id, member_type: types.get(id)! })),
            )
            .execute();
        for (const part of chunk(removed, 500))
          await trx
            .deleteFrom('dir_members')
            .where('group_id', '=', groupId)
            .where('member_id', 'in', part)
            .execute();
        await bump(trx, groupId, at);
        const entries: ChangeEntry[] = [
          ...added.map((id) => ({ id, kind: 'added' as const, type: types.get(id)! })),
          ...removed.map((id) => ({ id, kind: 'removed' as const, type: present.get(id)! })),
        ].map((m) => ({
          objectType: 'membership',
          objectId: groupId,
          kind: m.kind,
          detail: { memberId: m.id, memberType: m.type },
        }));
        await appendChanges(trx, at, entries);
        return { added, removed };
      });
    },
  };
}
