/**
 * What the identity provider provisioned into this tenant, live: users or groups, paged, with
 * an optional SCIM filter (its syntax errors show next to the box, in the API's words), and a
 * refresh every few seconds that can be paused.
 *
 * Example: <ProvisionedList tenant="acme" kind="users" />
 */
import { useState } from 'react';
import { useApis } from '../api/api-context.tsx';
import type { ScimResource } from '../api/app-api.ts';
import { ApiFailure } from '../api/http.ts';
import { ErrorAlert } from '../ui/alert.tsx';
import { CheckboxField, TextField } from '../ui/field.tsx';
import { sentence } from '../ui/form-errors.ts';
import { formatDate, formatTime } from '../ui/format.ts';
import { Pager } from '../ui/pager.tsx';
import { PageHeader } from '../ui/shell.tsx';
import { useAsync } from '../ui/use-async.ts';
import { useInterval } from '../ui/use-interval.ts';

const pageSize = 25;
const refreshMs = 3000;

const emailOf = (r: ScimResource) =>
  r.emails?.find((e) => e.primary)?.value ?? r.emails?.[0]?.value ?? '';

export function ProvisionedList(props: { tenant: string; kind: 'users' | 'groups' }) {
  const { app } = useApis();
  const [draft, setDraft] = useState('');
  const [filter, setFilter] = useState('');
  const [startIndex, setStartIndex] = useState(1);
  const [live, setLive] = useState(true);
  const list = useAsync(
    () =>
      (props.kind === 'users' ? app.users : app.groups)(props.tenant, {
        filter: filter || undefined,
        startIndex,
        count: pageSize,
      }),
    [props.tenant, props.kind, filter, startIndex],
  );
  useInterval(list.reload, refreshMs, live);

  const filterError =
    list.error instanceof ApiFailure && list.error.field === 'filter'
      ? sentence(list.error.message)
      : undefined;
  const title = props.kind === 'users' ? 'Provisioned users' : 'Provisioned groups';

  return (
    <>
      <PageHeader title={title}>
        What identity providers created in this tenant over SCIM. The list refreshes by itself.
      </PageHeader>
      <search>
        <form
          className="toolbar"
          aria-label={`Filter ${props.kind}`}
          onSubmit={(event) => {
            event.preventDefault();
            setStartIndex(1);
            setFilter(draft.trim());
          }}
        >
          <TextField
            label="SCIM filter"
            name="filter"
            type="search"
            value={draft}
            onChange={setDraft}
            placeholder={props.kind === 'users' ? 'userName sw "a"' : 'displayName co "sales"'}
            error={filterError}
          />
          <button type="submit">Apply filter</button>
          <CheckboxField
            label={`Live: refresh every ${refreshMs / 1000} s`}
            name="live"
            checked={live}
            onChange={setLive}
          />
          <span className="muted" aria-live="off">
            {list.loadedAt ? `Updated ${formatTime(list.loadedAt)}` : ''}
          </span>
        </form>
      </search>
      {list.error && !filterError ? (
        <ErrorAlert
          title={`The ${props.kind} could not be loaded`}
          message={sentence(list.error.message)}
        />
      ) : null}
      {list.data ? (
        <>
          {list.data.items.length === 0 ? (
            <p className="empty">
              {filter
                ? `No ${props.kind} match this filter.`
                : `No ${props.kind} yet. They appear here when an identity provider provisions them.`}
            </p>
          ) : props.kind === 'users' ? (
            <UserRows rows={list.data.items} />
          ) : (
            <GroupRows rows={list.data.items} />
          )}
          <Pager
            total={list.data.totalResults}
            startIndex={startIndex}
            count={pageSize}
            onPage={setStartIndex}
            noun={props.kind}
          />
        </>
      ) : list.loading ? (
        <p>Loading {props.kind}…</p>
      ) : null}
    </>
  );
}

function UserRows({ rows }: { rows: ScimResource[] }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Provisioned users</caption>
      <thead>
        <tr>
          <th scope="col">User name</th>
          <th scope="col">Name</th>
          <th scope="col">Email</th>
          <th scope="col">Status</th>
          <th scope="col">External id</th>
          <th scope="col">Last changed</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((user) => (
          <tr key={user.id}>
            <td>{user.userName}</td>
            <td>
              {user.displayName ??
                user.name?.formatted ??
                [user.name?.givenName, user.name?.familyName].filter(Boolean).join(' ')}
            </td>
            <td>{emailOf(user)}</td>
            <td>
              {user.active === false ? (
                <span className="badge badge-off">Disabled</span>
              ) : (
                <span className="badge badge-on">Active</span>
              )}
            </td>
            <td className="mono">{user.externalId ?? ''}</td>
            <td title={user.lastModified}>{formatDate(user.lastModified)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function GroupRows({ rows }: { rows: ScimResource[] }) {
  return (
    <table className="table">
      <caption className="visually-hidden">Provisioned groups</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Members</th>
          <th scope="col">External id</th>
          <th scope="col">Last changed</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((group) => (
          <tr key={group.id}>
            <td>{group.displayName}</td>
            <td>{group.members?.length ?? 0}</td>
            <td className="mono">{group.externalId ?? ''}</td>
            <td title={group.lastModified}>{formatDate(group.lastModified)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
