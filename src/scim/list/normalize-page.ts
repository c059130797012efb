/**
 * Reads the RFC 7644 §3.4.2.4 paging parameters the lenient way the RFC prescribes:
 * startIndex below 1 means 1, a negative count means 0, an absent or empty one means the
 * server default, and a count above the server maximum is clamped to it. A value that is not
 * an integer at all is a 400 invalidValue quoting it.
 *
 * Example: normalizePage({ startIndex: '0', count: '-5' }, { defaultCount: 100, maxCount: 200 })
 *   → { startIndex: 1, count: 0 }
 */
import { badRequest, quote } from '../errors.ts';

export interface PageRequest {
  /** As received: query-string text, a JSON number from POST /.search, or absent. */
  startIndex?: unknown;
  count?: unknown;
}

export interface PageLimits {
  /** Page size when the client gives no count. */
  defaultCount: number;
  /** The most resources one page may hold (ServiceProviderConfig filter.maxResults). */
  maxCount: number;
}

export interface Page {
  startIndex: number;
  count: number;
}

const integerText = /^[+-]?\d+$/;

/** The integer in `value`, undefined when absent or empty, a 400 when not an integer. */
function readInteger(name: string, value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  let n: number;
  if (typeof value === 'number') n = value;
  else if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed === '') return undefined;
    n = integerText.test(trimmed) ? Number(trimmed) : Number.NaN;
  } else n = Number.NaN;
  if (!Number.isInteger(n)) {
    throw badRequest('invalidValue', `Parameter "${name}" must be an integer, got ${quote(value)}`);
  }
  return n;
}

/** The page to serve (RFC 7644 §3.4.2.4). */
export function normalizePage(request: PageRequest, limits: PageLimits): Page {
  const maxCount = Math.max(0, limits.maxCount);
  const startIndex = readInteger('startIndex', request.startIndex) ?? 1;
  const count = readInteger('count', request.count) ?? limits.defaultCount;
  return {
    startIndex: Math.min(Math.max(startIndex, 1), Number.MAX_SAFE_INTEGER),
    count: Math.min(Math.max(count, 0), maxCount),
  };
}
