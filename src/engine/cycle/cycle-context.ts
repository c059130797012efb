/**
 * Everything one cycle works with, built once when it starts: the app and job, the compiled
 * mappings, who is in scope, the target client and writer, the links and the recorder, the
 * deprovisions held back until the end of the cycle (for the accidental-deletion check), and
 * the log of the engine.
 *
 * Example: await syncObjects(context, 'user', items) // every pass takes the context
 */
import type { ScimClient } from '../../client/index.ts';
import type { CycleKind, ProvisioningObjectType, Store } from '../../store/store.ts';
import type { CompiledObjectMapping } from '../../sync/index.ts';
import type { AppInfo } from '../app-info.ts';
import type { AssignmentScope } from '../assignment-scope.ts';
import type { Job } from '../job-record.ts';
import type { MatchState } from './batch-match.ts';
import type { CycleLinks } from './cycle-links.ts';
import type { CycleRecorder } from './cycle-recorder.ts';
import type { AheadRun } from './managers-ahead.ts';
import type { TargetWriter } from './target-writer.ts';

export interface EngineLog {
  info(fields: Record<string, unknown>, message: string): void;
  warn(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

/** A disable or delete decided during the cycle, carried out at its end. */
export interface Deprovision {
  objectType: ProvisioningObjectType;
  sourceId: string;
  targetId: string;
  identity: string;
  kind: 'disable' | 'delete';
  /** purged, softDeleted, disabled, unassigned, outOfScope. */
  reason: string;
  changeId: number | null;
}

export interface CycleContext {
  store: Pick<Store, 'directory' | 'provisioning'>;
  app: AppInfo;
  job: Job;
  cycleId: string;
  kind: CycleKind;
  dryRun: boolean;
  clock: () => Date;
  /** The enabled object mapping per source type that this target takes. */
  mappings: Partial<Record<ProvisioningObjectType, CompiledObjectMapping>>;
  scope: AssignmentScope;
  client: ScimClient;
  writer: TargetWriter;
  links: CycleLinks;
  recorder: CycleRecorder;
  match: MatchState;
  deprovisions: Deprovision[];
  /**
   * Initial cycles: which page (token) handles each user. Managers are provisioned ahead of
   * their page (so their reports are created with the manager set); pages running side by side
   * never both take one user. And who may be provisioned ahead: every live user (scope all),
   * or the assigned ones.
   */
  claims: Map<string, symbol>;
  /** Batches of managers being provisioned ahead, by their claim token. */
  aheadRuns: Map<symbol, AheadRun>;
  candidates: ReadonlySet<string> | 'all' | undefined;
  /** Objects per page (directory reads, link and log writes). */
  pageSize: number;
  /** Group member ids per PATCH request. */
  memberBatchSize: number;
  signal: AbortSignal | undefined;
  /**
   * Provision on demand: the log's steps carry what was read (the source attributes), the
   * assignments behind the scope decision and the exported resource.
   */
  trace?: boolean;
  /** Called after each page: renews the job's lease. */
  heartbeat: () => Promise<void>;
  log: EngineLog;
  /** Workers (issue #9): told of each create, so a page run again after a crash knows its own. */
  journal?: CreateJournal;
}

/** Where a cycle on workers notes its creates: before the request, and the id it answered. */
export interface CreateJournal {
  creating(type: ProvisioningObjectType, sourceId: string): Promise<void>;
  created(type: ProvisioningObjectType, sourceId: string, targetId: string): void;
}

/** Thrown between pages when the job was stopped: the cycle ends as `stopped`. */
export class CycleStopped extends Error {
  override name = 'CycleStopped';
}

export function checkStopped(context: CycleContext): void {
  if (context.signal?.aborted) throw new CycleStopped('provisioning was stopped');
}

/** After a page: links and log entries to the store, the lease renewed, a stop honoured. */
export async function endPage(context: CycleContext): Promise<void> {
  await context.links.flush();
  await context.recorder.flush();
  await context.heartbeat();
  checkStopped(context);
}
