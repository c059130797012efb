import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeApi, json, renderWithApi } from '../test-support/fake-api.tsx';
import { CreateTokenDialog } from './create-token-dialog.tsx';

const minted = {
  id: 't1',
  token: 'rst_secret-token-value',
  prefix: 'rst_secret',
  baseUrl: 'http://localhost:8080/scim/v2/acme',
  created: '2026-01-01T00:00:00.000Z',
};

function setup() {
  const api = fakeApi({
    'POST /api/v1/tenants/acme/tokens': (body) =>
      (body as { password: string }).password === 'right password here'
        ? json(201, minted)
        : apiError(401, 'unauthorized', 'the email or password is wrong for tenant "acme"', null),
  });
  const onCreated = vi.fn();
  const onClose = vi.fn();
  renderWithApi(<CreateTokenDialog tenant="acme" onClose={onClose} onCreated={onCreated} />, api);
  return { api, onCreated, onClose };
}

const submit = () => fireEvent.click(screen.getByRole('button', { name: 'Create token' }));

describe('<CreateTokenDialog>', () => {
  it('asks for the password, and shows a refusal next to the password field', async () => {
    const { api, onCreated } = setup();
    const password = screen.getByLabelText('Password');
    fireEvent.change(password, { target: { value: 'wrong' } });
    submit();
    const error = await screen.findByText(/The email or password is wrong/);
    expect(password.getAttribute('aria-invalid')).toBe('true');
    expect(password.getAttribute('aria-describedby')).toBe(error.id);
    expect(api.calls).toEqual([
      { method: 'POST', path: '/api/v1/tenants/acme/tokens', body: { password: 'wrong' } },
    ]);
    expect(onCreated).not.toHaveBeenCalled();
    await waitFor(() => expect(document.activeElement).toBe(password));
  });

  it('shows the token once, with copy buttons, and tells the list to reload', async () => {
    const { onCreated, onClose } = setup();
    fireEvent.change(screen.getByLabelText('Password'), {
      target: { value: 'right password here' },
    });
    submit();
    const token = (await screen.findByLabelText('Secret Token')) as HTMLInputElement;
    expect(token.value).toBe('rst_secret-token-value');
    expect(token.readOnly).toBe(true);
    expect(screen.getByText(/only time it is shown/)).toBeTruthy();
    expect((screen.getByLabelText('Base URL') as HTMLInputElement).value).toBe(minted.baseUrl);
    expect(screen.getByRole('button', { name: 'Copy token' })).toBeTruthy();
    expect(onCreated).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('copies the token to the clipboard and says so', async () => {
    setup();
    const writeText = vi.fn(async () => {});
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    fireEvent.change(screen.getByLabelText('Password'), {
      target: { value: 'right password here' },
    });
    submit();
    fireEvent.click(await screen.findByRole('button', { name: 'Copy token' }));
    expect(await screen.findByText('Copied to the clipboard.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('rst_secret-token-value');
  });
});
