import { fireEvent, render, screen, within } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import type { ScopingFilterGroup } from '../../api/provisioning-types.ts';
import {
  addClause,
  addGroup,
  describeScope,
  removeClause,
  scopingOperators,
  updateClause,
  updateTitle,
} from './scoping-edit.ts';
import { ScopingFilterBuilder } from './scoping-filter-builder.tsx';

const sales: ScopingFilterGroup[] = [
  { clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }] },
];

describe('scoping edits', () => {
  it('AND within a filter, OR across filters, in one sentence', () => {
    const two = updateClause(addClause(sales, 0), 0, 1, {
      attribute: 'accountEnabled',
      operator: 'IS TRUE',
    });
    const three = updateClause(addGroup(two), 1, 0, {
      attribute: 'jobTitle',
      operator: 'STARTS_WITH',
      value: 'Sales',
    });
    expect(describeScope(three)).toBe(
      '(department EQUALS "Sales" AND accountEnabled IS TRUE) OR (jobTitle STARTS_WITH "Sales")',
    );
    expect(describeScope([])).toMatch(/No scoping filter/);
  });

  it('a unary operator drops the value, a binary one brings an empty one back', () => {
    const unary = updateClause(sales, 0, 0, { operator: 'IS NOT NULL' });
    expect(unary[0]!.clauses[0]).toEqual({ attribute: 'department', operator: 'IS NOT NULL' });
    const binary = updateClause(unary, 0, 0, { operator: 'ENDS_WITH' });
    expect(binary[0]!.clauses[0]).toEqual({
      attribute: 'department',
      operator: 'ENDS_WITH',
      value: '',
    });
  });

  it('removing the last clause removes its filter; edits never change their input', () => {
    const before = structuredClone(sales);
    expect(removeClause(sales, 0, 0)).toEqual([]);
    updateClause(sales, 0, 0, { value: 'Finance' });
    updateTitle(sales, 0, 'Sellers');
    expect(sales).toEqual(before);
    expect(updateTitle(updateTitle(sales, 0, 'Sellers'), 0, ' ')[0]).toEqual(sales[0]);
  });

  it("offers Entra's operators, spelled as its admin center spells them", () => {
    expect(scopingOperators).toContain('NOT REGEX MATCH');
    expect(scopingOperators).toContain('Greater_Than_OR_EQUALS');
    expect(scopingOperators).toHaveLength(17);
  });
});

function Harness(props: {
  initial: ScopingFilterGroup[];
  issues?: Record<number, Record<number, Record<string, string>>>;
}) {
  const [groups, setGroups] = useState(props.initial);
  const [structural, setStructural] = useState(0);
  return (
    <>
      <ScopingFilterBuilder
        groups={groups}
        onChange={(next, isStructural) => {
          setGroups(next);
          if (isStructural) setStructural((n) => n + 1);
        }}
        issues={props.issues ?? {}}
        attributeList="names"
        readOnly={false}
      />
      <output data-testid="json">{JSON.stringify(groups)}</output>
      <output data-testid="structural">{structural}</output>
    </>
  );
}

const state = () => JSON.parse(screen.getByTestId('json').textContent!) as ScopingFilterGroup[];

describe('<ScopingFilterBuilder>', () => {
  it('builds two filters with the keyboard-reachable controls, and says them in words', () => {
    render(<Harness initial={[]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add scoping filter' }));
    const first = screen.getByRole('group', { name: 'Scoping filter 1' });
    fireEvent.change(within(first).getByLabelText('Attribute name'), {
      target: { value: 'department' },
    });
    fireEvent.change(within(first).getByLabelText('Value'), { target: { value: 'Sales' } });
    fireEvent.click(within(first).getByRole('button', { name: 'Add clause' }));
    const second = within(first).getByRole('group', { name: 'Clause 2 of scoping filter 1' });
    fireEvent.change(within(second).getByLabelText('Attribute name'), {
      target: { value: 'accountEnabled' },
    });
    fireEvent.change(within(second).getByLabelText('Operator'), { target: { value: 'IS TRUE' } });
    expect(within(second).queryByLabelText('Value')).toBeNull();
    expect(within(second).getByText('No value for IS TRUE.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add scoping filter' }));
    const other = screen.getByRole('group', { name: 'Scoping filter 2' });
    fireEvent.change(within(other).getByLabelText('Attribute name'), {
      target: { value: 'jobTitle' },
    });
    fireEvent.change(within(other).getByLabelText('Operator'), {
      target: { value: 'REGEX MATCH' },
    });
    fireEvent.change(within(other).getByLabelText('Value'), { target: { value: '^Sales' } });
    expect(state()).toEqual([
      {
        clauses: [
          { attribute: 'department', operator: 'EQUALS', value: 'Sales' },
          { attribute: 'accountEnabled', operator: 'IS TRUE' },
        ],
      },
      { clauses: [{ attribute: 'jobTitle', operator: 'REGEX MATCH', value: '^Sales' }] },
    ]);
    expect(screen.getByText(/In scope when:/).parentElement!.textContent).toContain(
      '(department EQUALS "Sales" AND accountEnabled IS TRUE) OR (jobTitle REGEX MATCH "^Sales")',
    );
    expect(screen.getByTestId('structural').textContent).toBe('3');
  });

  it('removes a clause and a whole filter, telling the caller the structure changed', () => {
    render(<Harness initial={[...sales, ...sales]} />);
    fireEvent.click(screen.getByRole('button', { name: 'Remove scoping filter 1' }));
    expect(state()).toHaveLength(1);
    fireEvent.click(screen.getByRole('button', { name: 'Remove clause 1 of scoping filter 1' }));
    expect(state()).toEqual([]);
    expect(screen.getByTestId('structural').textContent).toBe('2');
  });

  it("shows the API's refusal next to the clause field it names", () => {
    const regex = [
      { clauses: [{ attribute: 'department', operator: 'REGEX MATCH', value: '(Sales' }] },
    ];
    render(
      <Harness
        initial={regex}
        issues={{ 0: { 0: { value: 'Invalid regular expression: /(Sales/: Unterminated group' } } }}
      />,
    );
    const value = screen.getByLabelText('Value');
    const error = screen.getByText(/Unterminated group/);
    expect(value.getAttribute('aria-invalid')).toBe('true');
    expect(value.getAttribute('aria-describedby')).toBe(error.id);
    expect(screen.getByLabelText('Attribute name').getAttribute('aria-invalid')).toBeNull();
  });
});
