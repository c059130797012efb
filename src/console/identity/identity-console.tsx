/**
 * The identity console (the tutorial's Microsoft Entra admin center), under /identity:
 *   /identity/users[/new|/:id]          directory users
 *   /identity/groups[/new|/:id]         directory groups
 *   /identity/apps                      Enterprise applications
 *   /identity/apps/new                  New application: the gallery
 *   /identity/apps/:app[/users|/provisioning]   one app: overview, Users and groups, Provisioning
 *   /identity/apps/:app/provisioning/(configure|on-demand|logs|configure/mappings/:i)   its parts
 * Without a live session every path shows the sign-in first.
 *
 * Example: <IdentityConsole path="/identity/apps/new" />
 */
import type { ReactNode } from 'react';
import { useApis } from '../api/api-context.tsx';
import { ApiFailure } from '../api/http.ts';
import type { Me } from '../api/identity-api.ts';
import { matchPath, navigate } from '../router.tsx';
import { Loaded } from '../ui/loaded.tsx';
import { Shell } from '../ui/shell.tsx';
import { useAsync } from '../ui/use-async.ts';
import { AppPage } from './app-page.tsx';
import { AppsPage } from './apps-page.tsx';
import { GalleryPage } from './gallery-page.tsx';
import { GroupPage } from './group-page.tsx';
import { GroupsPage } from './groups-page.tsx';
import { IdentitySignIn } from './identity-sign-in.tsx';
import { UserPage } from './user-page.tsx';
import { UsersPage } from './users-page.tsx';

export function IdentityConsole({ path }: { path: string }) {
  const { identity } = useApis();
  const me = useAsync(() => identity.me(), []);
  const signedOut = me.error instanceof ApiFailure && me.error.code === 'unauthorized';

  if (signedOut)
    return (
      <Shell title="Identity console" nav={[]}>
        <IdentitySignIn
          onSignedIn={async () => {
            await me.reload();
            if (path === '/identity' || path === '/identity/')
              navigate('/identity/users', { replace: true });
          }}
        />
      </Shell>
    );

  const signOut = async () => {
    try {
      await identity.signOut();
    } finally {
      await me.reload();
    }
  };

  return (
    <Shell
      title="Identity console"
      who={me.data ? `${me.data.name} (${me.data.role})` : undefined}
      nav={[
        { to: '/identity/users', label: 'Users', prefix: true },
        { to: '/identity/groups', label: 'Groups', prefix: true },
        { to: '/identity/apps', label: 'Enterprise applications', prefix: true },
      ]}
      onSignOut={signOut}
    >
      <Loaded state={me} what="your account">
        {(who) => <Screen path={path} me={who} />}
      </Loaded>
    </Shell>
  );
}

/** The screens, first match wins; `:name` parts become props. */
const screens: [string, (p: Record<string, string>, can: Can) => ReactNode][] = [
  ['/identity/groups', (_, can) => <GroupsPage canEdit={can.directory} />],
  ['/identity/groups/new', (_, can) => <GroupPage canEdit={can.directory} />],
  ['/identity/groups/:id', (p, can) => <GroupPage id={p.id} canEdit={can.directory} />],
  ['/identity/apps', (_, can) => <AppsPage canEdit={can.apps} />],
  ['/identity/apps/new', (_, can) => <GalleryPage canEdit={can.apps} />],
  ['/identity/apps/:app', (p, can) => <AppPage app={p.app!} tab="overview" canEdit={can.apps} />],
  [
    '/identity/apps/:app/:tab',
    (p, can) => <AppPage app={p.app!} tab={p.tab!} canEdit={can.apps} />,
  ],
  [
    '/identity/apps/:app/provisioning/:section',
    (p, can) => <AppPage app={p.app!} tab="provisioning" section={p.section} canEdit={can.apps} />,
  ],
  [
    '/identity/apps/:app/provisioning/configure/mappings/:index',
    (p, can) => (
      <AppPage
        app={p.app!}
        tab="provisioning"
        section="mapping"
        index={p.index}
        canEdit={can.apps}
      />
    ),
  ],
  ['/identity/users/new', (_, can) => <UserPage canEdit={can.directory} />],
  ['/identity/users/:id', (p, can) => <UserPage id={p.id} canEdit={can.directory} />],
];

interface Can {
  directory: boolean;
  apps: boolean;
}

function Screen({ path, me }: { path: string; me: Me }) {
  const can = {
    directory: me.permissions.includes('manageDirectory'),
    apps: me.permissions.includes('manageApps'),
  };
  for (const [pattern, render] of screens) {
    const params = matchPath(pattern, path);
    if (params) return render(params, can);
  }
  return <UsersPage canEdit={can.directory} />;
}
