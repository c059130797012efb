/**
 * What provision on demand answers: one result per object — the subject first, then a group's
 * members in order — built from the run's provisioning log entries. An object can have several
 * entries (a group's create, then its member list in the reference pass; a user, then its
 * manager); they fold into one result whose steps run import → scope → match → action(s),
 * whose status is the worst and whose action the most telling. `exported` is the resource the
 * mappings exported (the action step's `details.exported`), or null when nothing was exported.
 *
 * Example: onDemandResults(entries, [{ type: 'user', id: 'u1' }]) → [{ action: 'Create', status: 'Success', steps: […], … }]
 */
import type {
  LogAction,
  LogStatus,
  LogStep,
  ModifiedProperty,
  ProvisioningLogEntry,
  ProvisioningObjectType,
} from '../../store/store.ts';

export interface OnDemandResult {
  objectType: ProvisioningObjectType;
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
  /** The attributes exported to the target (sent whole on a create, as a PATCH on an update). */
  exported: Record<string, unknown> | null;
}

export interface OnDemandReport {
  appId: string;
  /** The on-demand run's cycle row (kind `onDemand`): filter the logs by it. */
  cycleId: string;
  results: OnDemandResult[];
}

const severity: Record<LogStatus, number> = { Skipped: 0, Success: 1, Warning: 2, Failure: 3 };

function exportedOf(steps: readonly LogStep[]): Record<string, unknown> | null {
  for (const step of [...steps].reverse()) {
    const exported = step.details?.exported;
    if (step.name === 'action' && exported && typeof exported === 'object')
      return exported as Record<string, unknown>;
  }
  return null;
}

function fold(entries: readonly ProvisioningLogEntry[]): OnDemandResult {
  const [first, ...rest] = entries as [ProvisioningLogEntry, ...ProvisioningLogEntry[]];
  let main = first;
  const steps = [...first.steps];
  const modified = [...first.modifiedProperties];
  for (const entry of rest) {
    for (const step of entry.steps)
      if (!steps.some((s) => s.name === step.name && s.description === step.description))
        steps.push(step);
    modified.push(...entry.modifiedProperties);
    if (severity[entry.status] > severity[main.status]) main = entry;
  }
  const action =
    entries.find((e) => e.action !== 'Other' && e.status !== 'Skipped')?.action ?? main.action;
  return {
    objectType: first.objectType,
    sourceId: first.sourceId,
    sourceIdentity: first.sourceIdentity,
    targetId: entries.find((e) => e.targetId !== null)?.targetId ?? null,
    action,
    status: main.status,
    errorCode: main.errorCode,
    reason: main.reason,
    recommendedAction: main.recommendedAction,
    steps,
    modifiedProperties: modified,
    exported: exportedOf(steps),
  };
}

/** The results for `objects` in order, from the run's entries (oldest first). */
export function onDemandResults(
  entries: readonly ProvisioningLogEntry[],
  objects: readonly { type: ProvisioningObjectType; id: string }[],
): OnDemandResult[] {
  const out: OnDemandResult[] = [];
  for (const { type, id } of objects) {
    const mine = entries.filter((e) => e.objectType === type && e.sourceId === id);
    if (mine.length > 0) out.push(fold(mine));
  }
  return out;
}
