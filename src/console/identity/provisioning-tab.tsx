/**
 * The app's Provisioning tab. The provisioning service's admin API (credentials, Test
 * Connection, mappings, start/stop, status and logs) is not in this server yet, so the tab
 * says so plainly and shows nothing made up; it fills in when those routes land.
 *
 * Example: <ProvisioningTab app={app} canEdit />
 */
import type { EnterpriseApp } from '../api/identity-api.ts';

export function ProvisioningTab({ app }: { app: EnterpriseApp; canEdit: boolean }) {
  return (
    <section className="card" aria-labelledby="provisioning-heading">
      <h2 id="provisioning-heading">Provisioning</h2>
      <p className="coming" role="note">
        <strong>Coming with the provisioning API.</strong> Automatic provisioning of {app.name}{' '}
        (Tenant URL and Secret Token, Test Connection, mappings, start and stop, current status and
        provisioning logs) appears here once the server's provisioning service is in.
      </p>
      <p>
        Meanwhile, assign users and groups on the <strong>Users and groups</strong> tab: they are
        what will be provisioned.
      </p>
    </section>
  );
}
