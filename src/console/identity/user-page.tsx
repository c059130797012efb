/**
 * One directory user: edit the attributes, see the groups they belong to and the apps they are
 * assigned to, soft-delete or restore. Without an id it is the "New user" form.
 *
 * Example: <UserPage id="ann@contoso.test" canEdit />
 */
import { useApis } from '../api/api-context.tsx';
import { Link, navigate } from '../router.tsx';
import { Loaded } from '../ui/loaded.tsx';
import { PageHeader } from '../ui/shell.tsx';
import { useAsync } from '../ui/use-async.ts';
import { DeleteButton, DeletedNotice } from './soft-delete.tsx';
import { UserForm } from './user-form.tsx';

export function UserPage({ id, canEdit }: { id?: string; canEdit: boolean }) {
  const { identity } = useApis();
  if (!id)
    return (
      <>
        <PageHeader title="New user">
          <Link to="/identity/users">Back to users</Link>
        </PageHeader>
        <section className="card">
          <UserForm
            submitLabel="Create user"
            readOnly={!canEdit}
            onSave={async (change) => {
              const user = await identity.addUser(change);
              navigate(`/identity/users/${user.id}`, { replace: true });
            }}
          />
        </section>
      </>
    );
  return <ExistingUser id={id} canEdit={canEdit} />;
}

function ExistingUser({ id, canEdit }: { id: string; canEdit: boolean }) {
  const { identity } = useApis();
  const user = useAsync(() => identity.user(id), [id]);
  const groups = useAsync(() => identity.memberOf(id), [id]);
  const assignments = useAsync(() => identity.userAssignments(id), [id]);

  return (
    <Loaded state={user} what="user">
      {(found) => (
        <>
          <PageHeader
            title={found.displayName || found.userPrincipalName}
            actions={
              canEdit && !found.deleted ? (
                <DeleteButton
                  noun="user"
                  name={found.displayName || found.userPrincipalName}
                  onDelete={async () => {
                    await identity.deleteUser(found.id);
                    await user.reload();
                  }}
                />
              ) : null
            }
          >
            <Link to="/identity/users">Users</Link> › {found.userPrincipalName}
          </PageHeader>
          {found.deleted ? (
            <DeletedNotice
              noun="user"
              deleted={found.deleted}
              restorableUntil={found.restorableUntil}
              canEdit={canEdit}
              onRestore={async () => {
                await identity.restoreUser(found.id);
                await user.reload();
              }}
            />
          ) : (
            <section className="card" aria-labelledby="attributes-heading">
              <h2 id="attributes-heading">Properties</h2>
              <UserForm
                key={found.id}
                user={found}
                readOnly={!canEdit}
                submitLabel="Save"
                onSave={async (change) => {
                  await identity.updateUser(found.id, change);
                  await user.reload();
                }}
              />
            </section>
          )}
          <div className="columns">
            <section className="card" aria-labelledby="groups-heading">
              <h2 id="groups-heading">Groups</h2>
              <Loaded state={groups} what="groups">
                {(list) =>
                  list.length === 0 ? (
                    <p className="empty">Not in any group.</p>
                  ) : (
                    <ul className="plain-list">
                      {list.map((group) => (
                        <li key={group.id}>
                          <Link to={`/identity/groups/${group.id}`}>{group.displayName}</Link>
                        </li>
                      ))}
                    </ul>
                  )
                }
              </Loaded>
            </section>
            <section className="card" aria-labelledby="apps-heading">
              <h2 id="apps-heading">Applications</h2>
              <Loaded state={assignments} what="assignments">
                {(list) =>
                  list.length === 0 ? (
                    <p className="empty">Not assigned to any application directly.</p>
                  ) : (
                    <ul className="plain-list">
                      {list.map((a) => (
                        <li key={a.id}>
                          <Link to={`/identity/apps/${a.appId}/users`}>{a.appName}</Link> as{' '}
                          {a.roleDisplayName}
                          {a.principalType === 'group' && a.principalDisplayName
                            ? ` (through ${a.principalDisplayName})`
                            : ''}
                        </li>
                      ))}
                    </ul>
                  )
                }
              </Loaded>
            </section>
          </div>
        </>
      )}
    </Loaded>
  );
}
