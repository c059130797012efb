import { fireEvent, screen } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeApi, json, renderWithApi } from '../../test-support/fake-api.tsx';
import { ExpressionEditor, showValue } from './expression-editor.tsx';
import { splitAtSpan } from './expression-span.tsx';

const users: Record<string, Record<string, string>> = {
  'ann@contoso.test': { givenName: 'Ann', surname: 'Lee' },
};

/** A tiny stand-in for the server's evaluator: [attr] and ToUpper([attr]) only, spans on errors. */
function evaluateFake(expression: string, user: string): Response {
  const attributes = users[user];
  const unknown = /^([A-Za-z]+)\(/.exec(expression);
  if (unknown && unknown[1] !== 'ToUpper')
    return json(400, {
      error: {
        code: 'invalid',
        message: `the expression does not parse: unknown function '${unknown[1]}'`,
        field: 'expression',
        span: { start: 0, end: unknown[1]!.length },
      },
    });
  if (!attributes)
    return apiError(404, 'notFound', `there is no user with userPrincipalName "${user}"`, 'user');
  const name = /\[(\w+)\]/.exec(expression)?.[1] ?? '';
  const value = attributes[name] ?? null;
  const shown = value !== null && expression.startsWith('ToUpper') ? value.toUpperCase() : value;
  return json(200, {
    value: shown,
    type: shown === null ? 'null' : 'string',
    user,
    isSoftDeleted: false,
  });
}

function Harness() {
  const [text, setText] = useState('[givenName]');
  const [user, setUser] = useState('');
  return (
    <ExpressionEditor
      app="a1"
      value={text}
      onChange={setText}
      testUser={user}
      onTestUser={setUser}
      readOnly={false}
    />
  );
}

function setup() {
  const api = fakeApi({
    'POST /api/v1/apps/a1/provisioning/expressions/test': (body) => {
      const { expression, user } = body as { expression: string; user: string };
      return evaluateFake(expression, user);
    },
  });
  renderWithApi(<Harness />, api);
  return api;
}

const tests = (api: ReturnType<typeof fakeApi>) =>
  api.calls.map((c) => (c.body as { expression: string }).expression);

describe('<ExpressionEditor>', () => {
  it('tests against a user, then follows each edit live', async () => {
    const api = setup();
    const test = screen.getByRole('button', { name: 'Test expression' }) as HTMLButtonElement;
    expect(test.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('Test against user'), {
      target: { value: 'ann@contoso.test' },
    });
    fireEvent.click(test);
    expect(await screen.findByText('"Ann"')).toBeTruthy();
    expect(screen.getByText(/Live: the result follows your edits/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Expression'), {
      target: { value: 'ToUpper([surname])' },
    });
    expect(await screen.findByText('"LEE"', {}, { timeout: 8000 })).toBeTruthy();
    expect(tests(api)).toEqual(['[givenName]', 'ToUpper([surname])']);
  });

  it('underlines the span of a parse error and ties it to the expression box', async () => {
    setup();
    fireEvent.change(screen.getByLabelText('Test against user'), {
      target: { value: 'ann@contoso.test' },
    });
    fireEvent.change(screen.getByLabelText('Expression'), {
      target: { value: 'Jion(" ", [givenName])' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Test expression' }));
    const message = await screen.findByText(/unknown function 'Jion'/);
    const box = screen.getByLabelText('Expression');
    expect(box.getAttribute('aria-invalid')).toBe('true');
    const described = box.getAttribute('aria-describedby')!.split(' ');
    expect(described).toContain(message.id);
    const preview = document.getElementById(described.at(-1)!)!;
    expect(preview.querySelector('mark')!.textContent).toBe('Jion');
    expect(preview.textContent).toContain('characters 0 to 4');
    // Fixing it clears the underline once the live test passes.
    fireEvent.change(box, { target: { value: '[surname]' } });
    expect(await screen.findByText('"Lee"', {}, { timeout: 8000 })).toBeTruthy();
    expect(document.querySelector('mark')).toBeNull();
  });

  it('an unknown user shows next to the user box; Enter there tests rather than submits', async () => {
    setup();
    const user = screen.getByLabelText('Test against user');
    fireEvent.change(user, { target: { value: 'nobody@contoso.test' } });
    fireEvent.keyDown(user, { key: 'Enter' });
    const error = await screen.findByText(/no user with userPrincipalName "nobody@contoso.test"/);
    expect(user.getAttribute('aria-invalid')).toBe('true');
    expect(user.getAttribute('aria-describedby')).toBe(error.id);
  });

  it('values read as people read them', () => {
    expect(showValue({ value: 'x', type: 'string' })).toBe('"x"');
    expect(showValue({ value: ['a', 'b'], type: 'list' })).toBe('"a", "b"');
    expect(showValue({ value: 3, type: 'number' })).toBe('3');
    expect(showValue({ value: null, type: 'null' })).toMatch(/^no value/);
    expect(splitAtSpan('Jion(x)', { start: 0, end: 4 })).toEqual(['', 'Jion', '(x)']);
    expect(splitAtSpan('Join(x', { start: 6, end: 9 })).toEqual(['Join(x', '', '']);
  });
});
