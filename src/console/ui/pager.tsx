/**
 * Paging for long lists: "Showing 51–100 of 312", with First, Previous, Next and Last buttons
 * (disabled at the ends, so the keyboard skips them), announced politely when the page changes.
 *
 * Example: <Pager total={312} startIndex={51} count={50} onPage={setStart} noun="users" />
 */
import { pageInfo } from './page-info.ts';

export function Pager(props: {
  total: number;
  startIndex: number;
  count: number;
  onPage: (startIndex: number) => void;
  noun: string;
}) {
  const info = pageInfo(props.total, props.startIndex, props.count);
  const summary =
    info.from === 0
      ? `No ${props.noun} on this page (${props.total} in all)`
      : `Showing ${info.from}–${info.to} of ${props.total} ${props.noun}`;
  return (
    <nav className="pager" aria-label={`Pages of ${props.noun}`}>
      <p className="pager-summary" aria-live="polite">
        {summary}
        {info.pages > 1 ? ` · page ${info.page} of ${info.pages}` : ''}
      </p>
      {info.pages > 1 || info.from === 0 ? (
        <div className="pager-buttons">
          <button type="button" disabled={info.previous === null} onClick={() => props.onPage(1)}>
            First
          </button>
          <button
            type="button"
            disabled={info.previous === null}
            onClick={() => info.previous !== null && props.onPage(info.previous)}
          >
            Previous
          </button>
          <button
            type="button"
            disabled={info.next === null}
            onClick={() => info.next !== null && props.onPage(info.next)}
          >
            Next
          </button>
          <button
            type="button"
            disabled={info.next === null}
            onClick={() => props.onPage(info.last)}
          >
            Last
          </button>
        </div>
      ) : null}
    </nav>
  );
}
