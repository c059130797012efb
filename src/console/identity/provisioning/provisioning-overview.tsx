/**
 * The Provisioning tab's overview (Entra's provisioning Overview): Start, Stop and Restart
 * provisioning, the quarantine and held banners, and Current status, polled every 2.5 s
 * while the tab is visible. A refusal (start without credentials) shows in words above.
 *
 * Example: <ProvisioningOverview app={app} base="/identity/apps/…/provisioning" canEdit onJobChanged={reload} />
 */
import { useState } from 'react';
import { useApis } from '../../api/api-context.tsx';
import type { ProvisioningApi } from '../../api/provisioning-api.ts';
import { Link } from '../../router.tsx';
import { ErrorAlert, Notice } from '../../ui/alert.tsx';
import { Loaded } from '../../ui/loaded.tsx';
import { useAction } from '../../ui/use-action.ts';
import { useAsync } from '../../ui/use-async.ts';
import { useInterval } from '../../ui/use-interval.ts';
import { CurrentStatus } from './current-status.tsx';
import { RestartDialog } from './restart-dialog.tsx';
import { StatusBanners } from './status-banners.tsx';

export const statusPollMs = 2500;

/** The status, and when no cycle runs, the latest real (not dry-run) cycle for its progress. */
export async function loadStatus(api: ProvisioningApi, app: string) {
  const status = await api.status(app);
  const latest = status.currentCycle
    ? undefined
    : (await api.cycles(app, 5)).find((cycle) => !cycle.dryRun);
  return { status, latest };
}

export function ProvisioningOverview(props: {
  app: string;
  base: string;
  canEdit: boolean;
  onJobChanged: () => void;
}) {
  const { provisioning } = useApis();
  const state = useAsync(() => loadStatus(provisioning, props.app), [props.app]);
  useInterval(state.reload, statusPollMs);
  const [notice, setNotice] = useState('');
  const [restarting, setRestarting] = useState(false);
  const act = useAction(async (what: 'start' | 'stop' | 'allowDeletes', message: string) => {
    setNotice('');
    await provisioning[what](props.app);
    setNotice(message);
    props.onJobChanged();
    await state.reload();
  });
  const running = state.data?.status.enabled ?? false;

  return (
    <>
      {props.canEdit ? (
        <div className="toolbar" role="toolbar" aria-label="Provisioning actions">
          <button
            type="button"
            className="primary"
            disabled={act.busy || running}
            onClick={() => void act.run('start', 'Provisioning is on: the first cycle starts now.')}
          >
            Start provisioning
          </button>
          <button
            type="button"
            disabled={act.busy || !running}
            onClick={() =>
              void act.run('stop', 'Provisioning is off: a running cycle stops after its page.')
            }
          >
            Stop provisioning
          </button>
          <button type="button" disabled={act.busy} onClick={() => setRestarting(true)}>
            Restart provisioning
          </button>
          <Link to={`${props.base}/configure`} className="button">
            Edit provisioning
          </Link>
        </div>
      ) : null}
      <ErrorAlert message={act.errors.form} />
      <Notice>{notice}</Notice>
      {restarting ? (
        <RestartDialog
          app={props.app}
          onClose={() => setRestarting(false)}
          onRestarted={(message) => {
            setNotice(message);
            props.onJobChanged();
            void state.reload();
          }}
        />
      ) : null}
      <Loaded state={state} what="provisioning status">
        {({ status, latest }) => (
          <>
            <StatusBanners
              status={status}
              canEdit={props.canEdit}
              busy={act.busy}
              onAllowDeletes={() =>
                void act.run('allowDeletes', 'Deletes allowed: the next cycle carries them out.')
              }
            />
            <CurrentStatus status={status} latest={latest} logsLink={`${props.base}/logs`} />
          </>
        )}
      </Loaded>
    </>
  );
}
