/**
 * SCIM filters and attribute paths (RFC 7644 §3.4.2.2, §3.5.2, §3.10): parse, stringify,
 * evaluate. The store's SQL compiler consumes the same AST.
 *
 * Example: evaluateFilter(parseFilter('userName eq "bjensen"'), user, users)
 */
export type { AttrPath, CompareOperator, FilterLiteral, FilterNode, PatchPath } from './ast.ts';
export { parseAttrPath } from './attr-path.ts';
export {
  bindComparison,
  type ComparisonValue,
  comparisonTest,
} from './comparison.ts';
export { compileElementFilter, compileFilter } from './compile.ts';
export { evaluateFilter, matchesElement } from './evaluate.ts';
export { defaultFilterLimits, type FilterLimits } from './limits.ts';
export { type BoundOperand, bindOperand, isPresent, readOperand } from './operand.ts';
export { parseFilter } from './parse.ts';
export { parsePatchPath } from './patch-path.ts';
export {
  stringifyAttrPath,
  stringifyFilter,
  stringifyLiteral,
  stringifyPatchPath,
} from './stringify.ts';
