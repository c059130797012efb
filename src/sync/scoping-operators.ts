/**
 * The scoping-filter operators of Entra (define-conditional-rules-for-provisioning-user-accounts.md),
 * spelled as its admin center shows them, plus Less_Than / Less_Than_OR_EQUALS (listed in
 * Entra's schema for integer attributes) and STARTS_WITH (the mirror of the documented
 * ENDS_WITH; a Roster addition). Input spelling is forgiving: `not_equals`, `Not Equals` and
 * `NOTEQUALS` all read as `NOT EQUALS`.
 *
 * Example: parseScopingOperator('greater than') → 'Greater_Than'; parseScopingOperator('LIKE') → undefined
 */

export const scopingOperators = [
  'EQUALS',
  'NOT EQUALS',
  'IS TRUE',
  'IS FALSE',
  'IS NULL',
  'IS NOT NULL',
  'REGEX MATCH',
  'NOT REGEX MATCH',
  'Greater_Than',
  'Greater_Than_OR_EQUALS',
  'Less_Than',
  'Less_Than_OR_EQUALS',
  'Includes',
  'STARTS_WITH',
  'ENDS_WITH',
  '&',
  '!&',
] as const;

export type ScopingOperator = (typeof scopingOperators)[number];

/** Operators that take no value. */
export const unaryScopingOperators: ReadonlySet<ScopingOperator> = new Set([
  'IS TRUE',
  'IS FALSE',
  'IS NULL',
  'IS NOT NULL',
]);

/** Operators whose value must be an integer (the attribute too, at evaluation). */
export const integerScopingOperators: ReadonlySet<ScopingOperator> = new Set([
  'Greater_Than',
  'Greater_Than_OR_EQUALS',
  'Less_Than',
  'Less_Than_OR_EQUALS',
]);

/** Operators whose value is a regular expression. */
export const regexScopingOperators: ReadonlySet<ScopingOperator> = new Set([
  'REGEX MATCH',
  'NOT REGEX MATCH',
]);

const squash = (name: string) => name.toLowerCase().replace(/[\s_]+/g, '');
const byKey = new Map<string, ScopingOperator>(scopingOperators.map((op) => [squash(op), op]));

/** The canonical operator a spelling names, or undefined. */
export function parseScopingOperator(text: string): ScopingOperator | undefined {
  return byKey.get(squash(text));
}
