/**
 * The provisioning logs' filters as data: what the boxes hold (status, action, identity, and a
 * date range typed in the browser's local time) and the API query they make (ISO 8601 times),
 * or the errors that keep them from making one, keyed by the box they are about.
 *
 * Example: queryOf({ status: 'Failure', action: '', identity: ' ann ', since: '2026-12-01T09:00', until: '' })
 *   → { query: { status: 'Failure', identity: 'ann', since: '2026-12-01T08:00:00.000Z' }, errors: {} } (in UTC+1)
 */
import {
  type LogAction,
  type LogQuery,
  type LogStatus,
  logActions,
  logStatuses,
} from '../../api/provisioning-types.ts';

export interface LogFilterValues {
  status: LogStatus | '';
  action: LogAction | '';
  identity: string;
  /** `YYYY-MM-DDTHH:mm` in local time, as <input type="datetime-local"> gives it, or ''. */
  since: string;
  until: string;
}

export const emptyFilters: LogFilterValues = {
  status: '',
  action: '',
  identity: '',
  since: '',
  until: '',
};

export const statusOptions = [
  { value: '', label: 'Any status' },
  ...logStatuses.map((s) => ({ value: s, label: s })),
];

const actionLabels: Record<LogAction, string> = {
  Create: 'Create',
  Update: 'Update',
  Disable: 'Disable',
  Delete: 'Delete',
  StagedDelete: 'Staged delete',
  Other: 'Other (skip)',
};

export const actionOptions = [
  { value: '', label: 'Any action' },
  ...logActions.map((a) => ({ value: a, label: actionLabels[a] })),
];

function isoOf(local: string): string | null {
  if (local === '') return null;
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

export function queryOf(values: LogFilterValues): {
  query: LogQuery;
  errors: Partial<Record<keyof LogFilterValues, string>>;
} {
  const errors: Partial<Record<keyof LogFilterValues, string>> = {};
  const query: LogQuery = {};
  if (values.status) query.status = values.status;
  if (values.action) query.action = values.action;
  const identity = values.identity.trim();
  if (identity) query.identity = identity;
  const since = isoOf(values.since);
  const until = isoOf(values.until);
  if (values.since && !since) errors.since = 'Enter a date and time, or leave it empty.';
  if (values.until && !until) errors.until = 'Enter a date and time, or leave it empty.';
  if (since) query.since = since;
  if (until) query.until = until;
  if (since && until && until <= since) errors.until = 'The end must be after the start.';
  return { query, errors };
}

/** The filters in words, for the table's caption ("Failures for ann since 1 Dec"). */
export function describeFilters(query: LogQuery): string {
  const parts = [
    query.status ? `status ${query.status}` : '',
    query.action ? `action ${query.action}` : '',
    query.identity ? `identity starting "${query.identity}"` : '',
    query.since ? `since ${new Date(query.since).toLocaleString()}` : '',
    query.until ? `until ${new Date(query.until).toLocaleString()}` : '',
  ].filter(Boolean);
  return parts.length === 0 ? 'all entries' : parts.join(', ');
}
