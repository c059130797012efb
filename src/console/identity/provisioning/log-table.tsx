/**
 * The provisioning log entries as a table, newest first: date, identity, action, status and
 * error code, with a Details button per entry named after the entry for screen readers.
 *
 * Example: <LogTable entries={page.entries} caption="Provisioning log entries" onOpen={setOpen} />
 */
import type { LogEntry } from '../../api/provisioning-types.ts';
import { formatDate } from '../../ui/format.ts';

export function LogTable(props: {
  entries: LogEntry[];
  caption: string;
  onOpen: (entry: LogEntry) => void;
}) {
  return (
    <table className="table">
      <caption className="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <th scope="col">Date</th>
          <th scope="col">Identity</th>
          <th scope="col">Action</th>
          <th scope="col">Status</th>
          <th scope="col">Error code</th>
          <th scope="col">
            <span className="visually-hidden">Details</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.entries.map((entry) => (
          <tr key={entry.id}>
            <td title={entry.at}>{formatDate(entry.at)}</td>
            <td>{entry.sourceIdentity}</td>
            <td>{entry.action}</td>
            <td>
              <span className={`badge log-${entry.status.toLowerCase()}`}>{entry.status}</span>
            </td>
            <td className="mono">{entry.errorCode ?? ''}</td>
            <td>
              <button
                type="button"
                onClick={() => props.onOpen(entry)}
                aria-label={`Details of ${entry.action} ${entry.sourceIdentity} at ${formatDate(entry.at)}`}
              >
                Details
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
