/**
 * How a cycle reports on one object: its provisioning log entry (success with the modified
 * properties, a skip with its reason, a failure with its code, reason and recommended action),
 * and its escrow (a failure is escrowed, a success clears it). `settleAll` waits for a page's
 * tasks and rethrows the first failure (a `stop`), so none is left running.
 *
 * Example: recordFailure(context, work, targetId, 'Create', syncError) // logged, escrowed; a stop rethrows
 */
import { isSyncError } from '../../client/index.ts';
import type { LogStep } from '../../store/store.ts';
import { codeOfSyncError, type ErrorCode, reasonOf, recommendedActions } from '../error-codes.ts';
import type { CycleContext } from './cycle-context.ts';
import { actionStep, exportDetails } from './log-steps.ts';
import { ObjectFailure } from './object-failure.ts';
import { type ObjectWork, skipReasons } from './object-state.ts';
import type { WriteResult } from './write-object.ts';

/** Waits for every task, then throws the first failure (a `stop`): no task is left running. */
export async function settleAll(tasks: readonly Promise<unknown>[]): Promise<void> {
  const results = await Promise.allSettled(tasks);
  const failed = results.find((r) => r.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}

/**
 * Logs a failed object and escrows it; rethrows a `stop` (the cycle ends). `reference`: the
 * failed write was a manager or member reference (counted apart for quarantine).
 */
export function recordFailure(
  context: CycleContext,
  work: Pick<ObjectWork, 'type' | 'item' | 'identity' | 'steps' | 'startedAt'>,
  targetId: string | null,
  action: 'Create' | 'Update' | 'Disable' | 'Delete' | 'Other',
  error: unknown,
  options: { reference?: boolean; exported?: Record<string, unknown> } = {},
): void {
  if (!isSyncError(error) && !(error instanceof ObjectFailure))
    context.log.error(
      { err: error, appId: context.app.id, sourceId: work.item.sourceId },
      'provisioning an object failed unexpectedly',
    );
  const code: ErrorCode = error instanceof ObjectFailure ? error.code : codeOfSyncError(error);
  const reason = reasonOf(error);
  context.recorder.entry({
    objectType: work.type,
    sourceId: work.item.sourceId,
    sourceIdentity: work.identity,
    targetId,
    action,
    status: 'Failure',
    changeId: work.item.changeId,
    errorCode: code,
    reason,
    recommendedAction: recommendedActions[code],
    steps: [
      ...work.steps,
      actionStep(
        'Failure',
        reason,
        options.exported && exportDetails(context.trace, options.exported),
      ),
    ],
    startedAt: work.startedAt,
  });
  context.recorder.failed(work.type, work.item.sourceId, error, {
    reference: options.reference ?? false,
  });
  if (isSyncError(error) && error.kind === 'stop') throw error;
}

export function logResult(
  context: CycleContext,
  work: ObjectWork,
  result: WriteResult,
  steps: LogStep[],
  note?: string,
): void {
  const { link, outcome, modified } = result;
  const action = outcome === 'created' ? 'Create' : outcome === 'updated' ? 'Update' : 'Other';
  const description =
    outcome === 'created'
      ? `Created ${link.targetId} on the target`
      : outcome === 'updated'
        ? `Updated ${modified.length} attribute(s) on the target`
        : skipReasons.RedundantExport;
  context.recorder.entry({
    objectType: work.type,
    sourceId: work.item.sourceId,
    sourceIdentity: work.identity,
    targetId: link.targetId,
    action,
    status: outcome === 'unchanged' ? 'Skipped' : 'Success',
    changeId: work.item.changeId,
    ...(outcome === 'unchanged' && { errorCode: 'RedundantExport' }),
    reason: note ?? (outcome === 'unchanged' ? skipReasons.RedundantExport : null),
    steps: [
      ...steps,
      actionStep(
        outcome === 'unchanged' ? 'Skipped' : 'Success',
        description,
        exportDetails(
          context.trace,
          link.exported,
          outcome === 'created' ? undefined : (result.operations ?? []),
        ),
      ),
    ],
    modifiedProperties: modified,
    startedAt: work.startedAt,
  });
  context.recorder.succeeded(work.type, work.item.sourceId);
}

export function logSkip(
  context: CycleContext,
  work: ObjectWork,
  code: keyof typeof skipReasons,
): void {
  context.recorder.entry({
    objectType: work.type,
    sourceId: work.item.sourceId,
    sourceIdentity: work.identity,
    targetId: work.link?.targetId ?? null,
    action: 'Other',
    status: 'Skipped',
    changeId: work.item.changeId,
    errorCode: code,
    reason: skipReasons[code],
    steps: [...work.steps, actionStep('Skipped', skipReasons[code])],
    startedAt: work.startedAt,
  });
  context.recorder.succeeded(work.type, work.item.sourceId);
}
