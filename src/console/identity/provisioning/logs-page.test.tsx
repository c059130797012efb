import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { EnterpriseApp } from '../../api/identity-api.ts';
import type { LogEntry } from '../../api/provisioning-types.ts';
import { fakeApi, json, renderWithApi } from '../../test-support/fake-api.tsx';
import { describeFilters, emptyFilters, queryOf } from './log-filters.ts';
import { LogsPage, logPageSize } from './logs-page.tsx';

const app = { id: 'a1', name: 'Wrike', appRoles: [] } as unknown as EnterpriseApp;

function entry(id: number, extra: Partial<LogEntry> = {}): LogEntry {
  return {
    id,
    cycleId: 'c1',
    at: new Date(Date.UTC(2026, 11, 1, 9, 0, id)).toISOString(),
    objectType: 'user',
    sourceId: `s${id}`,
    sourceIdentity: `user${id}@contoso.test`,
    targetId: `t${id}`,
    action: 'Create',
    status: 'Success',
    errorCode: null,
    reason: null,
    recommendedAction: null,
    steps: [],
    modifiedProperties: [],
    durationMs: 12,
    ...extra,
  };
}

const cy = entry(100, {
  sourceIdentity: 'cy@contoso.test',
  action: 'Disable',
  status: 'Failure',
  errorCode: 'SystemForCrossDomainIdentityManagementServiceIncompatible',
  reason: 'The app answered 400: active is read-only',
  recommendedAction: 'Check the mapping of active for this app.',
  steps: [
    {
      name: 'import',
      status: 'Success',
      description: 'Received user cy@contoso.test from the directory',
    },
    { name: 'scope', status: 'Success', description: 'Out of scope: not assigned to the app' },
    {
      name: 'match',
      status: 'Success',
      description: 'Linked to t100',
      details: { targetId: 't100' },
    },
    { name: 'action', status: 'Failure', description: 'Disabling failed' },
  ],
  modifiedProperties: [{ name: 'active', old: true, new: false }],
});

/** 60 entries, newest (largest id) first, paged by `before` like the server. */
const all = [cy, ...Array.from({ length: 59 }, (_, i) => entry(59 - i))];

function setup() {
  const api = fakeApi({
    'GET /api/v1/apps/a1/provisioning/logs': (_body, url) => {
      const q = url.searchParams;
      const matching = all.filter(
        (e) =>
          (!q.get('status') || e.status === q.get('status')) &&
          (!q.get('identity') || e.sourceIdentity.startsWith(q.get('identity')!)) &&
          (!q.get('before') || e.id < Number(q.get('before'))),
      );
      const limit = Number(q.get('limit'));
      const entries = matching.slice(0, limit);
      return json(200, {
        entries,
        ...(matching.length > limit && { next: entries.at(-1)!.id }),
      });
    },
  });
  renderWithApi(<LogsPage app={app} />, api);
  return api;
}

const logCalls = (api: ReturnType<typeof fakeApi>) => api.calls.map((c) => c.path);

describe('log filters', () => {
  it('make the API query, with local times as ISO 8601', () => {
    const since = '2026-12-01T09:00';
    expect(queryOf({ status: 'Failure', action: '', identity: ' cy ', since, until: '' })).toEqual({
      query: { status: 'Failure', identity: 'cy', since: new Date(since).toISOString() },
      errors: {},
    });
    expect(queryOf(emptyFilters)).toEqual({ query: {}, errors: {} });
  });

  it('refuse a range that ends before it starts, next to the end', () => {
    const made = queryOf({ ...emptyFilters, since: '2026-12-02T09:00', until: '2026-12-01T09:00' });
    expect(made.errors).toEqual({ until: 'The end must be after the start.' });
    expect(queryOf({ ...emptyFilters, since: 'not a date' }).errors.since).toMatch(/date and time/);
  });

  it('say themselves in words', () => {
    expect(describeFilters({})).toBe('all entries');
    expect(describeFilters({ status: 'Failure', identity: 'cy' })).toBe(
      'status Failure, identity starting "cy"',
    );
  });
});

describe('<LogsPage>', () => {
  it('pages 25 at a time with Older and Newer', async () => {
    const api = setup();
    expect(await screen.findByText(`Page 1: ${logPageSize} entries, newest first`)).toBeTruthy();
    expect(screen.getAllByRole('row')).toHaveLength(logPageSize + 1);
    fireEvent.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('Page 2: 25 entries, newest first')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('Page 3: 10 entries, newest first')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Older' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Newer' }));
    expect(await screen.findByText('Page 2: 25 entries, newest first')).toBeTruthy();
    expect(logCalls(api)).toContain('/api/v1/apps/a1/provisioning/logs?limit=25&before=36');
  });

  it('filters by status and identity, and the downloads follow the filters', async () => {
    const api = setup();
    await screen.findByText(/Page 1/);
    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'Failure' } });
    fireEvent.change(screen.getByLabelText('Identity'), { target: { value: 'cy' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2));
    expect(logCalls(api).at(-1)).toBe(
      '/api/v1/apps/a1/provisioning/logs?status=Failure&identity=cy&limit=25',
    );
    const csv = screen.getByRole('link', { name: 'CSV' });
    expect(csv.getAttribute('href')).toBe(
      '/api/v1/apps/a1/provisioning/logs?status=Failure&identity=cy&format=csv',
    );
    expect(screen.getByRole('link', { name: 'JSON' }).getAttribute('href')).toMatch(/format=json$/);
    expect(csv.hasAttribute('download')).toBe(true);
  });

  it('refuses a backwards date range next to its field and sends nothing', async () => {
    const api = setup();
    await screen.findByText(/Page 1/);
    const before = api.calls.length;
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-12-02T09:00' } });
    fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-12-01T09:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply filters' }));
    const error = await screen.findByText('The end must be after the start.');
    expect(screen.getByLabelText('To').getAttribute('aria-describedby')).toBe(error.id);
    expect(api.calls.length).toBe(before);
  });

  it('opens an entry: troubleshooting, steps and modified properties old → new', async () => {
    setup();
    fireEvent.click(
      await screen.findByRole('button', { name: /Details of Disable cy@contoso.test/ }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Disable cy@contoso.test: Failure' });
    expect(
      within(dialog).getByText('SystemForCrossDomainIdentityManagementServiceIncompatible'),
    ).toBeTruthy();
    expect(within(dialog).getByText('Check the mapping of active for this app.')).toBeTruthy();
    const steps = within(dialog).getAllByRole('listitem');
    expect(steps.map((s) => s.querySelector('strong')!.textContent)).toEqual([
      '1. Import',
      '2. Determine if in scope',
      '3. Match on the target',
      '4. Perform action',
    ]);
    expect(steps[3]!.textContent).toContain('Disabling failed');
    const row = within(dialog).getByRole('row', { name: /active/ });
    expect(row.textContent).toBe('activetrue→ false');
    // The dialog's ✕ and its Close button both close it; the last is the button.
    fireEvent.click(within(dialog).getAllByRole('button', { name: 'Close' }).at(-1)!);
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
