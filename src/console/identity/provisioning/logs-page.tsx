/**
 * Provisioning logs (the tutorial's "provisioning activity report"): filters (status, action,
 * identity, date range), newest first 25 at a time with Newer and Older, a detail view per
 * entry, and CSV and JSON downloads of every entry the filters match. Refreshes every 5 s.
 *
 * Example: <LogsPage app={app} />
 */
import { useState } from 'react';
import { useApis } from '../../api/api-context.tsx';
import type { EnterpriseApp } from '../../api/identity-api.ts';
import type { LogEntry, LogQuery } from '../../api/provisioning-types.ts';
import { SelectField, TextField } from '../../ui/field.tsx';
import { Loaded } from '../../ui/loaded.tsx';
import { useAsync } from '../../ui/use-async.ts';
import { useInterval } from '../../ui/use-interval.ts';
import { LogDetailDialog } from './log-detail-dialog.tsx';
import {
  actionOptions,
  describeFilters,
  emptyFilters,
  type LogFilterValues,
  queryOf,
  statusOptions,
} from './log-filters.ts';
import { LogTable } from './log-table.tsx';

export const logPageSize = 25;

export function LogsPage({ app }: { app: EnterpriseApp }) {
  const { provisioning } = useApis();
  const [values, setValues] = useState<LogFilterValues>(emptyFilters);
  const [errors, setErrors] = useState<Partial<Record<keyof LogFilterValues, string>>>({});
  const [query, setQuery] = useState<LogQuery>({});
  /** `before` cursors of the pages seen: the last one is the page shown. */
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const [open, setOpen] = useState<LogEntry>();
  const before = cursors[cursors.length - 1];
  const page = useAsync(
    () => provisioning.logs(app.id, query, { limit: logPageSize, before }),
    [app.id, query, before],
  );
  useInterval(page.reload, 5000, cursors.length === 1);
  const set = (name: keyof LogFilterValues) => (value: string) =>
    setValues((old) => ({ ...old, [name]: value }));

  return (
    <section aria-labelledby="logs-heading">
      <h2 id="logs-heading">Provisioning logs</h2>
      <search>
        <form
          className="toolbar"
          aria-label="Filter provisioning logs"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const made = queryOf(values);
            setErrors(made.errors);
            if (Object.keys(made.errors).length > 0) return;
            setQuery(made.query);
            setCursors([undefined]);
          }}
        >
          <SelectField
            label="Status"
            name="status"
            value={values.status}
            onChange={set('status')}
            options={statusOptions}
          />
          <SelectField
            label="Action"
            name="action"
            value={values.action}
            onChange={set('action')}
            options={actionOptions}
          />
          <TextField
            label="Identity"
            name="identity"
            type="search"
            value={values.identity}
            onChange={set('identity')}
            placeholder="name, or object id"
          />
          <TextField
            label="From"
            name="since"
            type="datetime-local"
            value={values.since}
            onChange={set('since')}
            error={errors.since}
          />
          <TextField
            label="To"
            name="until"
            type="datetime-local"
            value={values.until}
            onChange={set('until')}
            error={errors.until}
          />
          <button type="submit">Apply filters</button>
          <button
            type="button"
            onClick={() => {
              setValues(emptyFilters);
              setErrors({});
              setQuery({});
              setCursors([undefined]);
            }}
          >
            Clear
          </button>
        </form>
      </search>
      <p className="downloads">
        Download {describeFilters(query)}:{' '}
        <a className="button" href={provisioning.logsUrl(app.id, query, 'csv')} download>
          CSV
        </a>{' '}
        <a className="button" href={provisioning.logsUrl(app.id, query, 'json')} download>
          JSON
        </a>
      </p>
      <Loaded state={page} what="provisioning logs">
        {(data) => (
          <>
            {data.entries.length === 0 ? (
              <p className="empty">
                {Object.keys(query).length > 0
                  ? 'No entries match these filters.'
                  : 'No entries yet: they appear as cycles run.'}
              </p>
            ) : (
              <LogTable
                entries={data.entries}
                caption={`Provisioning log entries, ${describeFilters(query)}`}
                onOpen={setOpen}
              />
            )}
            <nav className="pager" aria-label="Pages of provisioning logs">
              <p className="pager-summary" aria-live="polite">
                Page {cursors.length}
                {data.entries.length > 0
                  ? `: ${data.entries.length} ${data.entries.length === 1 ? 'entry' : 'entries'}, newest first`
                  : ''}
              </p>
              <div className="pager-buttons">
                <button
                  type="button"
                  disabled={cursors.length === 1}
                  onClick={() => setCursors([undefined])}
                >
                  Newest
                </button>
                <button
                  type="button"
                  disabled={cursors.length === 1}
                  onClick={() => setCursors((c) => c.slice(0, -1))}
                >
                  Newer
                </button>
                <button
                  type="button"
                  disabled={data.next === undefined}
                  onClick={() => setCursors((c) => [...c, data.next])}
                >
                  Older
                </button>
              </div>
            </nav>
          </>
        )}
      </Loaded>
      {open ? <LogDetailDialog entry={open} onClose={() => setOpen(undefined)} /> : null}
    </section>
  );
}
