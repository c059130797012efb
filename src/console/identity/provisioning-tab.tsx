/**
 * An app's Provisioning tab (the tutorial's "Configure automatic user provisioning"), with its
 * parts as sub-tabs, each its own URL under /identity/apps/:app/provisioning:
 *   (overview)                 Start / Stop / Restart, banners, Current status
 *   /configure                 Edit provisioning: mode, Admin Credentials, Mappings, Settings, Save
 *   /configure/mappings/:i     one object mapping: attributes and scoping filters
 *   /on-demand                 Provision on demand
 *   /logs                      Provisioning logs
 *
 * Example: <ProvisioningTab app={app} canEdit section="logs" />
 */
import { useApis } from '../api/api-context.tsx';
import type { EnterpriseApp } from '../api/identity-api.ts';
import { Loaded } from '../ui/loaded.tsx';
import { TabLinks } from '../ui/shell.tsx';
import { useAsync } from '../ui/use-async.ts';
import { ConfigureProvisioning } from './provisioning/configure-provisioning.tsx';
import { LogsPage } from './provisioning/logs-page.tsx';
import { ObjectMappingEditor } from './provisioning/object-mapping-editor.tsx';
import { OnDemandPage } from './provisioning/on-demand-page.tsx';
import { ProvisioningOverview } from './provisioning/provisioning-overview.tsx';

export function ProvisioningTab(props: {
  app: EnterpriseApp;
  canEdit: boolean;
  section?: string | undefined;
  index?: string | undefined;
}) {
  const { app, canEdit, section } = props;
  const { provisioning } = useApis();
  const job = useAsync(() => provisioning.job(app.id), [app.id]);
  const base = `/identity/apps/${encodeURIComponent(app.id)}/provisioning`;

  return (
    <>
      <TabLinks
        className="subtabs"
        label="Provisioning"
        tabs={[
          { to: base, label: 'Overview' },
          { to: `${base}/configure`, label: 'Edit provisioning', prefix: true },
          { to: `${base}/on-demand`, label: 'Provision on demand' },
          { to: `${base}/logs`, label: 'Provisioning logs' },
        ]}
      />
      {section === 'logs' ? (
        <LogsPage app={app} />
      ) : section === 'on-demand' ? (
        <OnDemandPage app={app} canEdit={canEdit} />
      ) : section === 'mapping' ? (
        <ObjectMappingEditor app={app} index={props.index} base={base} canEdit={canEdit} />
      ) : section === 'configure' ? (
        <Loaded state={job} what="provisioning job">
          {(loaded) => (
            <ConfigureProvisioning
              app={app}
              job={loaded}
              base={base}
              canEdit={canEdit}
              onSaved={() => void job.reload()}
            />
          )}
        </Loaded>
      ) : section === undefined ? (
        <ProvisioningOverview
          app={app.id}
          base={base}
          canEdit={canEdit}
          onJobChanged={() => void job.reload()}
        />
      ) : (
        <p>
          The Provisioning tab has no part called <code>{section}</code>.
        </p>
      )}
    </>
  );
}
