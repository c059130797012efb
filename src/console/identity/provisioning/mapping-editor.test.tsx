import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EnterpriseApp } from '../../api/identity-api.ts';
import type { MappingConfig } from '../../api/provisioning-types.ts';
import { apiError, fakeApi, json, renderWithApi } from '../../test-support/fake-api.tsx';
import { draftOf, mappingOf } from './attribute-mapping-form.ts';
import { locateIssues } from './mapping-issues.ts';
import { ObjectMappingEditor } from './object-mapping-editor.tsx';

const app = { id: 'a1', name: 'Wrike', appRoles: [] } as unknown as EnterpriseApp;
const base = '/identity/apps/a1/provisioning';
const mappingsPath = '/api/v1/apps/a1/provisioning/mappings';

const config = (): MappingConfig => ({
  objectMappings: [
    {
      name: 'Provision users',
      source: 'user',
      target: 'User',
      enabled: true,
      actions: ['create', 'update', 'delete'],
      attributeMappings: [
        { type: 'direct', source: 'mail', target: 'userName', matchingPrecedence: 1 },
        { type: 'direct', source: 'givenName', target: 'name.givenName' },
        { type: 'direct', source: 'surname', target: 'name.familyName' },
      ],
    },
  ],
});

function setup(put: (body: unknown) => Response) {
  const api = fakeApi({
    [`GET ${mappingsPath}`]: () => json(200, config()),
    [`PUT ${mappingsPath}`]: (body) => put(body),
    'POST /api/v1/apps/a1/provisioning/expressions/test': (body) => {
      const { expression } = body as { expression: string };
      if (expression.startsWith('Jion'))
        return json(400, {
          error: {
            code: 'invalid',
            message:
              "the expression does not parse: unknown function 'Jion' at 0–4: did you mean 'Join'?",
            field: 'expression',
            span: { start: 0, end: 4 },
          },
        });
      return json(200, {
        value: 'Ann Lee',
        type: 'string',
        user: 'ann@contoso.test',
        isSoftDeleted: false,
      });
    },
  });
  renderWithApi(<ObjectMappingEditor app={app} index="0" base={base} canEdit />, api);
  return api;
}

const puts = (api: ReturnType<typeof fakeApi>) =>
  api.calls.filter((c) => c.method === 'PUT').map((c) => c.body as MappingConfig);

describe('the attribute mapping form', () => {
  it('round-trips each mapping type, leaving out empty optional parts', () => {
    for (const mapping of [
      { type: 'direct', source: 'mail', target: 'userName', matchingPrecedence: 2 },
      { type: 'constant', source: 'Employee', target: 'userType' },
      {
        type: 'expression',
        source: 'Join(" ", [a], [b])',
        target: 'displayName',
        apply: 'onCreate',
      },
      { type: 'none', target: 'title', defaultValue: 'Staff' },
    ] as const)
      expect(mappingOf(draftOf(mapping))).toEqual(mapping);
  });

  it('sorts API issues into rows, clauses, the mapping itself and the rest', () => {
    const located = locateIssues(
      [
        {
          code: 'expression',
          path: 'objectMappings[0].attributeMappings[2].source',
          message: 'bad',
          span: { start: 0, end: 4 },
        },
        {
          code: 'scope',
          path: 'objectMappings[0].scopingFilters[1].clauses[0].value',
          message: 'bad regex',
        },
        { code: 'shape', path: 'objectMappings[0].actions[1]', message: 'must be one of' },
        {
          code: 'target',
          path: 'objectMappings[1].attributeMappings[0].target',
          message: 'elsewhere',
        },
      ],
      0,
    );
    expect(located.attributes).toEqual({
      2: { source: { message: 'Bad', span: { start: 0, end: 4 } } },
    });
    expect(located.clauses).toEqual({ 1: { 0: { value: 'Bad regex' } } });
    expect(located.mapping).toEqual({ actions: 'Must be one of' });
    expect(located.other).toEqual(['objectMappings[1].attributeMappings[0].target: Elsewhere']);
  });
});

describe('<ObjectMappingEditor>', () => {
  it('edits a mapping into an expression, tests it against a user, and saves the whole configuration', async () => {
    const api = setup((body) => json(200, body));
    fireEvent.click(
      await screen.findByRole('button', { name: 'Edit the mapping of name.givenName' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Edit attribute mapping' });
    fireEvent.change(within(dialog).getByLabelText('Mapping type'), {
      target: { value: 'expression' },
    });
    fireEvent.change(within(dialog).getByLabelText('Expression'), {
      target: { value: 'Join(" ", [givenName], [surname])' },
    });
    fireEvent.change(within(dialog).getByLabelText('Target attribute (required)'), {
      target: { value: 'displayName' },
    });
    fireEvent.change(within(dialog).getByLabelText('Test against user'), {
      target: { value: 'ann@contoso.test' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Test expression' }));
    expect(await within(dialog).findByText(/Result for ann@contoso.test/)).toBeTruthy();
    expect(within(dialog).getByText('"Ann Lee"')).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.getByText('Unsaved changes.')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Delete the mapping of name.familyName' }));
    fireEvent.click(screen.getByLabelText('Delete'));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Saved\. The next cycle is an initial one/)).toBeTruthy();
    expect(puts(api)).toEqual([
      {
        objectMappings: [
          {
            ...config().objectMappings[0],
            actions: ['create', 'update'],
            attributeMappings: [
              { type: 'direct', source: 'mail', target: 'userName', matchingPrecedence: 1 },
              {
                type: 'expression',
                source: 'Join(" ", [givenName], [surname])',
                target: 'displayName',
              },
            ],
          },
        ],
      },
    ]);
    expect(api.calls.find((c) => c.path.endsWith('/expressions/test'))?.body).toEqual({
      expression: 'Join(" ", [givenName], [surname])',
      user: 'ann@contoso.test',
    });
  });

  it('adds a new constant mapping; a bad matching precedence keeps the dialog open with the error', async () => {
    const api = setup((body) => json(200, body));
    fireEvent.click(await screen.findByRole('button', { name: 'Add New Mapping' }));
    const dialog = screen.getByRole('dialog', { name: 'Add attribute mapping' });
    fireEvent.change(within(dialog).getByLabelText('Mapping type'), {
      target: { value: 'constant' },
    });
    fireEvent.change(within(dialog).getByLabelText('Constant value'), {
      target: { value: 'Employee' },
    });
    fireEvent.change(within(dialog).getByLabelText('Target attribute (required)'), {
      target: { value: 'userType' },
    });
    fireEvent.change(within(dialog).getByLabelText('Match objects using this attribute'), {
      target: { value: 'yes' },
    });
    fireEvent.change(within(dialog).getByLabelText('Matching precedence'), {
      target: { value: '0' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    const precedence = within(dialog).getByLabelText('Matching precedence');
    expect(precedence.getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog).getByText(/whole number of 1 or more/)).toBeTruthy();
    fireEvent.change(precedence, { target: { value: '2' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    expect(screen.getByRole('row', { name: /userType Constant "Employee" 2/ })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(puts(api)).toHaveLength(1));
    expect(puts(api)[0]!.objectMappings[0]!.attributeMappings.at(-1)).toEqual({
      type: 'constant',
      source: 'Employee',
      target: 'userType',
      matchingPrecedence: 2,
    });
  });

  it("shows each refusal next to its row, underlines the expression's span, and focuses the summary", async () => {
    let attempt = 0;
    setup((body) => {
      attempt += 1;
      if (attempt > 1) return json(200, body);
      return json(400, {
        error: {
          code: 'invalid',
          message: 'the mappings are invalid: …',
          field: 'objectMappings[0].attributeMappings[1].source',
          issues: [
            {
              code: 'expression',
              path: 'objectMappings[0].attributeMappings[1].source',
              message: "unknown function 'Jion' at 0–4: did you mean 'Join'?",
              span: { start: 0, end: 4 },
            },
            {
              code: 'target',
              path: 'objectMappings[0].attributeMappings[2].target',
              message: '"name" has no sub-attribute "foo"',
            },
          ],
        },
      });
    });
    fireEvent.click(
      await screen.findByRole('button', { name: 'Edit the mapping of name.givenName' }),
    );
    let dialog = screen.getByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('Mapping type'), {
      target: { value: 'expression' },
    });
    fireEvent.change(within(dialog).getByLabelText('Expression'), {
      target: { value: 'Jion(" ", [givenName])' },
    });
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const summary = await screen.findByText(/2 problems stop the save/);
    await waitFor(() => expect(document.activeElement).toBe(summary));
    expect(screen.getByText(/source: Unknown function 'Jion'/)).toBeTruthy();
    expect(screen.getByText(/target: "name" has no sub-attribute "foo"/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Edit the mapping of name.givenName' }));
    dialog = screen.getByRole('dialog');
    const expression = within(dialog).getByLabelText('Expression');
    expect(expression.getAttribute('aria-invalid')).toBe('true');
    expect(dialog.querySelector('mark')?.textContent).toBe('Jion');
    fireEvent.change(expression, { target: { value: 'Join(" ", [givenName])' } });
    expect(dialog.querySelector('mark')).toBeNull();
    fireEvent.click(within(dialog).getByRole('button', { name: 'OK' }));
    expect(screen.queryByText(/source: Unknown function/)).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Saved\./)).toBeTruthy();
    expect(screen.queryByText(/problems? stop/)).toBeNull();
  });

  it('a refusal that names no mapping field (a role that may only read) shows in the summary', async () => {
    setup(() => apiError(403, 'forbidden', 'your role cannot change apps', 'Authorization'));
    fireEvent.click(await screen.findByRole('button', { name: 'Edit the mapping of userName' }));
    fireEvent.change(within(screen.getByRole('dialog')).getByLabelText('Source attribute'), {
      target: { value: 'userPrincipalName' },
    });
    fireEvent.click(within(screen.getByRole('dialog')).getByRole('button', { name: 'OK' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Authorization: Your role cannot change apps/)).toBeTruthy();
  });
});
