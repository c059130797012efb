/**
 * Parses SCIM filters (RFC 7644 §3.4.2.2): operators and keywords case-insensitive (lower-cased in
 * the AST), precedence not > and > or, value paths, JSON literals, URN-qualified names, and the
 * Entra leniencies described in filter-parser.ts and lexer.ts. Input is bounded by FilterLimits.
 *
 * Example: parseFilter('title pr and userType eq "Employee"')
 *   → { kind: 'and', left: { kind: 'present', … }, right: { kind: 'compare', … } }
 */
import type { FilterNode } from './ast.ts';
import { createFilterParser } from './filter-parser.ts';
import { createLexer } from './lexer.ts';
import { checkLength, type FilterLimits, withDefaults } from './limits.ts';
import { createFail } from './syntax-error.ts';

/**
 * Parses a SCIM filter (RFC 7644 §3.4.2.2) into the AST of ast.ts. Errors are 400
 * `invalidFilter` naming the unexpected token, its 0-based position and the quoted filter.
 *
 * Example: parseFilter('userName eq "bjensen"')
 *   → { kind: 'compare', path: { name: 'userName' }, op: 'eq', value: 'bjensen' }
 */
export function parseFilter(text: string, limits?: Partial<FilterLimits>): FilterNode {
  const bounds = withDefaults(limits);
  const fail = createFail('invalidFilter', 'filter', text);
  checkLength(text, bounds, fail);
  const parser = createFilterParser(createLexer(text, fail), bounds, fail);
  const node = parser.filter();
  parser.expect('end', 'expected "and", "or" or the end of the filter');
  return node;
}
