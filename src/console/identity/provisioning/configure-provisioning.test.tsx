import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EnterpriseApp } from '../../api/identity-api.ts';
import type { JobView } from '../../api/provisioning-types.ts';
import {
  apiError,
  fakeApi,
  type Handler,
  json,
  renderWithApi,
} from '../../test-support/fake-api.tsx';
import { ConfigureProvisioning } from './configure-provisioning.tsx';
import { planSave, valuesOf } from './configure-values.ts';

const app = { id: 'a1', name: 'Wrike', appRoles: [] } as unknown as EnterpriseApp;
const p = '/api/v1/apps/a1/provisioning';

const job = (extra: Partial<JobView> = {}): JobView => ({
  appId: 'a1',
  appName: 'Wrike',
  templateId: 'wrike',
  enabled: false,
  settings: {
    mode: 'manual',
    scope: 'assigned',
    intervalSeconds: 2400,
    deletionThreshold: 500,
    skipOutOfScopeDeletions: false,
    notificationEmail: null,
    sendFailureEmail: false,
    flattenNestedGroups: false,
    useBulk: false,
  },
  credentials: null,
  limits: { requestsPerMinute: 400, groups: false, bulk: false },
  initialPending: true,
  watermark: 0,
  nextRunAt: null,
  hold: null,
  quarantine: null,
  ...extra,
});

const stored = {
  tenantUrl: 'https://wrike.test/scim/v2/acme',
  secretTokenSet: true as const,
  updated: '2026-12-01T09:00:00.000Z',
};

function setup(current: JobView, handlers: Record<string, Handler> = {}) {
  let state = current;
  const api = fakeApi({
    [`GET ${p}/mappings`]: () => json(200, { objectMappings: [] }),
    [`PUT ${p}/credentials`]: (body) => {
      state = {
        ...state,
        credentials: { ...stored, tenantUrl: (body as { tenantUrl: string }).tenantUrl },
      };
      return json(200, state);
    },
    [`PATCH ${p}`]: (body) => {
      state = { ...state, settings: { ...state.settings, ...(body as object) } };
      return json(200, state);
    },
    [`POST ${p}/start`]: () => {
      state = { ...state, enabled: true };
      return json(200, state);
    },
    [`POST ${p}/test-connection`]: (body) =>
      (body as { secretToken?: string }).secretToken === 'good-token'
        ? json(200, {
            ok: true,
            status: 200,
            message: 'The target answered the probe query as a SCIM service.',
          })
        : json(200, {
            ok: false,
            problem: 'unauthorized',
            status: 401,
            message: 'The target refused the credentials (401): check the Secret Token.',
            detail: 'The bearer token is not valid for this tenant',
          }),
    ...handlers,
  });
  renderWithApi(
    <ConfigureProvisioning app={app} job={current} base="/b" canEdit onSaved={() => {}} />,
    api,
  );
  return api;
}

const writes = (api: ReturnType<typeof fakeApi>) =>
  api.calls
    .filter((c) => c.method !== 'GET')
    .map((c) => `${c.method} ${c.path.replace(p, '')} ${JSON.stringify(c.body)}`);

describe('planSave', () => {
  it('sends only what changed, the credentials only when typed, and Start when turned on', () => {
    const values = {
      ...valuesOf(job()),
      mode: 'automatic' as const,
      status: 'on' as const,
      intervalSeconds: '30',
    };
    expect(planSave(job(), values)).toEqual({
      settings: { mode: 'automatic', intervalSeconds: 30 },
      status: 'start',
      errors: {},
    });
    expect(planSave(job({ credentials: stored }), valuesOf(job({ credentials: stored })))).toEqual({
      settings: {},
      errors: {},
    });
  });

  it('catches what needs no server, by field', () => {
    const withToken = job({ credentials: stored });
    const values = {
      ...valuesOf(withToken),
      tenantUrl: 'https://elsewhere.test/scim',
      intervalSeconds: '1.5',
      deletionThreshold: '0',
      status: 'on' as const,
    };
    expect(planSave(withToken, values).errors).toEqual({
      secretToken: 'Enter the Secret Token again to change the Tenant URL.',
      intervalSeconds: 'Enter a whole number of seconds from 1 to 604800.',
      deletionThreshold: 'Enter a whole number of 1 or more (or untick the prevention).',
      status: 'Set the Provisioning Mode to Automatic to turn provisioning on.',
    });
    const off = {
      ...valuesOf(job()),
      preventDeletes: false,
      notificationEmail: ' it@contoso.test ',
    };
    expect(planSave(job(), off).settings).toEqual({
      deletionThreshold: 0,
      notificationEmail: 'it@contoso.test',
    });
  });
});

describe('<ConfigureProvisioning>', () => {
  it("walks the tutorial's blade: Automatic, credentials, Test Connection, interval, status On, Save", async () => {
    const api = setup(job());
    fireEvent.click(screen.getByRole('radio', { name: 'Automatic' }));
    fireEvent.change(screen.getByLabelText('Tenant URL'), {
      target: { value: 'https://wrike.test/scim/v2/acme' },
    });
    fireEvent.change(screen.getByLabelText('Secret Token'), { target: { value: 'wrong-token' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test Connection' }));
    expect(await screen.findByText(/The connection failed\./)).toBeTruthy();
    expect(
      screen.getByText(/check the Secret Token\. The app said: The bearer token is not valid/),
    ).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Secret Token'), { target: { value: 'good-token' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test Connection' }));
    expect(await screen.findByText(/The connection works\./)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Notification Email'), {
      target: { value: 'it@contoso.test' },
    });
    fireEvent.click(screen.getByLabelText('Send an email notification when a failure occurs'));
    fireEvent.change(screen.getByLabelText('Interval between cycles (seconds)'), {
      target: { value: '5' },
    });
    fireEvent.click(screen.getByRole('radio', { name: 'On' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(
      await screen.findByText(/Saved\. Provisioning is on: the initial cycle runs/),
    ).toBeTruthy();
    expect(writes(api)).toEqual([
      'POST /test-connection {"tenantUrl":"https://wrike.test/scim/v2/acme","secretToken":"wrong-token"}',
      'POST /test-connection {"tenantUrl":"https://wrike.test/scim/v2/acme","secretToken":"good-token"}',
      'PUT /credentials {"tenantUrl":"https://wrike.test/scim/v2/acme","secretToken":"good-token"}',
      'PATCH  {"mode":"automatic","intervalSeconds":5,"notificationEmail":"it@contoso.test","sendFailureEmail":true}',
      'POST /start {}',
    ]);
    expect((screen.getByLabelText('Secret Token') as HTMLInputElement).value).toBe('');
  });

  it('a stored token reads "set"; a refusal shows next to the field it names', async () => {
    const api = setup(
      job({ credentials: stored, settings: { ...job().settings, mode: 'automatic' } }),
      {
        [`PATCH ${p}`]: () =>
          apiError(
            400,
            'invalid',
            'notificationEmail must be an email address, or null',
            'notificationEmail',
          ),
      },
    );
    const token = screen.getByLabelText('Secret Token') as HTMLInputElement;
    expect(token.placeholder).toBe('set');
    expect(screen.getByText(/A token is set/)).toBeTruthy();
    const email = screen.getByLabelText('Notification Email');
    fireEvent.change(email, { target: { value: 'it@contoso' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const error = await screen.findByText('notificationEmail must be an email address, or null');
    expect(email.getAttribute('aria-describedby')).toContain(error.id);
    await waitFor(() => expect(document.activeElement).toBe(email));
    expect(writes(api)).toEqual(['PATCH  {"notificationEmail":"it@contoso"}']);
  });

  it('checks the interval before sending anything, and says where', async () => {
    const api = setup(job());
    const interval = screen.getByLabelText('Interval between cycles (seconds)');
    fireEvent.change(interval, { target: { value: '0' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/whole number of seconds from 1 to 604800/)).toBeTruthy();
    expect(interval.getAttribute('aria-invalid')).toBe('true');
    expect(writes(api)).toEqual([]);
  });

  it('Start refused for missing credentials shows next to the Tenant URL', async () => {
    setup(job({ settings: { ...job().settings, mode: 'automatic' } }), {
      [`POST ${p}/start`]: () =>
        apiError(400, 'invalid', 'set the Tenant URL and Secret Token first', 'credentials'),
    });
    fireEvent.click(screen.getByRole('radio', { name: 'On' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    const error = await screen.findByText('Set the Tenant URL and Secret Token first');
    expect(screen.getByLabelText('Tenant URL').getAttribute('aria-describedby')).toContain(
      error.id,
    );
  });
});
