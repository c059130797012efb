/**
 * Enterprise apps (created from gallery templates; their settings are JSON the directory
 * owns) and the assignments of users and groups to them. Assignments are in the change feed:
 * they decide who gets provisioned.
 */
import type { StoreContext } from '../context.ts';
import type { Database } from '../database.ts';
import type {
  AssignmentRecord,
  AssignmentStore,
  EnterpriseAppRecord,
  EnterpriseAppStore,
  PrincipalType,
} from '../directory-port.ts';
import { StoreError } from '../store-error.ts';
import { appendChanges, type ChangeEntry, parseJson } from './change-feed.ts';
import { translatingDirectory } from './unique-errors.ts';

const toApp = (row: Database['dir_apps']): EnterpriseAppRecord => ({
  id: row.id,
  name: row.name,
  templateId: row.template_id,
  data: parseJson<Record<string, unknown>>(row.data),
  created: row.created,
  lastModified: row.last_modified,
  version: Number(row.version),
});

const toAssignment = (row: Database['dir_assignments']): AssignmentRecord => ({
  id: row.id,
  appId: row.app_id,
  principalType: row.principal_type as PrincipalType,
  principalId: row.principal_id,
  roleId: row.role_id,
  created: row.created,
});

const assignmentChange = (a: AssignmentRecord, kind: 'added' | 'removed'): ChangeEntry => ({
  objectType: 'assignment',
  objectId: a.id,
  kind,
  detail: {
    appId: a.appId,
    principalId: a.principalId,
    principalType: a.principalType,
    roleId: a.roleId,
  },
});

export function createEnterpriseAppStore(context: StoreContext): EnterpriseAppStore {
  const { db } = context;
  const now = () => context.now().toISOString();
  return {
    async create(app) {
      const at = now();
      const row: Database['dir_apps'] = {
        id: context.newId(),
        name: app.name,
        name_ci: app.name.toLowerCase(),
        template_id: app.templateId,
        created: at,
        last_modified: at,
        version: 1,
        data: JSON.stringify(app.data),
      };
      await translatingDirectory(context, () => db.insertInto('dir_apps').values(row).execute());
      return toApp(row);
    },
    async get(id) {
      const row = await db
        .selectFrom('dir_apps')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toApp(row);
    },
    async byName(name) {
      const row = await db
        .selectFrom('dir_apps')
        .selectAll()
        .where('name_ci', '=', name.toLowerCase())
        .executeTakeFirst();
      return row && toApp(row);
    },
    async list() {
      return (await db.selectFrom('dir_apps').selectAll().orderBy('name_ci').execute()).map(toApp);
    },
    async update(write) {
      const at = now();
      return translatingDirectory(context, async () => {
        let update = db
          .updateTable('dir_apps')
          .set((eb) => ({
            name: write.data.name,
            name_ci: write.data.name.toLowerCase(),
            data: JSON.stringify(write.data.data),
            last_modified: at,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', write.id);
        if (write.ifVersion !== undefined) update = update.where('version', '=', write.ifVersion);
        const row = await update.returningAll().executeTakeFirst();
        if (row) return toApp(row);
        const exists = await db
          .selectFrom('dir_apps')
          .select('version')
          .where('id', '=', write.id)
          .executeTakeFirst();
        if (!exists) throw new StoreError('notFound', 'app', `there is no app with id ${write.id}`);
        throw new StoreError(
          'conflict',
          'version',
          `app ${write.id} is at version ${exists.version}, not ${write.ifVersion}`,
        );
      });
    },
    async delete(id) {
      const at = now();
      return db.transaction().execute(async (trx) => {
        const gone = await trx.deleteFrom('dir_apps').where('id', '=', id).executeTakeFirst();
        if (Number(gone.numDeletedRows) === 0) return false;
        const removed = await trx
          .deleteFrom('dir_assignments')
          .where('app_id', '=', id)
          .returningAll()
          .execute();
        const changes = removed
          .map(toAssignment)
          .sort((a, b) => a.id.localeCompare(b.id))
          .map((a) => assignmentChange(a, 'removed'));
        await appendChanges(trx, at, changes);
        return true;
      });
    },
  };
}

export function createAssignmentStore(context: StoreContext): AssignmentStore {
  const { db } = context;
  return {
    async create(assignment) {
      const at = context.now().toISOString();
      const record: AssignmentRecord = { id: context.newId(), ...assignment, created: at };
      await translatingDirectory(context, () =>
        db.transaction().execute(async (trx) => {
          await trx
            .insertInto('dir_assignments')
            .values({
              id: record.id,
              app_id: record.appId,
              principal_type: record.principalType,
              principal_id: record.principalId,
              role_id: record.roleId,
              created: at,
            })
            .execute();
          await appendChanges(trx, at, [assignmentChange(record, 'added')]);
        }),
      );
      return record;
    },
    async get(id) {
      const row = await db
        .selectFrom('dir_assignments')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirst();
      return row && toAssignment(row);
    },
    async list(filter) {
      let select = db.selectFrom('dir_assignments').selectAll();
      if (filter.appId !== undefined) select = select.where('app_id', '=', filter.appId);
      if (filter.principalId !== undefined)
        select = select.where('principal_id', '=', filter.principalId);
      return (await select.orderBy('created').orderBy('id').execute()).map(toAssignment);
    },
    async delete(id) {
      const at = context.now().toISOString();
      return db.transaction().execute(async (trx) => {
        const row = await trx
          .deleteFrom('dir_assignments')
          .where('id', '=', id)
          .returningAll()
          .executeTakeFirst();
        if (!row) return false;
        await appendChanges(trx, at, [assignmentChange(toAssignment(row), 'removed')]);
        return true;
      });
    },
  };
}
