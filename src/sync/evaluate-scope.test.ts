// Scoping filters (Entra define-conditional-rules-for-provisioning-user-accounts.md): every
// operator on values, nulls and lists; AND within a filter, OR across filters; the reasons.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { compileScope } from './compile-scope.ts';
import { evaluateScope } from './evaluate-scope.ts';
import type { ScopingFilterGroup } from './mapping-config.ts';
import type { MappingIssue } from './mapping-issue.ts';
import type { ScopingOperator } from './scoping-operators.ts';
import { scopingOperators } from './scoping-operators.ts';

interface ClauseCase {
  operator: ScopingOperator;
  value?: string;
  actual: unknown;
  expected: boolean;
  why?: string;
}

const cases = JSON.parse(
  readFileSync(new URL('./fixtures/scoping-clauses.json', import.meta.url), 'utf8'),
) as ClauseCase[];

function compile(groups: ScopingFilterGroup[]) {
  const issues: MappingIssue[] = [];
  const scope = compileScope(groups, 'scopingFilters', issues);
  assert.deepEqual(issues, []);
  return scope;
}

describe('evaluateScope: one clause', () => {
  for (const c of cases) {
    const operand = c.value === undefined ? '' : ` ${JSON.stringify(c.value)}`;
    it(`${c.operator}${operand} on ${JSON.stringify(c.actual)} → ${c.expected}${c.why ? ` (${c.why})` : ''}`, () => {
      const clause = {
        attribute: 'attr',
        operator: c.operator,
        ...(c.value !== undefined && { value: c.value }),
      };
      const decision = evaluateScope({ attr: c.actual as never }, compile([{ clauses: [clause] }]));
      assert.equal(decision.inScope, c.expected);
      assert.equal(decision.reasons[0]!.passed, c.expected);
    });
  }

  it('the fixture covers every operator', () => {
    const covered = new Set(cases.map((c) => c.operator));
    assert.deepEqual(
      scopingOperators.filter((op) => !covered.has(op)),
      [],
    );
  });

  it('reads the attribute case-insensitively; a missing attribute is null', () => {
    const scope = compile([
      { clauses: [{ attribute: 'Department', operator: 'EQUALS', value: 'Sales' }] },
    ]);
    assert.equal(evaluateScope({ department: 'Sales' }, scope).inScope, true);
    assert.equal(evaluateScope({}, scope).inScope, false);
  });
});

describe('evaluateScope: groups', () => {
  // Entra's example: New York engineers with an employee id between 1,000,000 and 2,000,000
  // and a job title; or anyone in Sales.
  const scope = compile([
    {
      title: 'NY engineers',
      clauses: [
        { attribute: 'state', operator: 'EQUALS', value: 'New York' },
        { attribute: 'department', operator: 'EQUALS', value: 'Engineering' },
        { attribute: 'employeeId', operator: 'Greater_Than_OR_EQUALS', value: '1000000' },
        { attribute: 'employeeId', operator: 'Less_Than_OR_EQUALS', value: '2000000' },
        { attribute: 'jobTitle', operator: 'IS NOT NULL' },
      ],
    },
    { clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }] },
  ]);
  const engineer = {
    state: 'New York',
    department: 'Engineering',
    employeeId: '1500000',
    jobTitle: 'Developer',
  };

  it('no scoping filter: everything is in scope', () => {
    assert.deepEqual(evaluateScope({}, []), {
      inScope: true,
      reasons: [],
      summary: 'no scoping filter: in scope',
    });
  });

  it('in scope when every clause of one filter holds', () => {
    const decision = evaluateScope(engineer, scope);
    assert.equal(decision.inScope, true);
    assert.equal(decision.summary, 'in scope: scoping filter "NY engineers" holds');
    assert.equal(decision.reasons.length, 6, 'every clause is explained');
  });

  it('one failing clause fails its filter; another filter may still hold (OR)', () => {
    const outOfRange = evaluateScope({ ...engineer, employeeId: '2500000' }, scope);
    assert.equal(outOfRange.inScope, false);
    assert.equal(outOfRange.summary, 'out of scope: none of 2 scoping filter(s) holds');
    assert.deepEqual(
      outOfRange.reasons.filter((r) => !r.passed).map((r) => r.message),
      [
        'employeeId Less_Than_OR_EQUALS "2000000": "2500000" → false',
        'department EQUALS "Sales": "Engineering" → false',
      ],
    );
    const sales = evaluateScope({ department: 'Sales' }, scope);
    assert.equal(sales.inScope, true);
    assert.equal(sales.summary, 'in scope: scoping filter #2 holds');
  });
});
