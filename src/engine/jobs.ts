/**
 * Provisioning job configuration, per enterprise app (the tutorial's Provisioning blade): admin
 * credentials and Test Connection, settings, mappings (validated; exported and imported as
 * one document; restored from the gallery template), start, stop and restart with its reset
 * scopes (reset-scopes.ts). A job is
 * created, with the template's mappings, the first time its app is asked about. Every
 * mapping or scoping change bumps the configuration version, so the next cycle is initial.
 *
 * Example:
 *   await jobs.setCredentials('Wrike', { tenantUrl, secretToken });
 *   await jobs.updateSettings('Wrike', { mode: 'automatic' });
 *   await jobs.start('Wrike');
 */
import { type ConnectionTest, isSyncError } from '../client/index.ts';
import { isStoreError, type Store } from '../store/store.ts';
import type { MappingConfig } from '../sync/index.ts';
import { type AppInfo, findApp, type TemplateSource } from './app-info.ts';
import { ProvisioningError } from './engine-error.ts';
import type { EngineEvents } from './events.ts';
import {
  checkMappings,
  exportJobDocument,
  type JobDocument,
  readJobDocument,
} from './job-document.ts';
import { emptyState, type Job, type JobState, jobOf, quarantineView } from './job-record.ts';
import {
  applySettings,
  changesScope,
  checkSettings,
  defaultSettings,
  type JobSettings,
} from './job-settings.ts';
import { type ResetScope, readResetScopes } from './reset-scopes.ts';
import { openTargetClient, type PlainCredentials, type TargetClientDeps } from './target-client.ts';
import { defaultMappings } from './template-mappings.ts';

export interface JobsDeps extends TargetClientDeps {
  store: Pick<Store, 'directory' | 'provisioning'>;
  clock: () => Date;
  events: EngineEvents;
  /** The gallery, for "restore defaults"; without it the app's own copy of its template is used. */
  templates?: TemplateSource | undefined;
}

/** What the API and CLI show of a job: never the Secret Token. */
export interface JobView {
  appId: string;
  appName: string;
  templateId: string;
  /** Provisioning status on/off. */
  enabled: boolean;
  settings: JobSettings;
  credentials: { tenantUrl: string; secretTokenSet: true; updated: string } | null;
  limits: AppInfo['limits'];
  /** The next cycle is an initial one (first run, or mappings/scope changed, or restart). */
  initialPending: boolean;
  watermark: number;
  nextRunAt: string | null;
  hold: JobState['hold'];
  /** With its next attempt (null while the job is off). */
  quarantine: ReturnType<typeof quarantineView>;
  /** Why quarantine turned the job off (after four weeks); null otherwise. */
  disabledReason: string | null;
}

export type Jobs = ReturnType<typeof createJobs>;

export function createJobs(deps: JobsDeps) {
  const { store, clock, events } = deps;
  const jobs = store.provisioning.jobs;

  /** The app and its job (created on first use). */
  async function load(appRef: string): Promise<{ app: AppInfo; job: Job }> {
    const app = await findApp(store, appRef);
    const found = await jobs.get(app.id);
    if (found) return { app, job: jobOf(found) };
    try {
      const created = await jobs.create({
        appId: app.id,
        settings: defaultSettings(app.limits) as unknown as Record<string, unknown>,
        mappings: defaultMappings(app.templateMappings) as unknown as Record<string, unknown>,
        state: emptyState() as unknown as Record<string, unknown>,
      });
      return { app, job: jobOf(created) };
    } catch (error) {
      if (!isStoreError(error, 'conflict')) throw error;
      return { app, job: jobOf((await jobs.get(app.id))!) };
    }
  }

  /**
   * Applies `change` to the job's current row, retrying when another writer (a cycle, another
   * admin) moved it on in between.
   */
  async function mutate(
    appRef: string,
    change: (job: Job, app: AppInfo) => Parameters<typeof jobs.update>[1],
  ): Promise<{ app: AppInfo; job: Job }> {
    for (let attempt = 0; ; attempt++) {
      const { app, job } = await load(appRef);
      try {
        const updated = await jobs.update(app.id, change(job, app), job.version);
        events.emit('job:changed', { appId: app.id });
        return { app, job: jobOf(updated) };
      } catch (error) {
        if (!isStoreError(error, 'conflict') || attempt >= 5) throw error;
      }
    }
  }

  function view(app: AppInfo, job: Job): JobView {
    return {
      appId: app.id,
      appName: app.name,
      templateId: app.templateId,
      enabled: job.enabled,
      settings: job.settings,
      credentials: job.credentials
        ? {
            tenantUrl: job.credentials.tenantUrl,
            secretTokenSet: true,
            updated: job.credentials.updated,
          }
        : null,
      limits: app.limits,
      initialPending: job.initialPending,
      watermark: job.watermark,
      nextRunAt: job.nextRunAt,
      hold: job.state.hold,
      quarantine: quarantineView(job),
      disabledReason: job.state.disabledReason,
    };
  }

  const state = (s: JobState) => s as unknown as Record<string, unknown>;
  const now = () => clock().toISOString();

  function checkTenantUrl(text: unknown): string {
    if (typeof text !== 'string' || text.trim() === '')
      throw new ProvisioningError(
        'invalid',
        'tenantUrl is required: the SCIM Base URL of the app',
        'tenantUrl',
      );
    let url: URL;
    try {
      url = new URL(text.trim());
    } catch {
      throw new ProvisioningError(
        'invalid',
        `tenantUrl ${JSON.stringify(text)} is not a URL`,
        'tenantUrl',
      );
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:')
      throw new ProvisioningError(
        'invalid',
        'tenantUrl must be an https:// (or http://) URL',
        'tenantUrl',
      );
    return text.trim().replace(/\/+$/, '');
  }

  function checkToken(token: unknown): string {
    if (typeof token !== 'string' || token.trim() === '')
      throw new ProvisioningError(
        'invalid',
        'secretToken is required: the bearer token the app minted',
        'secretToken',
      );
    return token.trim();
  }

  return {
    load,

    async get(appRef: string): Promise<JobView> {
      const { app, job } = await load(appRef);
      return view(app, job);
    },

    async list(): Promise<JobView[]> {
      const out: JobView[] = [];
      for (const record of await jobs.list()) {
        const app = await store.directory.apps.get(record.appId);
        if (!app) continue;
        const loaded = await load(app.id);
        out.push(view(loaded.app, loaded.job));
      }
      return out;
    },

    async setCredentials(
      appRef: string,
      input: { tenantUrl: unknown; secretToken: unknown },
    ): Promise<JobView> {
      const tenantUrl = checkTenantUrl(input.tenantUrl);
      const sealed = deps.secretBox.seal(checkToken(input.secretToken));
      const { app, job } = await mutate(appRef, () => ({
        credentials: { tenantUrl, secretToken: sealed, updated: now() },
      }));
      return view(app, job);
    },

    /**
     * Entra's Test Connection: the probe query against the stored credentials, or against
     * `candidate` ones before they are saved. Always answers; failures are explained in words.
     */
    async testConnection(
      appRef: string,
      candidate?: Partial<PlainCredentials>,
    ): Promise<ConnectionTest> {
      const { app, job } = await load(appRef);
      const stored = job.credentials;
      const tenantUrl = checkTenantUrl(candidate?.tenantUrl ?? stored?.tenantUrl);
      const secretToken =
        candidate?.secretToken !== undefined
          ? checkToken(candidate.secretToken)
          : stored
            ? deps.secretBox.open(stored.secretToken)
            : checkToken(undefined);
      let client: ReturnType<typeof openTargetClient>;
      try {
        client = openTargetClient({ tenantUrl, secretToken }, app.limits, deps);
      } catch (error) {
        if (!isSyncError(error)) throw error;
        return {
          ok: false,
          problem: 'unreachable',
          message: `The Tenant URL is not usable: ${error.detail}.`,
          detail: error.detail,
        };
      }
      return client.testConnection();
    },

    async updateSettings(appRef: string, input: unknown): Promise<JobView> {
      const update = checkSettings(input);
      const { app, job } = await mutate(appRef, (current) => {
        const settings = applySettings(current.settings, update);
        return {
          settings: settings as unknown as Record<string, unknown>,
          ...(changesScope(current.settings, settings) && {
            configVersion: current.configVersion + 1,
          }),
          ...(settings.mode === 'manual' && current.enabled && { enabled: false, nextRunAt: null }),
        };
      });
      return view(app, job);
    },

    async getMappings(appRef: string): Promise<MappingConfig> {
      return (await load(appRef)).job.mappings;
    },

    async setMappings(appRef: string, input: unknown): Promise<MappingConfig> {
      const { app } = await load(appRef);
      const config = checkMappings(input, app);
      const { job } = await mutate(appRef, (current) => ({
        mappings: config as unknown as Record<string, unknown>,
        configVersion: current.configVersion + 1,
      }));
      return job.mappings;
    },

    /** Restore default mappings: the gallery template's (or the app's copy of it). */
    async restoreDefaultMappings(appRef: string): Promise<MappingConfig> {
      const { app } = await load(appRef);
      const template = deps.templates?.get(app.templateId);
      const config = defaultMappings(template?.provisioning.objectMappings ?? app.templateMappings);
      const { job } = await mutate(appRef, (current) => ({
        mappings: config as unknown as Record<string, unknown>,
        configVersion: current.configVersion + 1,
      }));
      return job.mappings;
    },

    async exportDocument(appRef: string): Promise<JobDocument> {
      const { app, job } = await load(appRef);
      return exportJobDocument(app, job.settings, job.mappings);
    },

    async importDocument(appRef: string, input: unknown): Promise<JobView> {
      const { app } = await load(appRef);
      const document = readJobDocument(input, app);
      const { job } = await mutate(appRef, (current) => {
        const settings = applySettings(current.settings, document.settings);
        return {
          settings: settings as unknown as Record<string, unknown>,
          mappings: document.mappings as unknown as Record<string, unknown>,
          configVersion: current.configVersion + 1,
          ...(settings.mode === 'manual' && current.enabled && { enabled: false, nextRunAt: null }),
        };
      });
      return view(app, job);
    },

    /** Provisioning status On: cycles run on the interval, the first one now. */
    async start(appRef: string): Promise<JobView> {
      const { app, job } = await mutate(appRef, (current) => {
        if (current.settings.mode !== 'automatic')
          throw new ProvisioningError(
            'invalid',
            'set the provisioning mode to automatic first (settings mode=automatic)',
            'mode',
          );
        if (!current.credentials)
          throw new ProvisioningError(
            'invalid',
            'set the Tenant URL and Secret Token first',
            'credentials',
          );
        return {
          enabled: true,
          nextRunAt: now(),
          ...(current.state.disabledReason && {
            state: state({ ...current.state, disabledReason: null }),
          }),
        };
      });
      return view(app, job);
    },

    /** Provisioning status Off: a running cycle finishes its page and stops; no new ones. */
    async stop(appRef: string): Promise<JobView> {
      const { app, job } = await mutate(appRef, () => ({ enabled: false, nextRunAt: null }));
      events.emit('job:stopped', { appId: app.id });
      return view(app, job);
    },

    /**
     * Restart with reset scopes (reset-scopes.ts; none: watermark, escrows and quarantine): a
     * hold is lifted, and when the job is on, the next cycle runs now. Links and escrows are
     * cleared before the job changes, so that cycle already sees them gone.
     */
    async restart(appRef: string, reset?: unknown): Promise<JobView & { reset: ResetScope[] }> {
      const scopes = readResetScopes(reset);
      const has = (scope: ResetScope) => scopes.includes(scope);
      const { app: found } = await load(appRef);
      if (has('full')) await store.provisioning.links.clear(found.id);
      if (has('escrows')) await store.provisioning.escrows.clear(found.id);
      const { app, job } = await mutate(found.id, (current) => ({
        ...(has('watermark') && { configVersion: current.configVersion + 1 }),
        state: state({
          ...current.state,
          hold: null,
          allowDeletes: has('forceDeletes'),
          ...(has('escrows') && { escrowCounts: emptyState().escrowCounts }),
          ...(has('quarantine') && { quarantine: null, failingCycles: 0 }),
        }),
        ...(current.enabled && { nextRunAt: now() }),
      }));
      return { ...view(app, job), reset: scopes };
    },

    /**
     * "Allow deletes" for a job held by the accidental-deletion check: the next cycle carries
     * the held disables and deletes out whatever their count.
     */
    async allowDeletes(appRef: string): Promise<JobView> {
      const { app, job } = await mutate(appRef, (current) => {
        if (!current.state.hold)
          throw new ProvisioningError(
            'invalid',
            'the job is not held: there are no deletes to allow',
            'hold',
          );
        return {
          state: state({ ...current.state, hold: null, allowDeletes: true }),
          ...(current.enabled && { nextRunAt: now() }),
        };
      });
      return view(app, job);
    },

    /** Runs the next cycle now (when the job is on); the runner picks it up. */
    async runSoon(appRef: string): Promise<JobView> {
      const { app, job } = await mutate(appRef, (current) => {
        if (!current.enabled)
          throw new ProvisioningError(
            'invalid',
            'provisioning is off: start it first, or run one cycle with run --once',
            'status',
          );
        return { nextRunAt: now() };
      });
      return view(app, job);
    },

    view,
  };
}
