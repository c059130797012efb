/**
 * The provisioning engine's persistence port (re-exported from store.ts as
 * `Store.provisioning`): one job per enterprise app (its configuration, runtime state, change
 * feed watermark and a lease so one cycle runs per app at a time), the links between
 * directory objects and target resources, cycle records, provisioning log entries and escrows.
 * The engine owns the JSON it stores here (`settings`, `mappings`, `state`, `exported`, …);
 * the store only keeps and queries it.
 *
 * Example:
 *   await store.provisioning.links.put([{ appId, objectType: 'user', sourceId, targetId, … }]);
 *   const page = await store.provisioning.logs.query({ appId, status: 'Failure', limit: 50 });
 */

import type { CycleWorkStore } from './cycle-work-port.ts';

export type ProvisioningObjectType = 'user' | 'group';

export interface ProvisioningJobRecord {
  appId: string;
  /** Status on/off: the runner starts cycles only for enabled jobs. */
  enabled: boolean;
  /** Bumped by every mapping or scoping change (and a restart): the next cycle is initial. */
  configVersion: number;
  /** The configVersion whose initial cycle completed; below configVersion → initial next. */
  initialVersion: number;
  /** The change-feed sequence the last completed cycle read up to. */
  watermark: number;
  /** When the runner should start the next cycle (ISO 8601), or null: not scheduled. */
  nextRunAt: string | null;
  /** Who runs a cycle of this job now, until when (ISO 8601). */
  leaseOwner: string | null;
  leaseUntil: string | null;
  /** Engine-owned JSON: settings, mapping configuration, sealed credentials, runtime state. */
  settings: Record<string, unknown>;
  mappings: Record<string, unknown>;
  credentials: Record<string, unknown> | null;
  state: Record<string, unknown>;
  created: string;
  lastModified: string;
  /** Bumped by every write of the row. */
  version: number;
}

/** The columns a write may change (others keep their values). */
export type ProvisioningJobPatch = Partial<
  Pick<
    ProvisioningJobRecord,
    | 'enabled'
    | 'configVersion'
    | 'initialVersion'
    | 'watermark'
    | 'nextRunAt'
    | 'settings'
    | 'mappings'
    | 'credentials'
    | 'state'
  >
>;

export interface ProvisioningJobStore {
  /** Inserts a job; StoreError conflict (subject `job`) when the app has one. */
  create(
    job: Pick<ProvisioningJobRecord, 'appId' | 'settings' | 'mappings' | 'state'>,
  ): Promise<ProvisioningJobRecord>;
  get(appId: string): Promise<ProvisioningJobRecord | undefined>;
  list(): Promise<ProvisioningJobRecord[]>;
  /**
   * Writes `patch`; with `ifVersion`, StoreError conflict (subject `version`) when the row has
   * moved on. notFound (subject `job`) when there is no job.
   */
  update(
    appId: string,
    patch: ProvisioningJobPatch,
    ifVersion?: number,
  ): Promise<ProvisioningJobRecord>;
  /** Deletes the job with its links, cycles, log entries and escrows. False when absent. */
  delete(appId: string): Promise<boolean>;
  /** Enabled jobs whose nextRunAt is at or before `at` and whose lease is free or expired. */
  due(at: string, limit: number): Promise<ProvisioningJobRecord[]>;
  /** The earliest nextRunAt of an enabled job, or null. */
  nextDue(): Promise<string | null>;
  /**
   * Takes (or renews) the job's lease for `owner` until `until` when it is free, expired at
   * `now`, or already `owner`'s. False when someone else holds it.
   */
  claim(appId: string, owner: string, until: string, now: string): Promise<boolean>;
  /** Gives the lease up (only `owner`'s). */
  release(appId: string, owner: string): Promise<void>;
}

/** References of a linked object still to be written: source ids that had no link yet. */
export interface LinkPending {
  /** Directory ids the object refers to (manager, members) without a target id yet. */
  ids?: string[];
  /** The whole member list is to be synchronised (a group just created or matched). */
  full?: boolean;
  /** With `full`: the target group is known to be empty (created by us, no GET needed). */
  empty?: boolean;
}

export interface ProvisioningLink {
  appId: string;
  objectType: ProvisioningObjectType;
  /** The directory object id. */
  sourceId: string;
  /** The target resource id. */
  targetId: string;
  /** The object's name when it was last written (userPrincipalName, displayName), for logs. */
  identity: string;
  /** What the engine last made the target object: active, or disabled (active=false). */
  state: 'active' | 'disabled';
  /** The resource last exported (what the target held after our last write), or null. */
  exported: Record<string, unknown> | null;
  pending: LinkPending | null;
  /** The id of the last cycle that visited the object. */
  seenCycle: string | null;
  created: string;
  updated: string;
}

export interface LinkStore {
  /** The links of `sourceIds` (missing ones are simply absent). */
  get(
    appId: string,
    objectType: ProvisioningObjectType,
    sourceIds: readonly string[],
  ): Promise<ProvisioningLink[]>;
  /** Inserts or replaces links (by app, type and source id), in one transaction. */
  put(links: readonly ProvisioningLink[]): Promise<void>;
  delete(
    appId: string,
    objectType: ProvisioningObjectType,
    sourceIds: readonly string[],
  ): Promise<void>;
  /** Sets seenCycle on existing links. */
  markSeen(
    appId: string,
    objectType: ProvisioningObjectType,
    sourceIds: readonly string[],
    cycleId: string,
  ): Promise<void>;
  /** Links not visited by `cycleId`, ordered by source id after `afterSourceId`. */
  unseen(
    appId: string,
    objectType: ProvisioningObjectType,
    cycleId: string,
    afterSourceId: string | undefined,
    limit: number,
  ): Promise<ProvisioningLink[]>;
  /** Links with pending references, ordered by source id after `afterSourceId`. */
  pending(
    appId: string,
    objectType: ProvisioningObjectType,
    afterSourceId: string | undefined,
    limit: number,
  ): Promise<ProvisioningLink[]>;
  count(appId: string, objectType?: ProvisioningObjectType): Promise<number>;
  /** Drops every link of the app (a full restart). */
  clear(appId: string): Promise<number>;
}

/** `onDemand`: a provision-on-demand run of one user or group (its own row, its own log entries). */
export type CycleKind = 'initial' | 'incremental' | 'onDemand';
export type CycleStatus = 'running' | 'succeeded' | 'failed' | 'stopped' | 'held';

export interface CycleRecord {
  id: string;
  appId: string;
  kind: CycleKind;
  dryRun: boolean;
  status: CycleStatus;
  started: string;
  finished: string | null;
  /** Objects handled so far, and the objects the cycle expects to handle. */
  done: number;
  total: number;
  /** Log entries by action and by status: { Create: 3, Success: 3, … }. */
  counts: Record<string, number>;
  /** Why the cycle failed, stopped or was held. */
  error: string | null;
  /** The change-feed window: from (exclusive) and to (inclusive). */
  watermarkFrom: number;
  watermarkTo: number | null;
}

export type CyclePatch = Partial<
  Pick<CycleRecord, 'status' | 'finished' | 'done' | 'total' | 'counts' | 'error' | 'watermarkTo'>
>;

export interface CycleStore {
  create(cycle: CycleRecord): Promise<void>;
  update(id: string, patch: CyclePatch): Promise<void>;
  get(id: string): Promise<CycleRecord | undefined>;
  /** Newest first. */
  list(appId: string, limit: number): Promise<CycleRecord[]>;
  /** The newest cycle of the app that is not a dry run, or undefined. */
  latest(appId: string, options?: { finished?: boolean }): Promise<CycleRecord | undefined>;
}

export type LogAction = 'Create' | 'Update' | 'Disable' | 'Delete' | 'StagedDelete' | 'Other';
export type LogStatus = 'Success' | 'Failure' | 'Skipped' | 'Warning';

export interface LogStep {
  name: 'import' | 'scope' | 'match' | 'action';
  status: LogStatus;
  description: string;
  details?: Record<string, unknown>;
}

export interface ModifiedProperty {
  name: string;
  old: unknown;
  new: unknown;
}

export interface ProvisioningLogEntry {
  /** Assigned by the store, increasing (newer entries have larger ids). */
  id?: number;
  appId: string;
  cycleId: string;
  /** The change-feed sequence that brought the object into the cycle, or null. */
  changeId: number | null;
  at: string;
  objectType: ProvisioningObjectType;
  sourceId: string;
  /** userPrincipalName or displayName. */
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

export interface LogQuery {
  appId: string;
  cycleId?: string;
  status?: LogStatus;
  action?: LogAction;
  /** An object id (source or target) exactly, or the start of the identity, any case. */
  identity?: string;
  /** ISO 8601: entries at or after `since`, and before `until`. */
  since?: string;
  until?: string;
  /** Entries older than this id (the `next` of the previous page). */
  before?: number;
  limit: number;
}

export interface LogPage {
  entries: ProvisioningLogEntry[];
  /** Pass as `before` for the next (older) page; absent on the last page. */
  next?: number;
}

export interface LogStore {
  append(entries: readonly ProvisioningLogEntry[]): Promise<void>;
  /** Newest first. */
  query(query: LogQuery): Promise<LogPage>;
  /** Deletes the app's entries older than `before` (ISO 8601); returns how many. */
  deleteBefore(appId: string, before: string): Promise<number>;
}

export interface EscrowRecord {
  appId: string;
  objectType: ProvisioningObjectType;
  sourceId: string;
  /** Consecutive failures so far. */
  attempts: number;
  /** The SyncError kind of the last failure. */
  kind: string;
  errorCode: string;
  reason: string;
  firstFailed: string;
  lastFailed: string;
  /** When a later cycle should try the object again. */
  retryAt: string;
}

export interface EscrowStore {
  /** Inserts or replaces, by app, type and source id. */
  put(records: readonly EscrowRecord[]): Promise<void>;
  get(
    appId: string,
    objectType: ProvisioningObjectType,
    sourceIds: readonly string[],
  ): Promise<EscrowRecord[]>;
  delete(
    appId: string,
    objectType: ProvisioningObjectType,
    sourceIds: readonly string[],
  ): Promise<void>;
  /** Escrows whose retryAt is at or before `at`, oldest retry first. */
  due(appId: string, at: string, limit: number): Promise<EscrowRecord[]>;
  list(appId: string, limit: number): Promise<EscrowRecord[]>;
  count(appId: string): Promise<number>;
  clear(appId: string): Promise<number>;
}

export interface ProvisioningStore {
  jobs: ProvisioningJobStore;
  links: LinkStore;
  cycles: CycleStore;
  logs: LogStore;
  escrows: EscrowStore;
  /** A cycle's work on many workers (issue #9). */
  work: CycleWorkStore;
}
