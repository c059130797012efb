/**
 * The limits of the expression language, in one place.
 *
 * - `maxExpressionLength`: Entra refuses expressions over 10,000 characters (entra-scim-contract.md,
 *   "Expression max 10,000 characters"); we count UTF-16 code units, as .NET's `string.Length` does.
 * - `maxNestingDepth`: not an Entra number; it keeps the recursive parser and evaluator far from
 *   the JavaScript stack limit (10,000 characters could otherwise nest ~2,500 calls deep).
 * - `maxRegexInputLength`: a regular expression never runs on more text than this (see
 *   `regex/compile-regex.ts` for the rest of the regex safety story).
 * - `maxRandomStringLength`: RandomString's documented maximum.
 *
 * Example: text.length > expressionLimits.maxExpressionLength → ExpressionError 'tooLong'
 */
export const expressionLimits = {
  maxExpressionLength: 10_000,
  maxNestingDepth: 64,
  maxRegexInputLength: 10_000,
  maxRandomStringLength: 256,
} as const;
