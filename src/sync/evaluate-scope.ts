/**
 * Decides whether a source object passes an object mapping's scoping filters (Entra
 * define-conditional-rules-for-provisioning-user-accounts.md): clauses of a filter are ANDed,
 * filters are ORed, no filter means in scope. Every clause is evaluated and explained, so the
 * reasons can feed provision-on-demand's "determine scope" step and the provisioning log.
 *
 * Semantics, as Entra documents them: EQUALS, NOT EQUALS, Includes, STARTS_WITH, ENDS_WITH and
 * the regex operators are case-sensitive; every operator but IS NULL is false when the value is
 * null or empty (so NOT EQUALS and NOT REGEX MATCH are false for an empty attribute too); the
 * integer operators are false unless the attribute holds an integer. `&` is true when the
 * attribute's value occurs in the clause's text, `!&` when it does not. Entra does not filter on
 * multi-valued attributes; Roster does: a positive operator holds when some value satisfies it,
 * a negated one (NOT EQUALS, NOT REGEX MATCH, !&) when every value does.
 *
 * Example: evaluateScope({ department: 'Sales' }, compiled.scope)
 *   → { inScope: true, reasons: [{ group: 0, passed: true, message: 'department EQUALS "Sales": "Sales" → true', … }] }
 */
import type { AttributeValue } from '../expressions/index.ts';
import type { CompiledScopeClause, CompiledScopeGroup } from './compile-scope.ts';
import type { ScopingClause } from './mapping-config.ts';
import { readSourceAttribute, type SourceObject } from './source-attributes.ts';

export interface ScopeReason {
  /** Index of the scoping filter (group) the clause belongs to. */
  group: number;
  title?: string;
  clause: ScopingClause;
  passed: boolean;
  /** The attribute value tested (undefined when absent). */
  actual: AttributeValue;
  /** `department EQUALS "Sales": "Marketing" → false` */
  message: string;
}

export interface ScopeDecision {
  inScope: boolean;
  reasons: ScopeReason[];
  /** One line for logs: which filter let the object in, or that none did. */
  summary: string;
}

type Scalar = string | number | boolean | Date;

function isEmpty(value: AttributeValue): boolean {
  return (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.every((v) => v === null || v === undefined || v === ''))
  );
}

function text(value: Scalar): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

function integerOf(value: Scalar): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^[+-]?\d+$/.test(value.trim())) return Number(value.trim());
  return undefined;
}

function booleanOf(value: Scalar): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/** The clause on one non-empty scalar value. */
function test(compiled: CompiledScopeClause, value: Scalar): boolean {
  const { operator } = compiled.clause;
  const operand = compiled.clause.value ?? '';
  switch (operator) {
    case 'EQUALS':
      return text(value) === operand;
    case 'NOT EQUALS':
      return text(value) !== operand;
    case 'IS TRUE':
      return booleanOf(value) === true;
    case 'IS FALSE':
      return booleanOf(value) === false;
    case 'IS NULL':
      return false;
    case 'IS NOT NULL':
      return true;
    case 'REGEX MATCH':
      return compiled.regex!.test(text(value));
    case 'NOT REGEX MATCH':
      return !compiled.regex!.test(text(value));
    case 'Greater_Than':
    case 'Greater_Than_OR_EQUALS':
    case 'Less_Than':
    case 'Less_Than_OR_EQUALS': {
      const n = integerOf(value);
      if (n === undefined) return false;
      const limit = compiled.integer!;
      if (operator === 'Greater_Than') return n > limit;
      if (operator === 'Greater_Than_OR_EQUALS') return n >= limit;
      if (operator === 'Less_Than') return n < limit;
      return n <= limit;
    }
    case 'Includes':
      return text(value).includes(operand);
    case 'STARTS_WITH':
      return text(value).startsWith(operand);
    case 'ENDS_WITH':
      return text(value).endsWith(operand);
    case '&':
      return operand.includes(text(value));
    case '!&':
      return !operand.includes(text(value));
  }
}

const negated = new Set(['NOT EQUALS', 'NOT REGEX MATCH', '!&']);

/** One clause against the source object. */
export function evaluateClause(compiled: CompiledScopeClause, source: SourceObject): boolean {
  const value = readSourceAttribute(source, compiled.clause.attribute);
  const { operator } = compiled.clause;
  if (isEmpty(value)) return operator === 'IS NULL';
  if (operator === 'IS NULL') return false;
  const scalars = (Array.isArray(value) ? value : [value]).filter(
    (v): v is Scalar =>
      v instanceof Date || (v !== null && v !== undefined && v !== '' && typeof v !== 'object'),
  );
  if (scalars.length === 0) return false;
  return negated.has(operator)
    ? scalars.every((v) => test(compiled, v))
    : scalars.some((v) => test(compiled, v));
}

function describe(clause: ScopingClause, actual: AttributeValue, passed: boolean): string {
  const operand = clause.value === undefined ? '' : ` ${JSON.stringify(clause.value)}`;
  const shown =
    actual === undefined || actual === null
      ? 'null'
      : actual instanceof Date
        ? actual.toISOString()
        : JSON.stringify(actual);
  return `${clause.attribute} ${clause.operator}${operand}: ${shown} → ${passed}`;
}

/** Evaluates the scoping filters for `source`; see the file comment. */
export function evaluateScope(
  source: SourceObject,
  scope: readonly CompiledScopeGroup[],
): ScopeDecision {
  if (scope.length === 0) {
    return { inScope: true, reasons: [], summary: 'no scoping filter: in scope' };
  }
  const reasons: ScopeReason[] = [];
  let passedGroup: CompiledScopeGroup | undefined;
  for (const group of scope) {
    let all = true;
    for (const compiled of group.clauses) {
      const actual = readSourceAttribute(source, compiled.clause.attribute);
      const passed = evaluateClause(compiled, source);
      all &&= passed;
      const reason: ScopeReason = {
        group: group.index,
        clause: compiled.clause,
        passed,
        actual,
        message: describe(compiled.clause, actual, passed),
      };
      if (group.title !== undefined) reason.title = group.title;
      reasons.push(reason);
    }
    if (all && passedGroup === undefined) passedGroup = group;
  }
  const name = (g: CompiledScopeGroup) => (g.title ? `"${g.title}"` : `#${g.index + 1}`);
  const summary = passedGroup
    ? `in scope: scoping filter ${name(passedGroup)} holds`
    : `out of scope: none of ${scope.length} scoping filter(s) holds`;
  return { inScope: passedGroup !== undefined, reasons, summary };
}
