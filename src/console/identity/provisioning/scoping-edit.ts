/**
 * The scoping filter builder's model: Entra's operators (as its admin center spells them, the
 * list src/sync/scoping-operators.ts accepts), and edits of the clause groups — the clauses of
 * one scoping filter are ANDed, the filters are ORed — plus the whole filter as one sentence.
 * Every edit returns new arrays (React state), never changes its input.
 *
 * Example: describeScope([{ clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }] }])
 *   → 'department EQUALS "Sales"'
 */
import type { ScopingClause, ScopingFilterGroup } from '../../api/provisioning-types.ts';

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

/** Operators that take no value. */
export const unaryOperators: ReadonlySet<string> = new Set([
  'IS TRUE',
  'IS FALSE',
  'IS NULL',
  'IS NOT NULL',
]);

export const emptyClause = (): ScopingClause => ({ attribute: '', operator: 'EQUALS', value: '' });

export const addGroup = (groups: readonly ScopingFilterGroup[]): ScopingFilterGroup[] => [
  ...groups,
  { clauses: [emptyClause()] },
];

export const removeGroup = (groups: readonly ScopingFilterGroup[], at: number) =>
  groups.filter((_, i) => i !== at);

export function addClause(groups: readonly ScopingFilterGroup[], at: number): ScopingFilterGroup[] {
  return groups.map((g, i) => (i === at ? { ...g, clauses: [...g.clauses, emptyClause()] } : g));
}

/** Removes a clause; a filter left without clauses goes too (a filter needs at least one). */
export function removeClause(
  groups: readonly ScopingFilterGroup[],
  at: number,
  clause: number,
): ScopingFilterGroup[] {
  return groups
    .map((g, i) => (i === at ? { ...g, clauses: g.clauses.filter((_, c) => c !== clause) } : g))
    .filter((g) => g.clauses.length > 0);
}

/** Changes part of a clause; a unary operator drops the value. */
export function updateClause(
  groups: readonly ScopingFilterGroup[],
  at: number,
  clause: number,
  change: Partial<ScopingClause>,
): ScopingFilterGroup[] {
  return groups.map((g, i) => {
    if (i !== at) return g;
    const clauses = g.clauses.map((c, j) => {
      if (j !== clause) return c;
      const next = { ...c, ...change };
      if (unaryOperators.has(next.operator)) delete next.value;
      else next.value ??= '';
      return next;
    });
    return { ...g, clauses };
  });
}

export function updateTitle(
  groups: readonly ScopingFilterGroup[],
  at: number,
  title: string,
): ScopingFilterGroup[] {
  return groups.map((g, i) => {
    if (i !== at) return g;
    const { title: _old, ...rest } = g;
    return title.trim() === '' ? rest : { ...rest, title };
  });
}

const clauseText = (c: ScopingClause) =>
  `${c.attribute || '?'} ${c.operator}${unaryOperators.has(c.operator) ? '' : ` ${JSON.stringify(c.value ?? '')}`}`;

/** The filter as a sentence: AND within a filter, OR between filters. */
export function describeScope(groups: readonly ScopingFilterGroup[]): string {
  if (groups.length === 0) return 'No scoping filter: every assigned object is in scope.';
  const parts = groups.map((g) => g.clauses.map(clauseText).join(' AND '));
  return parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' OR ');
}
