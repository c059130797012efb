/**
 * The provisioning API's shapes as the console reads them (the tutorial's Provisioning blade):
 * the job and its settings, mappings and scoping filters, status, cycles, provisioning logs,
 * the expression test and provision on demand. They mirror src/api/provisioning-schemas.ts,
 * src/engine and src/sync; the console imports nothing from the server.
 *
 * Example: const job: JobView = await api.provisioning.job('Wrike'); job.settings.mode → 'manual'
 */

export type ProvisioningMode = 'manual' | 'automatic';
export type ProvisioningScope = 'assigned' | 'all';

export interface JobSettings {
  mode: ProvisioningMode;
  scope: ProvisioningScope;
  intervalSeconds: number;
  deletionThreshold: number;
  skipOutOfScopeDeletions: boolean;
  notificationEmail: string | null;
  sendFailureEmail: boolean;
  flattenNestedGroups: boolean;
  useBulk: boolean;
}

export interface Quarantine {
  since: string;
  reason: string;
  detail: string;
  /** When the next attempt in quarantine runs (when the server says). */
  nextAttemptAt?: string | null;
}

export interface JobHold {
  reason: string;
  detail: string;
  since?: string;
  count?: number;
  threshold?: number;
}

export interface JobView {
  appId: string;
  appName: string;
  templateId: string;
  /** Provisioning status On. */
  enabled: boolean;
  settings: JobSettings;
  credentials: { tenantUrl: string; secretTokenSet: true; updated: string } | null;
  limits: { requestsPerMinute: number | null; groups: boolean; bulk: boolean };
  initialPending: boolean;
  watermark: number;
  nextRunAt: string | null;
  hold: JobHold | null;
  quarantine: Quarantine | null;
}

export interface ConnectionTest {
  ok: boolean;
  problem?: string;
  status?: number;
  message: string;
  detail?: string;
}

export type MappingType = 'direct' | 'constant' | 'expression' | 'none';
export type ApplyMode = 'always' | 'onCreate';
export type TargetAction = 'create' | 'update' | 'delete';

export interface AttributeMapping {
  type: MappingType;
  source?: string;
  target: string;
  defaultValue?: string;
  apply?: ApplyMode;
  matchingPrecedence?: number;
}

export interface ScopingClause {
  attribute: string;
  operator: string;
  value?: string;
}

export interface ScopingFilterGroup {
  title?: string;
  clauses: ScopingClause[];
}

export interface ObjectMapping {
  name: string;
  source: 'user' | 'group';
  target: string;
  enabled: boolean;
  actions: TargetAction[];
  attributeMappings: AttributeMapping[];
  scopingFilters?: ScopingFilterGroup[];
}

export interface MappingConfig {
  objectMappings: ObjectMapping[];
}

/** One problem of a refused mapping configuration (the API's `error.issues`). */
export interface MappingIssue {
  code: string;
  path: string;
  message: string;
  span?: { start: number; end: number };
}

export type Counts = Record<string, number>;

export interface CycleSummary {
  id: string;
  kind: 'initial' | 'incremental';
  status: string;
  started: string;
  finished: string;
  durationMs: number;
  counts: Counts;
  error: string | null;
}

export interface CycleRecord {
  id: string;
  kind: 'initial' | 'incremental';
  dryRun: boolean;
  status: 'running' | 'succeeded' | 'failed' | 'stopped' | 'held';
  started: string;
  finished: string | null;
  done: number;
  total: number;
  counts: Counts;
  error: string | null;
}

export type StatusState = 'off' | 'idle' | 'running' | 'held' | 'quarantined';

export interface ProvisioningStatus {
  appId: string;
  appName: string;
  state: StatusState;
  enabled: boolean;
  mode: ProvisioningMode;
  currentCycle: Pick<
    CycleRecord,
    'id' | 'kind' | 'started' | 'done' | 'total' | 'counts' | 'dryRun'
  > | null;
  lastCycle: CycleSummary | null;
  statistics: { cycles: number; initialCycles: number; counts: Counts; durationMs: number };
  initialPending: boolean;
  nextRunAt: string | null;
  watermark: number;
  hold: JobHold | null;
  quarantine: Quarantine | null;
  links: { users: number; groups: number };
  escrows: number;
}

export const logActions = [
  'Create',
  'Update',
  'Disable',
  'Delete',
  'StagedDelete',
  'Other',
] as const;
export const logStatuses = ['Success', 'Failure', 'Skipped', 'Warning'] as const;
export type LogAction = (typeof logActions)[number];
export type LogStatus = (typeof logStatuses)[number];

export interface LogStep {
  name: 'import' | 'scope' | 'match' | 'action';
  status: LogStatus | string;
  description: string;
  details?: Record<string, unknown>;
}

export interface ModifiedProperty {
  name: string;
  old: unknown;
  new: unknown;
}

export interface LogEntry {
  id: number;
  cycleId: string;
  at: string;
  objectType: 'user' | 'group';
  sourceId: string;
  sourceIdentity: string;
  targetId: string | null;
  action: LogAction;
  status: LogStatus;
  errorCode: string | null;
  reason: string | null;
  recommendedAction: string | null;
  steps: LogStep[];
  modifiedProperties: ModifiedProperty[];
  durationMs: number;
}

export interface LogPage {
  entries: LogEntry[];
  next?: number;
}

/** The filters of GET …/logs (ISO 8601 times). */
export interface LogQuery {
  status?: LogStatus | undefined;
  action?: LogAction | undefined;
  identity?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
  cycle?: string | undefined;
}

export interface ExpressionTestResult {
  value: unknown;
  type: 'string' | 'boolean' | 'number' | 'list' | 'null';
  user?: string;
  isSoftDeleted?: boolean;
}

export interface OnDemandResult {
  objectType: 'user' | 'group';
  sourceId: string;
  sourceIdentity: string;
  targetId: string | null;
  action: string;
  status: string;
  errorCode: string | null;
  reason: string | null;
  recommendedAction: string | null;
  steps: LogStep[];
  modifiedProperties: ModifiedProperty[];
  exported: unknown;
}

export interface OnDemandAnswer {
  appId: string;
  cycleId: string;
  results: OnDemandResult[];
}

/** What a restart resets (issue #7's scopes). */
export const resetScopes = ['watermark', 'escrows', 'quarantine', 'forceDeletes', 'full'] as const;
export type ResetScope = (typeof resetScopes)[number];
