/**
 * The Current status section in words: the state of the job as a sentence, the progress of the
 * running cycle (or of the last one, once it finished), the counts by action with Entra's
 * names, and quarantine reasons an admin can act on. Pure, so the tests read it directly.
 *
 * Example: progressOf(status, latest) → { done: 40, total: 40, percent: 100, running: false, label: 'Initial cycle: 40 of 40 objects (100 %)' }
 */
import type { Counts, CycleRecord, ProvisioningStatus } from '../../api/provisioning-types.ts';
import { formatDate } from '../../ui/format.ts';

export interface Progress {
  done: number;
  total: number;
  /** 0–100, or null while a running cycle has not counted its objects yet. */
  percent: number | null;
  running: boolean;
  label: string;
}

const kindName = (kind: string) => (kind === 'initial' ? 'Initial cycle' : 'Incremental cycle');

/** The running cycle's progress, else the latest finished cycle's, else null. */
export function progressOf(
  status: ProvisioningStatus,
  latest: CycleRecord | undefined,
): Progress | null {
  const cycle = status.currentCycle ?? latest;
  if (!cycle) return null;
  const running = status.currentCycle !== null;
  const total = Math.max(cycle.total, cycle.done);
  const percent =
    total === 0 ? (running ? null : 100) : Math.min(100, Math.floor((cycle.done / total) * 100));
  const objects = `${cycle.done} of ${total} ${total === 1 ? 'object' : 'objects'}`;
  const label =
    percent === null
      ? `${kindName(cycle.kind)}: counting the objects in scope…`
      : total === 0
        ? `${kindName(cycle.kind)}: nothing to do (${percent} %)`
        : `${kindName(cycle.kind)}: ${objects} (${percent} %)`;
  return { done: cycle.done, total, percent, running, label };
}

/** The state as one sentence (read out politely when it changes). */
export function stateSentence(status: ProvisioningStatus): string {
  switch (status.state) {
    case 'running':
      return `Running ${status.currentCycle?.kind === 'initial' ? 'the initial' : 'an incremental'} cycle${status.currentCycle?.dryRun ? ' (a dry run)' : ''}.`;
    case 'idle':
      return status.nextRunAt
        ? `Provisioning is on. The next cycle starts ${formatDate(status.nextRunAt)}${status.initialPending ? ' (an initial cycle)' : ''}.`
        : 'Provisioning is on.';
    case 'held':
      return 'Provisioning is held: a cycle wanted to delete or disable more accounts than the accidental-deletion threshold allows.';
    case 'quarantined':
      return 'Provisioning is in quarantine: cycles run rarely until the problem is fixed.';
    default:
      return status.mode === 'manual'
        ? 'Provisioning is off (mode Manual). Set the mode to Automatic and the status to On under Edit provisioning.'
        : 'Provisioning is off. Start provisioning to run cycles.';
  }
}

/** Entra's action names, in the order the counts table shows them. */
export const actionNames: [string, string][] = [
  ['Create', 'Created'],
  ['Update', 'Updated'],
  ['Disable', 'Disabled'],
  ['Delete', 'Deleted'],
  ['StagedDelete', 'Staged deletes'],
  ['Other', 'Other (skipped)'],
];

export const statusNames: [string, string][] = [
  ['Success', 'Succeeded'],
  ['Failure', 'Failed'],
  ['Skipped', 'Skipped'],
  ['Warning', 'Warnings'],
];

/** The counts present, as [label, number] rows; none when nothing was counted. */
export function countRows(counts: Counts, names: [string, string][]): [string, number][] {
  return names
    .filter(([key]) => (counts[key] ?? 0) > 0)
    .map(([key, label]) => [label, counts[key]!]);
}

const quarantineReasons: Record<string, string> = {
  EncounteredQuarantineException:
    'a failure stopped every cycle (most often the Secret Token or the Tenant URL)',
  EncounteredEscrowProportionThreshold: 'too many objects failed (more than 40 % of them)',
  EncounteredEscrowAbsoluteThreshold: 'too many objects failed (more than 60,000)',
  AllCallsFailing: 'nearly every call to the app failed, several cycles in a row',
};

export function quarantineReason(reason: string): string {
  return quarantineReasons[reason] ?? reason;
}

/** "1 h 5 min", "42 s", "350 ms". */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${seconds % 60} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}
