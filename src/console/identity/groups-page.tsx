/**
 * Directory groups: search, Active/Deleted/All, paged 25 at a time; a name opens the group.
 *
 * Example: <GroupsPage canEdit />
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

export function GroupsPage({ canEdit }: { canEdit: boolean }) {
  const { identity } = useApis();
  const [query, setQuery] = useState<{ search: string; state: DirectoryState }>({
    search: '',
    state: 'active',
  });
  const [startIndex, setStartIndex] = useState(1);
  const groups = useAsync(
    () =>
      identity.groups({ ...query, search: query.search || undefined, startIndex, count: pageSize }),
    [query.search, query.state, startIndex],
  );
  const searchError =
    groups.error instanceof ApiFailure && groups.error.field === 'search'
      ? sentence(groups.error.message)
      : undefined;

  return (
    <>
      <PageHeader
        title="Groups"
        actions={
          canEdit ? (
            <Link to="/identity/groups/new" className="button primary">
              New group
            </Link>
          ) : null
        }
      >
        Groups of users (and of other groups). Assigning a group to an app provisions its members.
      </PageHeader>
      <DirectoryToolbar
        noun="groups"
        hint="The start of a group's display name."
        searchError={searchError}
        onApply={(search, state) => {
          setStartIndex(1);
          setQuery({ search, state });
        }}
      />
      {groups.error && !searchError ? (
        <ErrorAlert
          title="The groups could not be loaded"
          message={sentence(groups.error.message)}
        />
      ) : null}
      {groups.data ? (
        <>
          {groups.data.items.length === 0 ? (
            <p className="empty">No groups match.</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">Directory groups</caption>
              <thead>
                <tr>
                  <th scope="col">Display name</th>
                  <th scope="col">Description</th>
                  <th scope="col">Type</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {groups.data.items.map((group) => (
                  <tr key={group.id}>
                    <td>
                      <Link to={`/identity/groups/${group.id}`}>{group.displayName}</Link>
                    </td>
                    <td>{group.description ?? ''}</td>
                    <td>{group.securityEnabled ? 'Security' : 'Distribution'}</td>
                    <td>
                      {group.deleted ? (
                        <span className="badge badge-off">Deleted</span>
                      ) : (
                        <span className="badge badge-on">Active</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <Pager
            total={groups.data.totalResults}
            startIndex={startIndex}
            count={pageSize}
            onPage={setStartIndex}
            noun="groups"
          />
        </>
      ) : groups.loading ? (
        <p>Loading groups…</p>
      ) : null}
    </>
  );
}
