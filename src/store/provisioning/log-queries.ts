/**
 * Provisioning log entries: one row per object per cycle action, appended in batches and read
 * newest first with filters on cycle, status, action, identity (object id, or the start of the
 * userPrincipalName / displayName in any case) and time, paged by id.
 */
import type { StoreContext } from '../context.ts';
import type { Database } from '../database.ts';
import { parseJson } from '../directory/change-feed.ts';
import { prefixRange } from '../directory/user-queries.ts';
import { insertMany } from '../insert-many.ts';
import type {
  LogAction,
  LogStatus,
  LogStep,
  LogStore,
  ModifiedProperty,
  ProvisioningLogEntry,
  ProvisioningObjectType,
} from '../provisioning-port.ts';
import { inTransaction } from './in-transaction.ts';

type Row = Database['prov_logs'];
type Selected = Omit<Row, 'id'> & { id: number | string };

const toEntry = (row: Selected): ProvisioningLogEntry => ({
  id: Number(row.id),
  appId: row.app_id,
  cycleId: row.cycle_id,
  changeId: row.change_id === null ? null : Number(row.change_id),
  at: row.at,
  objectType: row.object_type as ProvisioningObjectType,
  sourceId: row.source_id,
  sourceIdentity: row.source_identity,
  targetId: row.target_id,
  action: row.action as LogAction,
  status: row.status as LogStatus,
  errorCode: row.error_code,
  reason: row.reason,
  recommendedAction: row.recommended_action,
  steps: parseJson<LogStep[]>(row.steps),
  modifiedProperties: parseJson<ModifiedProperty[]>(row.modified),
  durationMs: Number(row.duration_ms),
});

export function createLogStore(context: StoreContext): LogStore {
  const { db } = context;
  return {
    async append(entries) {
      if (entries.length === 0) return;
      const rows = entries.map((e) => ({
        app_id: e.appId,
        cycle_id: e.cycleId,
        change_id: e.changeId,
        at: e.at,
        object_type: e.objectType,
        source_id: e.sourceId,
        source_identity: e.sourceIdentity,
        identity_ci: e.sourceIdentity.toLowerCase(),
        target_id: e.targetId,
        action: e.action,
        status: e.status,
        error_code: e.errorCode,
        reason: e.reason,
        recommended_action: e.recommendedAction,
        steps: JSON.stringify(e.steps),
        modified: JSON.stringify(e.modifiedProperties),
        duration_ms: Math.max(0, Math.round(e.durationMs)),
      }));
      await inTransaction(db, (trx) =>
        insertMany(
          trx,
          context.dialect.name,
          'logs',
          rows,
          (d, marked) => d.insertInto('prov_logs').values(marked as never),
          200,
        ),
      );
    },

    async query(query) {
      let select = db.selectFrom('prov_logs').selectAll().where('app_id', '=', query.appId);
      if (query.cycleId !== undefined) select = select.where('cycle_id', '=', query.cycleId);
      if (query.status !== undefined) select = select.where('status', '=', query.status);
      if (query.action !== undefined) select = select.where('action', '=', query.action);
      if (query.since !== undefined) select = select.where('at', '>=', query.since);
      if (query.until !== undefined) select = select.where('at', '<', query.until);
      if (query.before !== undefined) select = select.where('id', '<', query.before);
      if (query.identity !== undefined && query.identity !== '') {
        const identity = query.identity;
        const [from, to] = prefixRange(identity.toLowerCase());
        select = select.where((eb) =>
          eb.or([
            eb('source_id', '=', identity),
            eb('target_id', '=', identity),
            eb.and([eb('identity_ci', '>=', from), eb('identity_ci', '<', to)]),
          ]),
        );
      }
      const limit = Math.max(1, query.limit);
      const rows = await select
        .orderBy('id', 'desc')
        .limit(limit + 1)
        .execute();
      const entries = rows.slice(0, limit).map(toEntry);
      const last = entries.at(-1);
      return rows.length > limit && last?.id !== undefined
        ? { entries, next: last.id }
        : { entries };
    },

    async deleteBefore(appId, before) {
      const result = await db
        .deleteFrom('prov_logs')
        .where('app_id', '=', appId)
        .where('at', '<', before)
        .executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
