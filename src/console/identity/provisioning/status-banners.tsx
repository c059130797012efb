/**
 * The banners above Current status: quarantine (why, since when, the next attempt, and what to
 * do), and a job held by the accidental-deletion check (TooManyDeletes) with "Allow deletes".
 *
 * Example: <StatusBanners status={status} canEdit onAllowDeletes={allow} busy={false} />
 */
import type { ProvisioningStatus } from '../../api/provisioning-types.ts';
import { formatDate } from '../../ui/format.ts';
import { quarantineReason } from './status-words.ts';

export function StatusBanners(props: {
  status: ProvisioningStatus;
  canEdit: boolean;
  onAllowDeletes: () => void;
  busy: boolean;
}) {
  const { quarantine, hold } = props.status;
  return (
    <>
      {quarantine ? (
        <section
          className="card card-warning banner"
          role="alert"
          aria-labelledby="quarantine-heading"
        >
          <h2 id="quarantine-heading">Provisioning is in quarantine</h2>
          <p>
            <strong>Why:</strong> {quarantineReason(quarantine.reason)} ({quarantine.reason}).
          </p>
          {quarantine.detail ? <p className="mono">{quarantine.detail}</p> : null}
          <p>
            In quarantine since {formatDate(quarantine.since)}. Next attempt:{' '}
            {formatDate(quarantine.nextAttemptAt ?? props.status.nextRunAt, 'not scheduled')}.
          </p>
          <p>
            Fix the cause (Test Connection under Edit provisioning says what the app answers), then
            restart provisioning to leave quarantine at once.
          </p>
        </section>
      ) : null}
      {hold ? (
        <section className="card card-warning banner" role="alert" aria-labelledby="held-heading">
          <h2 id="held-heading">Provisioning is held: too many deletes</h2>
          <p>
            {hold.detail}
            {hold.count !== undefined && hold.threshold !== undefined
              ? ` (${hold.count} disables and deletes; the threshold is ${hold.threshold}.)`
              : ''}
          </p>
          <p>
            The held deletes are in the provisioning logs as staged deletes. If they are right,
            allow them; otherwise fix the assignments or scoping filters and restart.
          </p>
          {props.canEdit ? (
            <button
              type="button"
              className="primary"
              disabled={props.busy}
              onClick={props.onAllowDeletes}
            >
              Allow deletes
            </button>
          ) : null}
        </section>
      ) : null}
    </>
  );
}
