/**
 * One provisioning log entry in full (Entra's log details): what happened to whom, the
 * troubleshooting part (error code, reason, recommended action) first when it failed, then the
 * steps and the modified properties (old → new), and the ids to search by.
 *
 * Example: {entry ? <LogDetailDialog entry={entry} onClose={() => setEntry(undefined)} /> : null}
 */
import type { LogEntry } from '../../api/provisioning-types.ts';
import { Dialog } from '../../ui/dialog.tsx';
import { formatDate } from '../../ui/format.ts';
import { formatDuration } from './status-words.ts';
import { ModifiedProperties, StepTrace } from './step-trace.tsx';

export function LogDetailDialog({ entry, onClose }: { entry: LogEntry; onClose: () => void }) {
  const trouble =
    entry.status === 'Failure' ||
    entry.status === 'Warning' ||
    entry.errorCode !== null ||
    entry.recommendedAction !== null;
  return (
    <Dialog title={`${entry.action} ${entry.sourceIdentity}: ${entry.status}`} onClose={onClose}>
      <dl className="properties">
        <dt>Date</dt>
        <dd title={entry.at}>{formatDate(entry.at)}</dd>
        <dt>Identity</dt>
        <dd>
          {entry.sourceIdentity} ({entry.objectType})
        </dd>
        <dt>Action</dt>
        <dd>{entry.action}</dd>
        <dt>Status</dt>
        <dd>{entry.status}</dd>
        <dt>Source id</dt>
        <dd className="mono">{entry.sourceId}</dd>
        <dt>Target id</dt>
        <dd className="mono">{entry.targetId ?? '(none)'}</dd>
        <dt>Cycle</dt>
        <dd className="mono">{entry.cycleId}</dd>
        <dt>Duration</dt>
        <dd>{formatDuration(entry.durationMs)}</dd>
        {!trouble && entry.reason ? (
          <>
            <dt>Reason</dt>
            <dd>{entry.reason}</dd>
          </>
        ) : null}
      </dl>
      {trouble ? (
        <section className="card card-warning" aria-labelledby="trouble-heading">
          <h3 id="trouble-heading">Troubleshooting and recommendations</h3>
          <dl className="properties">
            <dt>Error code</dt>
            <dd className="mono">{entry.errorCode ?? '(none)'}</dd>
            <dt>Reason</dt>
            <dd>{entry.reason ?? '(none)'}</dd>
            <dt>Recommended action</dt>
            <dd>{entry.recommendedAction ?? '(none)'}</dd>
          </dl>
        </section>
      ) : null}
      <h3>Steps</h3>
      <StepTrace steps={entry.steps} />
      <h3>Modified properties</h3>
      <ModifiedProperties properties={entry.modifiedProperties} />
      <div className="form-actions">
        <button type="button" className="primary" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
