/**
 * The arithmetic of a SCIM-style page (1-based `startIndex`, `count` per page, `totalResults`):
 * which rows are shown, which page this is, and where the neighbouring pages start.
 *
 * Example: pageInfo(312, 51, 50) → { from: 51, to: 100, page: 2, pages: 7, previous: 1, next: 101, last: 301 }
 */
export interface PageInfo {
  /** 1-based number of the first row shown (0 when there are none). */
  from: number;
  /** 1-based number of the last row shown. */
  to: number;
  page: number;
  pages: number;
  /** startIndex of the previous page, or null on the first. */
  previous: number | null;
  /** startIndex of the next page, or null on the last. */
  next: number | null;
  /** startIndex of the last page. */
  last: number;
}

export function pageInfo(totalResults: number, startIndex: number, count: number): PageInfo {
  const size = Math.max(1, Math.floor(count));
  const total = Math.max(0, Math.floor(totalResults));
  const start = Math.max(1, Math.floor(startIndex));
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(pages, Math.floor((start - 1) / size) + 1);
  const from = total === 0 || start > total ? 0 : start;
  const to = from === 0 ? 0 : Math.min(total, start + size - 1);
  const last = (pages - 1) * size + 1;
  return {
    from,
    to,
    page,
    pages,
    previous: start > 1 ? Math.max(1, start - size) : null,
    next: start + size <= total ? start + size : null,
    last,
  };
}
