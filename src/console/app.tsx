/**
 * The console's top: `/` lets a person choose a side, `/app/…` is the app console (the SaaS
 * app's admin: Base URL, Secret Tokens, provisioned accounts), `/identity/…` the identity
 * console (directory, enterprise apps, assignments, provisioning). Anything else is a page
 * that says it does not exist.
 *
 * Example: createRoot(el).render(<ApiProvider apis={createApis(fetch)}><App /></ApiProvider>)
 */
import { AppConsole } from './app-side/app-console.tsx';
import { IdentityConsole } from './identity/identity-console.tsx';
import { Link, usePath } from './router.tsx';
import { Shell } from './ui/shell.tsx';

export function App() {
  const path = usePath();
  if (path === '/app' || path.startsWith('/app/')) return <AppConsole path={path} />;
  if (path === '/identity' || path.startsWith('/identity/')) return <IdentityConsole path={path} />;
  if (path === '/' || path === '') return <Home />;
  return (
    <Shell title="Console" nav={[]}>
      <h1>Page not found</h1>
      <p>
        There is no console page at <code>{path}</code>. <Link to="/">Go to the start</Link>.
      </p>
    </Shell>
  );
}

function Home() {
  return (
    <Shell title="Console" nav={[]}>
      <h1>Roster console</h1>
      <p className="page-lead">
        Both sides of SCIM provisioning in one place, as in the tutorial "Configure Wrike for
        automatic user provisioning".
      </p>
      <ul className="tiles">
        <li className="tile">
          <h2>App console</h2>
          <p>
            The SaaS app's side (Wrike in the tutorial): sign in as a tenant admin, copy the SCIM
            Base URL, create a Secret Token, and watch the provisioned users arrive.
          </p>
          <Link to="/app" className="button primary">
            Open the app console
          </Link>
        </li>
        <li className="tile">
          <h2>Identity console</h2>
          <p>
            The identity provider's side (Microsoft Entra ID in the tutorial): users and groups,
            enterprise applications from the gallery, assignments and provisioning.
          </p>
          <Link to="/identity" className="button primary">
            Open the identity console
          </Link>
        </li>
      </ul>
    </Shell>
  );
}
