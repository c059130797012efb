/**
 * The app console (the tutorial's Wrike admin console), under /app:
 *   /app                              sign in (tenant, email, password)
 *   /app/:tenant/integrations         Apps & Integrations
 *   /app/:tenant/integrations/scim    SCIM: Base URL, Secret Tokens
 *   /app/:tenant/users, …/groups      what the identity provider provisioned, live
 * A tenant path without a live session shows the sign-in for that tenant.
 *
 * Example: <AppConsole path="/app/acme/integrations/scim" />
 */
import { useApis } from '../api/api-context.tsx';
import { ApiFailure } from '../api/http.ts';
import { Link, matchPath, navigate } from '../router.tsx';
import { Loaded } from '../ui/loaded.tsx';
import { PageHeader, Shell } from '../ui/shell.tsx';
import { useAsync } from '../ui/use-async.ts';
import { AppSignIn } from './app-sign-in.tsx';
import { ProvisionedList } from './provisioned-list.tsx';
import { ScimPage } from './scim-page.tsx';

export function AppConsole({ path }: { path: string }) {
  const params = matchPath('/app/:tenant', path, { prefix: true });
  if (!params)
    return (
      <Shell title="App console" nav={[]}>
        <AppSignIn
          onSignedIn={(tenant) => navigate(`/app/${encodeURIComponent(tenant)}/integrations/scim`)}
        />
      </Shell>
    );
  return <TenantConsole tenant={params.tenant!} path={path} />;
}

function TenantConsole({ tenant, path }: { tenant: string; path: string }) {
  const { app } = useApis();
  const endpoint = useAsync(() => app.scim(tenant), [tenant]);
  const base = `/app/${encodeURIComponent(tenant)}`;
  const signedOut =
    endpoint.error instanceof ApiFailure &&
    (endpoint.error.code === 'unauthorized' || endpoint.error.code === 'forbidden');

  if (signedOut)
    return (
      <Shell title="App console" nav={[]}>
        <AppSignIn tenant={tenant} onSignedIn={() => endpoint.reload()} />
        <p>
          <Link to="/app">Sign in to another tenant</Link>
        </p>
      </Shell>
    );

  const signOut = async () => {
    try {
      await app.signOut(tenant);
    } finally {
      navigate('/app');
    }
  };
  const rest = path.slice(base.length) || '/';

  return (
    <Shell
      title={`App console · ${tenant}`}
      nav={[
        { to: `${base}/integrations`, label: 'Apps & Integrations' },
        { to: `${base}/integrations/scim`, label: 'SCIM' },
        { to: `${base}/users`, label: 'Users' },
        { to: `${base}/groups`, label: 'Groups' },
      ]}
      onSignOut={signOut}
    >
      <Loaded state={endpoint} what="SCIM settings">
        {(scim) =>
          rest === '/integrations/scim' ? (
            <ScimPage tenant={tenant} baseUrl={scim.baseUrl} />
          ) : rest === '/users' ? (
            <ProvisionedList tenant={tenant} kind="users" />
          ) : rest === '/groups' ? (
            <ProvisionedList tenant={tenant} kind="groups" />
          ) : (
            <Integrations base={base} />
          )
        }
      </Loaded>
    </Shell>
  );
}

function Integrations({ base }: { base: string }) {
  return (
    <>
      <PageHeader title="Apps & Integrations">
        Connect this tenant to the services your people already use.
      </PageHeader>
      <ul className="tiles">
        <li className="tile">
          <h2>Microsoft Entra ID</h2>
          <p>
            And any other SCIM 2.0 identity provider (Okta, OneLogin, another Roster): it creates,
            updates and deactivates your users as they join, change and leave.
          </p>
          <Link to={`${base}/integrations/scim`} className="button primary">
            Set up SCIM
          </Link>
        </li>
      </ul>
    </>
  );
}
