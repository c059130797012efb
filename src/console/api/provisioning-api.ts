/**
 * The provisioning service's admin API as the console uses it, under
 * `/apps/{app}/provisioning`: the job, settings and credentials, Test Connection, mappings
 * (restore defaults, export / import), start / stop / restart / allow deletes, status, cycles,
 * logs (with download links), the expression test and provision on demand.
 *
 * Example: const api = createProvisioningApi(http); await api.updateSettings('Wrike', { mode: 'automatic' });
 */
import { apiRoot, type Http, withQuery } from './http.ts';
import type {
  ConnectionTest,
  CycleRecord,
  ExpressionTestResult,
  JobSettings,
  JobView,
  LogPage,
  LogQuery,
  MappingConfig,
  OnDemandAnswer,
  ProvisioningStatus,
  ResetScope,
} from './provisioning-types.ts';

const base = (app: string) => `/apps/${encodeURIComponent(app)}/provisioning`;

export function createProvisioningApi(http: Http) {
  return {
    job: (app: string) => http.get<JobView>(base(app)),
    updateSettings: (app: string, change: Partial<JobSettings>) =>
      http.patch<JobView>(base(app), change),
    setCredentials: (app: string, credentials: { tenantUrl: string; secretToken: string }) =>
      http.put<JobView>(`${base(app)}/credentials`, credentials),
    /** The stored credentials, or candidate ones typed but not saved yet. */
    testConnection: (app: string, candidate: { tenantUrl?: string; secretToken?: string } = {}) =>
      http.post<ConnectionTest>(`${base(app)}/test-connection`, candidate),

    mappings: (app: string) => http.get<MappingConfig>(`${base(app)}/mappings`),
    setMappings: (app: string, config: MappingConfig) =>
      http.put<MappingConfig>(`${base(app)}/mappings`, config),
    restoreDefaults: (app: string) =>
      http.post<MappingConfig>(`${base(app)}/mappings/restore-defaults`),
    /** A link that downloads the job document (settings and mappings, never the token). */
    exportUrl: (app: string) => `${apiRoot}${base(app)}/export`,
    importDocument: (app: string, document: unknown) =>
      http.post<JobView>(`${base(app)}/import`, document),

    start: (app: string) => http.post<JobView>(`${base(app)}/start`),
    stop: (app: string) => http.post<JobView>(`${base(app)}/stop`),
    restart: (app: string, reset: readonly ResetScope[]) =>
      http.post<JobView>(`${base(app)}/restart`, { reset }),
    allowDeletes: (app: string) => http.post<JobView>(`${base(app)}/allow-deletes`),
    runNow: (app: string) => http.post<{ started: boolean }>(`${base(app)}/run`),

    status: (app: string) => http.get<ProvisioningStatus>(`${base(app)}/status`),
    cycles: async (app: string, limit = 5) =>
      (await http.get<{ cycles: CycleRecord[] }>(`${base(app)}/cycles`, { limit })).cycles,
    logs: (app: string, query: LogQuery, page: { limit: number; before?: number | undefined }) =>
      http.get<LogPage>(`${base(app)}/logs`, { ...query, ...page }),
    /** A link that downloads every matching entry as CSV or JSON. */
    logsUrl: (app: string, query: LogQuery, format: 'csv' | 'json') =>
      `${apiRoot}${withQuery(`${base(app)}/logs`, { ...query, format })}`,

    testExpression: (app: string, expression: string, user: string) =>
      http.post<ExpressionTestResult>(`${base(app)}/expressions/test`, { expression, user }),
    onDemand: (app: string, subject: string, objectType?: 'user' | 'group') =>
      http.post<OnDemandAnswer>(`${base(app)}/on-demand`, {
        subject,
        ...(objectType && { objectType }),
      }),
  };
}

export type ProvisioningApi = ReturnType<typeof createProvisioningApi>;
