/**
 * The bounds that stop hostile filters and paths early with a clear 400 instead of deep
 * recursion or slow loops. RFC 7644 §3.4.2.2 sets no limits; a service provider may refuse
 * what it will not evaluate (§3.12 `invalidFilter`).
 *
 * Example: parseFilter(text, { maxTerms: 50 }) refuses a filter with 51 comparisons.
 */
import type { Fail } from './syntax-error.ts';

export interface FilterLimits {
  /** Longest accepted input, in UTF-16 code units. */
  maxLength: number;
  /** Deepest nesting of parentheses (including `not (…)`) and value-filter brackets. */
  maxDepth: number;
  /** Most attribute expressions (comparisons and `pr`) in one filter. */
  maxTerms: number;
}

export const defaultFilterLimits: Readonly<FilterLimits> = Object.freeze({
  maxLength: 10_000,
  maxDepth: 32,
  maxTerms: 200,
});

/** The defaults overridden by the caller's choices. */
export function withDefaults(limits: Partial<FilterLimits> = {}): FilterLimits {
  return { ...defaultFilterLimits, ...limits };
}

/** Refuses input longer than `limits.maxLength` before any scanning happens. */
export function checkLength(source: string, limits: FilterLimits, fail: Fail): void {
  if (source.length > limits.maxLength) {
    fail(`Input longer than ${limits.maxLength} characters (${source.length})`, limits.maxLength);
  }
}
