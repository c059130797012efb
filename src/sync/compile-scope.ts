/**
 * Prepares an object mapping's scoping filters once per job: operator spellings made canonical,
 * regular expressions compiled, integer operands parsed, and every bad clause reported with its
 * path (Entra define-conditional-rules-for-provisioning-user-accounts.md).
 *
 * Regular expressions use JavaScript syntax without flags, unanchored like .NET's
 * Regex.IsMatch, so Entra's documented examples (`.*\@domain.com`) keep their meaning.
 *
 * Example: compileScope([{ clauses: [{ attribute: 'upn', operator: 'REGEX MATCH', value: '(' }] }], 'scopingFilters', issues)
 *   → issues: [{ code: 'scope', path: 'scopingFilters[0].clauses[0].value', message: 'invalid regular expression: …' }]
 */
import type { ScopingClause, ScopingFilterGroup } from './mapping-config.ts';
import type { MappingIssue } from './mapping-issue.ts';
import {
  integerScopingOperators,
  parseScopingOperator,
  regexScopingOperators,
  unaryScopingOperators,
} from './scoping-operators.ts';

export interface CompiledScopeClause {
  /** The clause with its operator in canonical spelling. */
  clause: ScopingClause;
  regex?: RegExp;
  integer?: number;
}

export interface CompiledScopeGroup {
  index: number;
  title?: string;
  clauses: readonly CompiledScopeClause[];
}

const integerPattern = /^[+-]?\d+$/;

/** Compiles the groups, pushing an issue per bad clause; bad clauses are left out. */
export function compileScope(
  groups: readonly ScopingFilterGroup[],
  at: string,
  issues: MappingIssue[],
  mapping?: string,
): CompiledScopeGroup[] {
  return groups.map((group, g) => {
    const clauses: CompiledScopeClause[] = [];
    group.clauses.forEach((clause, c) => {
      const path = `${at}[${g}].clauses[${c}]`;
      const issue = (where: string, message: string) =>
        issues.push({
          code: 'scope',
          path: `${path}${where}`,
          message,
          ...(mapping && { mapping }),
        });
      const operator = parseScopingOperator(clause.operator);
      if (!operator) {
        issue('.operator', `unknown scoping operator "${clause.operator}"`);
        return;
      }
      if (clause.attribute.trim() === '') issue('.attribute', 'name the source attribute');
      const compiled: CompiledScopeClause = { clause: { ...clause, operator } };
      if (unaryScopingOperators.has(operator)) {
        if (clause.value !== undefined && clause.value !== '') {
          issue('.value', `${operator} takes no value`);
        }
        delete compiled.clause.value;
      } else if (clause.value === undefined) {
        issue('.value', `${operator} needs a value`);
        return;
      } else if (integerScopingOperators.has(operator)) {
        if (!integerPattern.test(clause.value.trim())) {
          issue('.value', `${operator} compares integers: "${clause.value}" is not one`);
          return;
        }
        compiled.integer = Number(clause.value.trim());
      } else if (regexScopingOperators.has(operator)) {
        try {
          compiled.regex = new RegExp(clause.value);
        } catch (error) {
          const reason = (error as Error).message.replace(/^Invalid regular expression: /, '');
          issue('.value', `invalid regular expression: ${reason}`);
          return;
        }
      }
      clauses.push(compiled);
    });
    const out: CompiledScopeGroup = { index: g, clauses };
    if (group.title !== undefined) out.title = group.title;
    return out;
  });
}
