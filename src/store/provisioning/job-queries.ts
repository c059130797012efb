/**
 * Provisioning jobs, one per enterprise app: the engine's JSON (settings, mappings, sealed
 * credentials, runtime state) plus the columns the runner queries and updates atomically —
 * enabled, next run, lease, watermark and the configuration versions.
 */
import type { StoreContext } from '../context.ts';
import type { Database } from '../database.ts';
import { parseJson } from '../directory/change-feed.ts';
import type {
  ProvisioningJobPatch,
  ProvisioningJobRecord,
  ProvisioningJobStore,
} from '../provisioning-port.ts';
import { StoreError } from '../store-error.ts';

type Row = Database['prov_jobs'];

const toJob = (row: Row): ProvisioningJobRecord => ({
  appId: row.app_id,
  enabled: Number(row.enabled) === 1,
  configVersion: Number(row.config_version),
  initialVersion: Number(row.initial_version),
  watermark: Number(row.watermark),
  nextRunAt: row.next_run_at,
  leaseOwner: row.lease_owner,
  leaseUntil: row.lease_until,
  settings: parseJson(row.settings),
  mappings: parseJson(row.mappings),
  credentials: row.credentials === null ? null : parseJson(row.credentials),
  state: parseJson(row.state),
  created: row.created,
  lastModified: row.last_modified,
  version: Number(row.version),
});

function columns(patch: ProvisioningJobPatch): Partial<Row> {
  const set: Partial<Row> = {};
  if (patch.enabled !== undefined) set.enabled = patch.enabled ? 1 : 0;
  if (patch.configVersion !== undefined) set.config_version = patch.configVersion;
  if (patch.initialVersion !== undefined) set.initial_version = patch.initialVersion;
  if (patch.watermark !== undefined) set.watermark = patch.watermark;
  if (patch.nextRunAt !== undefined) set.next_run_at = patch.nextRunAt;
  if (patch.settings !== undefined) set.settings = JSON.stringify(patch.settings);
  if (patch.mappings !== undefined) set.mappings = JSON.stringify(patch.mappings);
  if (patch.credentials !== undefined)
    set.credentials = patch.credentials === null ? null : JSON.stringify(patch.credentials);
  if (patch.state !== undefined) set.state = JSON.stringify(patch.state);
  return set;
}

export function createProvisioningJobStore(context: StoreContext): ProvisioningJobStore {
  const { db } = context;
  const now = () => context.now().toISOString();
  const missing = (appId: string) =>
    new StoreError('notFound', 'job', `there is no provisioning job for app ${appId}`);

  return {
    async create(job) {
      const at = now();
      const row: Row = {
        app_id: job.appId,
        enabled: 0,
        config_version: 1,
        initial_version: 0,
        watermark: 0,
        next_run_at: null,
        lease_owner: null,
        lease_until: null,
        settings: JSON.stringify(job.settings),
        mappings: JSON.stringify(job.mappings),
        credentials: null,
        state: JSON.stringify(job.state),
        created: at,
        last_modified: at,
        version: 1,
      };
      const existing = await db
        .selectFrom('prov_jobs')
        .select('app_id')
        .where('app_id', '=', job.appId)
        .executeTakeFirst();
      if (existing)
        throw new StoreError('conflict', 'job', `app ${job.appId} has a provisioning job`);
      try {
        await db.insertInto('prov_jobs').values(row).execute();
      } catch (error) {
        if (context.dialect.translateError(error))
          throw new StoreError('conflict', 'job', `app ${job.appId} has a provisioning job`);
        throw error;
      }
      return toJob(row);
    },

    async get(appId) {
      const row = await db
        .selectFrom('prov_jobs')
        .selectAll()
        .where('app_id', '=', appId)
        .executeTakeFirst();
      return row && toJob(row);
    },

    async list() {
      const rows = await db.selectFrom('prov_jobs').selectAll().orderBy('app_id').execute();
      return rows.map(toJob);
    },

    async update(appId, patch, ifVersion) {
      let update = db
        .updateTable('prov_jobs')
        .set((eb) => ({
          ...columns(patch),
          last_modified: now(),
          version: eb('version', '+', 1),
        }))
        .where('app_id', '=', appId);
      if (ifVersion !== undefined) update = update.where('version', '=', ifVersion);
      const row = await update.returningAll().executeTakeFirst();
      if (row) return toJob(row);
      const exists = await db
        .selectFrom('prov_jobs')
        .select('version')
        .where('app_id', '=', appId)
        .executeTakeFirst();
      if (!exists) throw missing(appId);
      throw new StoreError(
        'conflict',
        'version',
        `the job of app ${appId} is at version ${exists.version}, not ${ifVersion}`,
      );
    },

    async delete(appId) {
      return db.transaction().execute(async (trx) => {
        const gone = await trx
          .deleteFrom('prov_jobs')
          .where('app_id', '=', appId)
          .executeTakeFirst();
        for (const table of [
          'prov_links',
          'prov_cycles',
          'prov_logs',
          'prov_escrows',
          'prov_cycle_plans',
          'prov_cycle_pages',
          'prov_cycle_claims',
          'prov_cycle_creates',
          'prov_cycle_deprovisions',
        ] as const)
          await trx.deleteFrom(table).where('app_id', '=', appId).execute();
        return Number(gone.numDeletedRows) > 0;
      });
    },

    async due(at, limit) {
      const rows = await db
        .selectFrom('prov_jobs')
        .selectAll()
        .where('enabled', '=', 1)
        .where('next_run_at', 'is not', null)
        .where('next_run_at', '<=', at)
        .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', at)]))
        .orderBy('next_run_at')
        .limit(limit)
        .execute();
      return rows.map(toJob);
    },

    async nextDue() {
      const row = await db
        .selectFrom('prov_jobs')
        .select((eb) => eb.fn.min('next_run_at').as('next'))
        .where('enabled', '=', 1)
        .executeTakeFirst();
      return (row?.next as string | null | undefined) ?? null;
    },

    async claim(appId, owner, until, at) {
      const result = await db
        .updateTable('prov_jobs')
        .set({ lease_owner: owner, lease_until: until })
        .where('app_id', '=', appId)
        .where((eb) =>
          eb.or([
            eb('lease_until', 'is', null),
            eb('lease_until', '<', at),
            eb('lease_owner', '=', owner),
          ]),
        )
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },

    async release(appId, owner) {
      await db
        .updateTable('prov_jobs')
        .set({ lease_owner: null, lease_until: null })
        .where('app_id', '=', appId)
        .where('lease_owner', '=', owner)
        .execute();
    },
  };
}
