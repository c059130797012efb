import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiFailure } from '../api/http.ts';
import type { DirectoryUser } from '../api/identity-api.ts';
import { renderWithApi } from '../test-support/fake-api.tsx';
import { changesOf, UserForm } from './user-form.tsx';

const ann: DirectoryUser = {
  id: 'u1',
  userPrincipalName: 'ann@contoso.test',
  accountEnabled: true,
  displayName: 'Ann Lee',
  jobTitle: 'Lead',
  deleted: null,
  restorableUntil: null,
  created: '2026-01-01T00:00:00.000Z',
  lastModified: '2026-01-01T00:00:00.000Z',
  version: 1,
};

const noApi = { fetch: async () => new Response(null, { status: 500 }) };

describe('changesOf', () => {
  it('sends only what changed; an emptied attribute is cleared (null)', () => {
    const values = {
      userPrincipalName: 'ann@contoso.test',
      displayName: 'Ann Lee',
      jobTitle: '',
      department: 'Sales',
      accountEnabled: false,
    } as Parameters<typeof changesOf>[1];
    for (const key of ['givenName', 'surname', 'mail', 'employeeId', 'mobile', 'city', 'country'])
      (values as Record<string, string>)[key] = '';
    expect(changesOf(ann, values)).toEqual({
      jobTitle: null,
      department: 'Sales',
      accountEnabled: false,
    });
  });

  it('a new user sends the filled attributes only', () => {
    const values = { userPrincipalName: ' bo@contoso.test ', accountEnabled: true } as Parameters<
      typeof changesOf
    >[1];
    for (const key of ['displayName', 'givenName', 'surname', 'mail', 'jobTitle', 'department'])
      (values as Record<string, string>)[key] = key === 'givenName' ? 'Bo' : '';
    expect(changesOf(undefined, values)).toEqual({
      userPrincipalName: 'bo@contoso.test',
      givenName: 'Bo',
    });
  });
});

describe('<UserForm>', () => {
  it('puts the API error under the field it names, and keeps the others clean', async () => {
    const onSave = vi.fn(async () => {
      throw new ApiFailure(
        400,
        'invalid',
        'employeeId has 20 characters; at most 16 are allowed',
        'employeeId',
      );
    });
    renderWithApi(<UserForm user={ann} submitLabel="Save" onSave={onSave} />, noApi);
    const employeeId = screen.getByLabelText('Employee ID');
    fireEvent.change(employeeId, { target: { value: '12345678901234567890' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const error = await screen.findByText(/employeeId has 20 characters/);
    expect(onSave).toHaveBeenCalledWith({ employeeId: '12345678901234567890' });
    expect(employeeId.getAttribute('aria-invalid')).toBe('true');
    expect(employeeId.getAttribute('aria-describedby')).toBe(error.id);
    expect(screen.getByLabelText('Job title').getAttribute('aria-invalid')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('an error about no field of the form shows as the form alert', async () => {
    const onSave = vi.fn(async () => {
      throw new ApiFailure(403, 'forbidden', 'your role cannot change users', 'Authorization');
    });
    renderWithApi(<UserForm user={ann} submitLabel="Save" onSave={onSave} />, noApi);
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Your role cannot change users');
  });

  it('says Saved after a save that worked', async () => {
    renderWithApi(<UserForm user={ann} submitLabel="Save" onSave={async () => ann} />, noApi);
    fireEvent.change(screen.getByLabelText('Job title'), { target: { value: 'Director' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved.')).toBeTruthy();
  });
});
