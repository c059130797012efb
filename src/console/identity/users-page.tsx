/**
 * Directory users: search, Active/Deleted/All, paged 25 at a time; a name opens the user.
 *
 * Example: <UsersPage canEdit />
 */
import { useState } from 'react';
import { useApis } from '../api/api-context.tsx';
import { ApiFailure } from '../api/http.ts';
import { Link } from '../router.tsx';
import { ErrorAlert } from '../ui/alert.tsx';
import { sentence } from '../ui/form-errors.ts';
import { Pager } from '../ui/pager.tsx';
import { PageHeader } from '../ui/shell.tsx';
import { useAsync } from '../ui/use-async.ts';
import { type DirectoryState, DirectoryToolbar } from './directory-toolbar.tsx';

const pageSize = 25;

export function UsersPage({ canEdit }: { canEdit: boolean }) {
  const { identity } = useApis();
  const [query, setQuery] = useState<{ search: string; state: DirectoryState }>({
    search: '',
    state: 'active',
  });
  const [startIndex, setStartIndex] = useState(1);
  const users = useAsync(
    () =>
      identity.users({ ...query, search: query.search || undefined, startIndex, count: pageSize }),
    [query.search, query.state, startIndex],
  );
  const searchError =
    users.error instanceof ApiFailure && users.error.field === 'search'
      ? sentence(users.error.message)
      : undefined;

  return (
    <>
      <PageHeader
        title="Users"
        actions={
          canEdit ? (
            <Link to="/identity/users/new" className="button primary">
              New user
            </Link>
          ) : null
        }
      >
        Everyone in the directory. Assign them (or their groups) to an enterprise application to
        provision them.
      </PageHeader>
      <DirectoryToolbar
        noun="users"
        hint="The start of a sign-in name, display name or email."
        searchError={searchError}
        onApply={(search, state) => {
          setStartIndex(1);
          setQuery({ search, state });
        }}
      />
      {users.error && !searchError ? (
        <ErrorAlert title="The users could not be loaded" message={sentence(users.error.message)} />
      ) : null}
      {users.data ? (
        <>
          {users.data.items.length === 0 ? (
            <p className="empty">No users match.</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">Directory users</caption>
              <thead>
                <tr>
                  <th scope="col">Display name</th>
                  <th scope="col">User principal name</th>
                  <th scope="col">Department</th>
                  <th scope="col">Job title</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {users.data.items.map((user) => (
                  <tr key={user.id}>
                    <td>
                      <Link to={`/identity/users/${user.id}`}>
                        {user.displayName || user.userPrincipalName}
                      </Link>
                    </td>
                    <td>{user.userPrincipalName}</td>
                    <td>{user.department ?? ''}</td>
                    <td>{user.jobTitle ?? ''}</td>
                    <td>
                      {user.deleted ? (
                        <span className="badge badge-off">Deleted</span>
                      ) : user.accountEnabled ? (
                        <span className="badge badge-on">Enabled</span>
                      ) : (
                        <span className="badge badge-off">Disabled</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager
            total={users.data.totalResults}
            startIndex={startIndex}
            count={pageSize}
            onPage={setStartIndex}
            noun="users"
          />
        </>
      ) : users.loading ? (
        <p>Loading users…</p>
      ) : null}
    </>
  );
}
