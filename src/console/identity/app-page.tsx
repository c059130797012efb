/**
 * One enterprise application with its tabs: Overview (what it is, its roles, delete), Users and
 * groups (assignments), and Provisioning.
 *
 * Example: <AppPage app="4a8c…" tab="provisioning" section="logs" canEdit />
 */
import { useState } from 'react';
import { useApis } from '../api/api-context.tsx';
import type { EnterpriseApp } from '../api/identity-api.ts';
import { Link, navigate } from '../router.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { Form } from '../ui/form.tsx';
import { formatDate } from '../ui/format.ts';
import { Loaded } from '../ui/loaded.tsx';
import { PageHeader, TabLinks } from '../ui/shell.tsx';
import { useAction } from '../ui/use-action.ts';
import { useAsync } from '../ui/use-async.ts';
import { AssignmentsTab } from './assignments-tab.tsx';
import { ProvisioningTab } from './provisioning-tab.tsx';

export function AppPage(props: {
  app: string;
  tab: string;
  canEdit: boolean;
  /** The Provisioning tab's part (configure, on-demand, logs, mapping) and mapping index. */
  section?: string | undefined;
  index?: string | undefined;
}) {
  const { identity } = useApis();
  const app = useAsync(() => identity.app(props.app), [props.app]);
  return (
    <Loaded state={app} what="application">
      {(found) => {
        const base = `/identity/apps/${encodeURIComponent(found.id)}`;
        return (
          <>
            <PageHeader title={found.name}>
              <Link to="/identity/apps">Enterprise applications</Link> › {found.name}
            </PageHeader>
            <TabLinks
              label={`${found.name} sections`}
              tabs={[
                { to: base, label: 'Overview' },
                { to: `${base}/users`, label: 'Users and groups' },
                { to: `${base}/provisioning`, label: 'Provisioning', prefix: true },
              ]}
            />
            <div className="tab-panel">
              {props.tab === 'users' ? (
                <AssignmentsTab app={found} canEdit={props.canEdit} />
              ) : props.tab === 'provisioning' ? (
                <ProvisioningTab
                  app={found}
                  canEdit={props.canEdit}
                  section={props.section}
                  index={props.index}
                />
              ) : (
                <Overview app={found} canEdit={props.canEdit} />
              )}
            </div>
          </>
        );
      }}
    </Loaded>
  );
}

function Overview({ app, canEdit }: { app: EnterpriseApp; canEdit: boolean }) {
  const { identity } = useApis();
  const [confirming, setConfirming] = useState(false);
  const remove = useAction(() => identity.deleteApp(app.id));
  return (
    <>
      <section className="card" aria-labelledby="overview-heading">
        <div className="app-name">
          {app.logo ? <img src={app.logo} alt="" width={48} height={48} /> : null}
          <h2 id="overview-heading">Properties</h2>
        </div>
        <dl className="properties">
          <dt>Name</dt>
          <dd>{app.name}</dd>
          <dt>Publisher</dt>
          <dd>{app.publisher ?? ''}</dd>
          <dt>Gallery template</dt>
          <dd>{app.templateId}</dd>
          <dt>Object id</dt>
          <dd className="mono">{app.id}</dd>
          <dt>Added</dt>
          <dd>{formatDate(app.created)}</dd>
        </dl>
        {app.description ? <p>{app.description}</p> : null}
      </section>
      <section className="card" aria-labelledby="roles-heading">
        <h2 id="roles-heading">App roles</h2>
        <ul className="plain-list">
          {app.appRoles.map((role) => (
            <li key={role.id}>
              <strong>{role.displayName}</strong>
              {role.provisioned === false ? ' (never provisioned)' : ''}
              {role.description ? ` — ${role.description}` : ''}
            </li>
          ))}
        </ul>
      </section>
      {canEdit ? (
        <button type="button" className="danger" onClick={() => setConfirming(true)}>
          Delete application
        </button>
      ) : null}
      {confirming ? (
        <Dialog title={`Delete ${app.name}?`} onClose={() => setConfirming(false)}>
          <Form
            label="Delete application"
            submitLabel="Delete"
            busyLabel="Deleting…"
            errors={remove.errors}
            busy={remove.busy}
            onSubmit={async () => {
              if ((await remove.run()).ok) navigate('/identity/apps');
            }}
            actions={
              <button type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            }
          >
            <p>Its assignments go with it. Accounts already in the app stay there.</p>
          </Form>
        </Dialog>
      ) : null}
    </>
  );
}
