import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EnterpriseApp } from '../../api/identity-api.ts';
import type { OnDemandAnswer } from '../../api/provisioning-types.ts';
import {
  apiError,
  fakeApi,
  type Handler,
  json,
  renderWithApi,
} from '../../test-support/fake-api.tsx';
import { OnDemandPage } from './on-demand-page.tsx';

const app = { id: 'a1', name: 'Wrike', appRoles: [] } as unknown as EnterpriseApp;
const onDemand = 'POST /api/v1/apps/a1/provisioning/on-demand';

const answer: OnDemandAnswer = {
  appId: 'a1',
  cycleId: 'od1',
  results: [
    {
      objectType: 'user',
      sourceId: 'u1',
      sourceIdentity: 'ann@contoso.test',
      targetId: 't1',
      action: 'Create',
      status: 'Success',
      errorCode: null,
      reason: null,
      recommendedAction: null,
      steps: [
        {
          name: 'import',
          status: 'Success',
          description: 'Received user ann@contoso.test from the directory',
        },
        { name: 'scope', status: 'Success', description: 'In scope: assigned to the app' },
        {
          name: 'match',
          status: 'Success',
          description: 'No matching object on the target: it will be created',
          details: { tried: ['userName eq "ann@contoso.test": 0 found'] },
        },
        { name: 'action', status: 'Success', description: 'Created t1 on the target' },
      ],
      modifiedProperties: [
        { name: 'userName', old: null, new: 'ann@contoso.test' },
        { name: 'active', old: null, new: true },
      ],
      exported: { userName: 'ann@contoso.test', active: true },
    },
  ],
};

const directory: Record<string, Handler> = {
  'GET /api/v1/directory/users': () =>
    json(200, {
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 8,
      users: [
        {
          id: 'u1',
          userPrincipalName: 'ann@contoso.test',
          displayName: 'Ann Lee',
          accountEnabled: true,
        },
      ],
    }),
  'GET /api/v1/directory/groups': () =>
    json(200, {
      totalResults: 1,
      startIndex: 1,
      itemsPerPage: 8,
      groups: [{ id: 'g1', displayName: 'Sales', description: null, securityEnabled: true }],
    }),
};

function setup(handler: Handler) {
  const api = fakeApi({ ...directory, [onDemand]: handler });
  renderWithApi(<OnDemandPage app={app} canEdit />, api);
  return api;
}

describe('<OnDemandPage>', () => {
  it('provisions the chosen user and shows the step trace, the changes and what was sent', async () => {
    const api = setup(() => json(200, answer));
    fireEvent.click(await screen.findByRole('radio', { name: /Ann Lee/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Provision' }));
    const result = await screen.findByRole('article', { name: 'Create ann@contoso.test' });
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      subject: 'u1',
      objectType: 'user',
    });
    const steps = within(result).getAllByRole('listitem');
    expect(steps).toHaveLength(4);
    expect(steps[2]!.textContent).toContain('No matching object on the target');
    expect(within(steps[2]!).getByText('Details')).toBeTruthy();
    expect(within(result).getByRole('row', { name: /userName/ }).textContent).toBe(
      'userName(none)→ ann@contoso.test',
    );
    expect(within(result).getByText('What was sent to the app')).toBeTruthy();
  });

  it('a group is sent as a group; a failure shows its error code and recommended action', async () => {
    const failed: OnDemandAnswer = {
      ...answer,
      results: [
        {
          ...answer.results[0]!,
          objectType: 'group',
          sourceIdentity: 'Sales',
          action: 'Other',
          status: 'Failure',
          targetId: null,
          errorCode: 'SystemForCrossDomainIdentityManagementServiceIncompatible',
          reason: 'Wrike syncs users only',
          recommendedAction: 'Provision the users of the group instead.',
          modifiedProperties: [],
          exported: null,
        },
      ],
    };
    const api = setup(() => json(200, failed));
    fireEvent.change(screen.getByLabelText('Provision a'), { target: { value: 'group' } });
    fireEvent.click(await screen.findByRole('radio', { name: /Sales/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Provision' }));
    const result = await screen.findByRole('article', { name: 'Other Sales' });
    expect(api.calls.find((c) => c.method === 'POST')?.body).toEqual({
      subject: 'g1',
      objectType: 'group',
    });
    expect(within(result).getByText('Provision the users of the group instead.')).toBeTruthy();
    expect(within(result).getByText('No properties changed.')).toBeTruthy();
  });

  it("the API's refusal shows next to the picker (a group of more than five)", async () => {
    setup(() =>
      apiError(400, 'invalid', 'group Sales has 40 members; on demand takes at most 5', 'subject'),
    );
    fireEvent.change(screen.getByLabelText('Provision a'), { target: { value: 'group' } });
    fireEvent.click(await screen.findByRole('radio', { name: /Sales/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Provision' }));
    const error = await screen.findByText(/has 40 members; on demand takes at most 5/);
    const search = screen.getByLabelText('Find a group');
    expect(search.getAttribute('aria-describedby')).toContain(error.id);
  });

  it('says so when nothing is picked, and when the server has no on-demand route', async () => {
    setup((_body) =>
      apiError(
        404,
        'notFound',
        'there is no POST /api/v1/apps/a1/provisioning/on-demand in the admin API',
        null,
      ),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Provision' }));
    expect(await screen.findByText(/Choose a user first/)).toBeTruthy();
    fireEvent.click(await screen.findByRole('radio', { name: /Ann Lee/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Provision' }));
    expect(await screen.findByText(/no provision-on-demand route yet/)).toBeTruthy();
  });
});
