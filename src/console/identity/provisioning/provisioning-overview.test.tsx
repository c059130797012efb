import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { CycleRecord, ProvisioningStatus } from '../../api/provisioning-types.ts';
import {
  apiError,
  fakeApi,
  type Handler,
  json,
  renderWithApi,
} from '../../test-support/fake-api.tsx';
import { ProvisioningOverview } from './provisioning-overview.tsx';
import { progressOf, quarantineReason, stateSentence } from './status-words.ts';

const p = '/api/v1/apps/a1/provisioning';

const status = (extra: Partial<ProvisioningStatus> = {}): ProvisioningStatus => ({
  appId: 'a1',
  appName: 'Wrike',
  state: 'idle',
  enabled: true,
  mode: 'automatic',
  currentCycle: null,
  lastCycle: {
    id: 'c1',
    kind: 'initial',
    status: 'succeeded',
    started: '2026-12-01T09:00:00.000Z',
    finished: '2026-12-01T09:00:05.000Z',
    durationMs: 5000,
    counts: { Create: 2, Success: 2 },
    error: null,
  },
  statistics: { cycles: 1, initialCycles: 1, counts: { Create: 2, Success: 2 }, durationMs: 5000 },
  initialPending: false,
  nextRunAt: '2026-12-01T09:40:05.000Z',
  watermark: 10,
  hold: null,
  quarantine: null,
  links: { users: 2, groups: 0 },
  escrows: 0,
  ...extra,
});

const finished: CycleRecord = {
  id: 'c1',
  kind: 'initial',
  dryRun: false,
  status: 'succeeded',
  started: '2026-12-01T09:00:00.000Z',
  finished: '2026-12-01T09:00:05.000Z',
  done: 2,
  total: 2,
  counts: { Create: 2, Success: 2 },
  error: null,
};

function setup(current: ProvisioningStatus, handlers: Record<string, Handler> = {}) {
  const api = fakeApi({
    [`GET ${p}/status`]: () => json(200, current),
    [`GET ${p}/cycles`]: () =>
      json(200, { cycles: [{ ...finished, id: 'dry', dryRun: true }, finished] }),
    ...handlers,
  });
  renderWithApi(<ProvisioningOverview app="a1" base="/b" canEdit onJobChanged={() => {}} />, api);
  return api;
}

describe('status in words', () => {
  it('the progress of the running cycle, or of the last real one', () => {
    const running = status({
      state: 'running',
      currentCycle: {
        id: 'c2',
        kind: 'initial',
        started: '',
        done: 120,
        total: 500,
        counts: {},
        dryRun: false,
      },
    });
    expect(progressOf(running, undefined)).toEqual({
      done: 120,
      total: 500,
      percent: 24,
      running: true,
      label: 'Initial cycle: 120 of 500 objects (24 %)',
    });
    const counting = status({
      state: 'running',
      currentCycle: { ...running.currentCycle!, done: 0, total: 0 },
    });
    expect(progressOf(counting, undefined)?.percent).toBeNull();
    expect(progressOf(status(), finished)?.label).toBe('Initial cycle: 2 of 2 objects (100 %)');
    expect(progressOf(status(), undefined)).toBeNull();
  });

  it('states and quarantine reasons an admin can act on', () => {
    expect(stateSentence(status({ state: 'off', enabled: false, mode: 'manual' }))).toMatch(
      /mode Manual/,
    );
    expect(quarantineReason('EncounteredQuarantineException')).toMatch(
      /Secret Token or the Tenant URL/,
    );
    expect(quarantineReason('SomethingNew')).toBe('SomethingNew');
  });
});

describe('<ProvisioningOverview>', () => {
  it('shows the last cycle at 100 %, its counts, the statistics to date and the next run', async () => {
    setup(status());
    const progress = (await screen.findByLabelText(
      'Initial cycle: 2 of 2 objects (100 %)',
    )) as HTMLProgressElement;
    expect(progress.value).toBe(100);
    expect(screen.getByText(/Provisioning is on\. The next cycle starts/)).toBeTruthy();
    expect(screen.getByLabelText('Counts to date').textContent).toBe('Created2Succeeded2');
    expect(screen.getByText('Users provisioned: 2')).toBeTruthy();
  });

  it('a quarantine banner says why, since when and when it tries again', async () => {
    setup(
      status({
        state: 'quarantined',
        quarantine: {
          since: '2026-12-01T09:00:00.000Z',
          reason: 'EncounteredQuarantineException',
          detail: 'The target refused the credentials (401): check the Secret Token.',
          nextAttemptAt: '2026-12-01T15:00:00.000Z',
        },
      }),
    );
    const banner = await screen.findByRole('alert');
    expect(within(banner).getByRole('heading').textContent).toBe('Provisioning is in quarantine');
    expect(banner.textContent).toContain('a failure stopped every cycle');
    expect(banner.textContent).toContain('check the Secret Token');
    expect(banner.textContent).toMatch(/Next attempt: .*2026/);
  });

  it('a held job offers Allow deletes', async () => {
    const api = setup(
      status({
        state: 'held',
        hold: {
          reason: 'TooManyDeletes',
          detail: 'The cycle would disable 40 users',
          count: 40,
          threshold: 10,
        },
      }),
      { [`POST ${p}/allow-deletes`]: () => json(200, {}) },
    );
    expect(await screen.findByText(/40 disables and deletes; the threshold is 10/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Allow deletes' }));
    expect(await screen.findByText(/Deletes allowed/)).toBeTruthy();
    expect(api.calls.some((c) => c.method === 'POST' && c.path.endsWith('/allow-deletes'))).toBe(
      true,
    );
  });

  it('Restart asks what to reset: watermark, escrows and quarantine by default', async () => {
    const api = setup(status(), { [`POST ${p}/restart`]: () => json(200, {}) });
    fireEvent.click(await screen.findByRole('button', { name: 'Restart provisioning' }));
    const dialog = screen.getByRole('dialog', { name: 'Restart provisioning' });
    const ticked = within(dialog)
      .getAllByRole('checkbox')
      .map((box) => [box.getAttribute('name'), (box as HTMLInputElement).checked]);
    expect(ticked).toEqual([
      ['watermark', true],
      ['escrows', true],
      ['quarantine', true],
      ['forceDeletes', false],
      ['full', false],
    ]);
    fireEvent.click(within(dialog).getByLabelText('Full restart'));
    fireEvent.click(within(dialog).getByLabelText('Clear the escrows'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Restart' }));
    expect(await screen.findByText(/Restarted: the next cycle is an initial one/)).toBeTruthy();
    expect(api.calls.find((c) => c.path.endsWith('/restart'))?.body).toEqual({
      reset: ['watermark', 'quarantine', 'full'],
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('Start refused shows the reason in words', async () => {
    setup(status({ state: 'off', enabled: false }), {
      [`POST ${p}/start`]: () =>
        apiError(400, 'invalid', 'set the Tenant URL and Secret Token first', 'credentials'),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'Start provisioning' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Set the Tenant URL and Secret Token first',
    );
  });
});
