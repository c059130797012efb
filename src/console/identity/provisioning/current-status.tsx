/**
 * Current status (the tutorial's "Current Status section to monitor progress"): the state in
 * words (read out when it changes), a progress bar of the running cycle (or the last one),
 * counts by action, the last cycle, statistics to date and the next run.
 *
 * Example: <CurrentStatus status={status} latest={latestCycle} logsLink="/identity/apps/…/provisioning/logs" />
 */
import type { Counts, CycleRecord, ProvisioningStatus } from '../../api/provisioning-types.ts';
import { Link } from '../../router.tsx';
import { formatDate } from '../../ui/format.ts';
import {
  actionNames,
  countRows,
  formatDuration,
  progressOf,
  stateSentence,
  statusNames,
} from './status-words.ts';

function CountList({ counts, label }: { counts: Counts; label: string }) {
  const rows = [...countRows(counts, actionNames), ...countRows(counts, statusNames)];
  if (rows.length === 0) return <p className="muted">No objects changed.</p>;
  return (
    <dl className="counts" aria-label={label}>
      {rows.map(([name, count]) => (
        <div key={name}>
          <dt>{name}</dt>
          <dd>{count}</dd>
        </div>
      ))}
    </dl>
  );
}

export function CurrentStatus(props: {
  status: ProvisioningStatus;
  latest: CycleRecord | undefined;
  logsLink: string;
}) {
  const { status, latest } = props;
  const progress = progressOf(status, latest);
  const last = status.lastCycle;
  const shownCounts = status.currentCycle?.counts ?? latest?.counts ?? last?.counts ?? {};
  return (
    <section className="card" aria-labelledby="current-status-heading">
      <h2 id="current-status-heading">Current status</h2>
      <p className="state-line" aria-live="polite">
        <span className={`badge state-${status.state}`}>{status.state}</span>{' '}
        {stateSentence(status)}
      </p>
      {progress ? (
        <div className="progress">
          <label htmlFor="cycle-progress" className="progress-label">
            {progress.label}
          </label>
          <progress
            id="cycle-progress"
            max={progress.percent === null ? undefined : 100}
            value={progress.percent ?? undefined}
          >
            {progress.percent === null ? 'counting' : `${progress.percent} %`}
          </progress>
          {!progress.running && latest?.finished ? (
            <p className="muted">
              {latest.status === 'succeeded' ? 'Completed' : `Ended (${latest.status})`}{' '}
              {formatDate(latest.finished)}
            </p>
          ) : null}
        </div>
      ) : (
        <p className="muted">No cycle has run yet.</p>
      )}
      <div className="status-grid">
        <div>
          <h3>{status.currentCycle ? 'This cycle' : 'Last cycle'}</h3>
          {status.currentCycle || latest || last ? (
            <CountList counts={shownCounts} label="Counts of this cycle" />
          ) : (
            <p className="muted">None yet.</p>
          )}
          {last ? (
            <p className="muted">
              Last cycle: {last.kind}, {last.status}, {formatDate(last.finished)}, took{' '}
              {formatDuration(last.durationMs)}
              {last.error ? ` — ${last.error}` : ''}
            </p>
          ) : null}
        </div>
        <div>
          <h3>Statistics to date</h3>
          <p>
            {status.statistics.cycles} {status.statistics.cycles === 1 ? 'cycle' : 'cycles'} (
            {status.statistics.initialCycles} initial),{' '}
            {formatDuration(status.statistics.durationMs)} in all.
          </p>
          <CountList counts={status.statistics.counts} label="Counts to date" />
          <p>
            Users provisioned: {status.links.users}
            {status.links.groups > 0 ? ` · groups: ${status.links.groups}` : ''}
            {status.escrows > 0 ? ` · waiting to retry: ${status.escrows}` : ''}
          </p>
        </div>
        <div>
          <h3>Next run</h3>
          <p>
            {status.nextRunAt
              ? formatDate(status.nextRunAt)
              : status.enabled
                ? 'when the current cycle ends'
                : 'none: provisioning is off'}
          </p>
          <p>
            <Link to={props.logsLink}>View provisioning logs</Link>
          </p>
        </div>
      </div>
    </section>
  );
}
