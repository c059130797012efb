/**
 * Shows what a useAsync load is doing: "Loading…" the first time, the error in words when it
 * failed (with a sign-in link when the session expired), else the content. A reload keeps the
 * content on screen.
 *
 * Example: <Loaded state={users} what="users">{(page) => <UserTable page={page} />}</Loaded>
 */
import type { ReactNode } from 'react';
import { ApiFailure } from '../api/http.ts';
import { ErrorAlert } from './alert.tsx';
import { sentence } from './form-errors.ts';
import type { Async } from './use-async.ts';

export function Loaded<T>(props: {
  state: Async<T>;
  what: string;
  children: (data: T) => ReactNode;
  onUnauthorized?: () => void;
}) {
  const { data, error, loading } = props.state;
  const expired = error instanceof ApiFailure && error.code === 'unauthorized';
  return (
    <>
      {error ? (
        <div>
          <ErrorAlert
            title={`The ${props.what} could not be loaded`}
            message={sentence(error.message)}
          />
          {expired && props.onUnauthorized ? (
            <button type="button" onClick={props.onUnauthorized}>
              Sign in again
            </button>
          ) : null}
        </div>
      ) : null}
      {data !== undefined ? (
        props.children(data)
      ) : loading && !error ? (
        <p aria-live="polite">Loading {props.what}…</p>
      ) : null}
    </>
  );
}
