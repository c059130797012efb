/**
 * What a cycle writes about itself: provisioning log entries (buffered, appended a page at a
 * time), counts by action and status, escrows (a failed object is recorded with its back-off;
 * a success clears it; both counted for quarantine's escrow thresholds), and progress (done/total on the cycle row, at most once a second, and
 * as `cycle:progress` events). A dry run keeps its entries in memory instead (at most 1,000).
 *
 * Example:
 *   recorder.entry({ objectType: 'user', sourceId, sourceIdentity: 'ann@contoso.test', action: 'Create', status: 'Success', … });
 *   recorder.failed('user', sourceId, syncError); recorder.done(1); await recorder.flush();
 */
import { isSyncError } from '../../client/index.ts';
import type {
  EscrowRecord,
  LogAction,
  LogStatus,
  LogStep,
  ModifiedProperty,
  ProvisioningLogEntry,
  ProvisioningObjectType,
  Store,
} from '../../store/store.ts';
import { escrowRetryAt, type FailureKind } from '../../sync/index.ts';
import { codeOfSyncError } from '../error-codes.ts';
import type { EngineEvents } from '../events.ts';
import type { EscrowCounts } from '../job-record.ts';
import { ObjectFailure } from './object-failure.ts';

export interface EntryInput {
  objectType: ProvisioningObjectType;
  sourceId: string;
  sourceIdentity: string;
  targetId: string | null;
  action: LogAction;
  status: LogStatus;
  changeId?: number | null;
  errorCode?: string | null;
  reason?: string | null;
  recommendedAction?: string | null;
  steps?: LogStep[];
  modifiedProperties?: ModifiedProperty[];
  /** When the work on the object started (for the duration). */
  startedAt?: number;
}

export interface CycleRecorder {
  readonly counts: Record<string, number>;
  readonly dryRunEntries: ProvisioningLogEntry[];
  /** This cycle's object outcomes: Success entries, and failures (references apart). */
  readonly outcomes: EscrowCounts;
  entry(input: EntryInput): void;
  /**
   * Records the failure as an escrow (its attempts grow), unless the kind stops the cycle.
   * `reference`: a manager or member write failed.
   */
  failed(
    objectType: ProvisioningObjectType,
    sourceId: string,
    error: unknown,
    options?: { reference?: boolean },
  ): void;
  /** Clears the object's escrow, if it had one. */
  succeeded(objectType: ProvisioningObjectType, sourceId: string): void;
  done(count: number): void;
  setTotal(total: number): void;
  progress(): { done: number; total: number };
  /** Writes buffered entries and escrows, and the cycle's progress. */
  flush(force?: boolean): Promise<void>;
}

export interface RecorderDeps {
  store: Pick<Store, 'provisioning'>;
  appId: string;
  cycleId: string;
  dryRun: boolean;
  clock: () => Date;
  events: EngineEvents;
}

const dryRunEntryLimit = 1000;

export function createCycleRecorder(deps: RecorderDeps): CycleRecorder {
  const { store, appId, cycleId, dryRun, clock, events } = deps;
  const counts: Record<string, number> = {};
  const dryRunEntries: ProvisioningLogEntry[] = [];
  const outcomes: EscrowCounts = { failures: 0, referenceFailures: 0, successes: 0 };
  let entries: ProvisioningLogEntry[] = [];
  type Failure = { objectType: ProvisioningObjectType; sourceId: string; error: unknown };
  type Success = { objectType: ProvisioningObjectType; sourceId: string };
  // Swapped for fresh ones when written, so pages working concurrently keep recording.
  let failures = new Map<string, Failure>();
  let successes = new Map<string, Success>();
  let done = 0;
  let total = 0;
  let lastProgressWrite = 0;

  const bump = (key: string) => {
    counts[key] = (counts[key] ?? 0) + 1;
  };

  async function writeEscrows(): Promise<void> {
    const failed = failures;
    const succeeded = successes;
    failures = new Map();
    successes = new Map();
    if (dryRun) return;
    for (const type of ['user', 'group'] as const) {
      const cleared = [...succeeded.values()]
        .filter((s) => s.objectType === type)
        .map((s) => s.sourceId);
      if (cleared.length > 0) await store.provisioning.escrows.delete(appId, type, cleared);
      const failedOfType = [...failed.values()].filter((f) => f.objectType === type);
      if (failedOfType.length === 0) continue;
      const existing = new Map(
        (
          await store.provisioning.escrows.get(
            appId,
            type,
            failedOfType.map((f) => f.sourceId),
          )
        ).map((e) => [e.sourceId, e]),
      );
      const now = clock();
      const records: EscrowRecord[] = failedOfType.map(({ sourceId, error }) => {
        const before = existing.get(sourceId);
        const attempts = (before?.attempts ?? 0) + 1;
        const kind: FailureKind = isSyncError(error)
          ? error.kind
          : error instanceof ObjectFailure
            ? error.kind
            : 'transient';
        const retryAfterMs = isSyncError(error) ? error.retryAfterMs : undefined;
        const retryAt = escrowRetryAt(
          { kind, ...(retryAfterMs !== undefined && { retryAfterMs }) },
          attempts,
          now,
        );
        return {
          appId,
          objectType: type,
          sourceId,
          attempts,
          kind,
          errorCode: error instanceof ObjectFailure ? error.code : codeOfSyncError(error),
          reason: error instanceof Error ? error.message : String(error),
          firstFailed: before?.firstFailed ?? now.toISOString(),
          lastFailed: now.toISOString(),
          retryAt: (retryAt ?? now).toISOString(),
        };
      });
      await store.provisioning.escrows.put(records);
    }
  }

  return {
    counts,
    dryRunEntries,
    outcomes,
    entry(input) {
      const at = clock();
      const entry: ProvisioningLogEntry = {
        appId,
        cycleId,
        changeId: input.changeId ?? null,
        at: at.toISOString(),
        objectType: input.objectType,
        sourceId: input.sourceId,
        sourceIdentity: input.sourceIdentity,
        targetId: input.targetId,
        action: input.action,
        status: input.status,
        errorCode: input.errorCode ?? null,
        reason: input.reason ?? null,
        recommendedAction: input.recommendedAction ?? null,
        steps: input.steps ?? [],
        modifiedProperties: input.modifiedProperties ?? [],
        durationMs:
          input.startedAt === undefined ? 0 : Math.max(0, performance.now() - input.startedAt),
      };
      bump(entry.action);
      bump(entry.status);
      if (entry.status === 'Success') outcomes.successes++;
      if (dryRun) {
        if (dryRunEntries.length < dryRunEntryLimit) dryRunEntries.push(entry);
      } else entries.push(entry);
    },
    failed(objectType, sourceId, error, options = {}) {
      if (isSyncError(error) && error.kind === 'stop') return;
      if (options.reference) outcomes.referenceFailures++;
      else outcomes.failures++;
      const key = `${objectType}:${sourceId}`;
      successes.delete(key);
      failures.set(key, { objectType, sourceId, error });
    },
    succeeded(objectType, sourceId) {
      const key = `${objectType}:${sourceId}`;
      if (failures.has(key)) return;
      successes.set(key, { objectType, sourceId });
    },
    done(count) {
      done += count;
    },
    setTotal(value) {
      total = value;
    },
    progress: () => ({ done, total: Math.max(total, done) }),
    async flush(force = false) {
      if (!dryRun && entries.length > 0) {
        const batch = entries;
        entries = [];
        await store.provisioning.logs.append(batch);
      }
      await writeEscrows();
      const now = Date.now();
      if (force || now - lastProgressWrite >= 1000) {
        lastProgressWrite = now;
        const progress = { done, total: Math.max(total, done) };
        await store.provisioning.cycles.update(cycleId, { ...progress, counts: { ...counts } });
        events.emit('cycle:progress', { appId, cycleId, ...progress });
      }
    },
  };
}
