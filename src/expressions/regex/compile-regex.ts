/**
 * Compiles Replace's .NET regexPattern once: literal patterns at compile time (once per job),
 * patterns that come from attribute values through a small cache. The safety story:
 *
 * 1. the pattern is translated and compiled by V8 up front, so a broken one is a compile error
 *    with the expression's span, not a failure per object;
 * 2. `check-backtracking.ts` refuses nested unbounded quantifiers, the classic catastrophic shape;
 * 3. `guardRegexInput` refuses subjects longer than `expressionLimits.maxRegexInputLength`.
 *
 * Node has no regex timeout; a pattern with overlapping alternatives under a quantifier can
 * still be slow on long input, which the length cap bounds but does not remove.
 *
 * Example: compileRegex('[()\\s-]+') → /[()\s-]+/gu; compileRegex('(a+)+') → 'nested … quantifier …'
 */
import { failEvaluation } from '../evaluation-error.ts';
import { expressionLimits } from '../limits.ts';
import { findNestedQuantifier } from './check-backtracking.ts';
import { translateRegex } from './translate-regex.ts';

const cache = new Map<string, RegExp | string>();
const cacheSize = 256;

/** A global regex (with group indices) for the pattern, or the reason it is refused. */
export function compileRegex(pattern: string): RegExp | string {
  const cached = cache.get(pattern);
  if (cached !== undefined) return cached;
  const compiled = compileUncached(pattern);
  if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
  cache.set(pattern, compiled);
  return compiled;
}

function compileUncached(pattern: string): RegExp | string {
  const translated = translateRegex(pattern);
  if (typeof translated === 'string') return translated;
  const risky = findNestedQuantifier(translated.source);
  if (risky !== -1) {
    const near = translated.source.slice(risky, risky + 20);
    return `the pattern repeats a group that itself repeats without bound (near '${near}'), which can backtrack catastrophically`;
  }
  try {
    return new RegExp(translated.source, `${translated.flags}gd`);
  } catch (error) {
    return `invalid regular expression: ${(error as Error).message.replace(/^Invalid regular expression: /, '')}`;
  }
}

/** Fails the evaluation when a regex would run on more text than the limit allows. */
export function guardRegexInput(input: string, what: string): void {
  const limit = expressionLimits.maxRegexInputLength;
  if (input.length > limit) {
    failEvaluation(
      `${what}: the value is ${input.length} characters long; regular expressions run on at most ${limit}`,
    );
  }
}
