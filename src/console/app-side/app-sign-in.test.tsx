import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { apiError, fakeApi, json, renderWithApi } from '../test-support/fake-api.tsx';
import { AppSignIn } from './app-sign-in.tsx';

const session = {
  session: 'rss_x',
  tenant: 'acme',
  email: 'admin@acme.test',
  expires: '2026-01-01T08:00:00.000Z',
};

describe('<AppSignIn>', () => {
  it('asks for the tenant, next to the tenant field, before calling the API', async () => {
    const api = fakeApi({});
    renderWithApi(<AppSignIn onSignedIn={() => {}} />, api);
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/Enter the tenant name/)).toBeTruthy();
    expect(screen.getByLabelText('Tenant').getAttribute('aria-invalid')).toBe('true');
    expect(api.calls).toEqual([]);
  });

  it('says a lockout in words next to the password', async () => {
    const api = fakeApi({
      'POST /api/v1/tenants/acme/session': () =>
        apiError(429, 'locked', 'too many wrong passwords: try again in 30 s', null),
    });
    renderWithApi(<AppSignIn tenant="acme" onSignedIn={() => {}} />, api);
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: 'admin@acme.test' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'x' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText(/Too many wrong passwords: try again in 30 s/)).toBeTruthy();
    expect(screen.getByLabelText('Password').getAttribute('aria-invalid')).toBe('true');
  });

  it('signs in with the trimmed email and hands over the tenant', async () => {
    const api = fakeApi({ 'POST /api/v1/tenants/acme/session': () => json(201, session) });
    const onSignedIn = vi.fn();
    renderWithApi(<AppSignIn tenant="acme" onSignedIn={onSignedIn} />, api);
    expect((screen.getByLabelText('Tenant') as HTMLInputElement).readOnly).toBe(true);
    fireEvent.change(screen.getByLabelText('Email'), { target: { value: ' admin@acme.test ' } });
    fireEvent.change(screen.getByLabelText('Password'), { target: { value: 'pw pw pw pw pw' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledWith('acme'));
    expect(api.calls[0]!.body).toEqual({ email: 'admin@acme.test', password: 'pw pw pw pw pw' });
  });
});
