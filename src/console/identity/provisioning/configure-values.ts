/**
 * The Provisioning blade's form as data: the values shown for a job, and what Save sends — the
 * credentials (only when typed), the settings that changed, and Start or Stop when the status
 * changed — or the errors that stop it before any request, each keyed by the field it is about.
 *
 * Example: planSave(job, { ...valuesOf(job), intervalSeconds: '30', status: 'on' })
 *   → { settings: { intervalSeconds: 30 }, status: 'start', errors: {} }
 */
import type { JobSettings, JobView } from '../../api/provisioning-types.ts';

export interface ConfigureValues {
  mode: 'manual' | 'automatic';
  tenantUrl: string;
  /** Write-only: empty keeps the stored token. */
  secretToken: string;
  notificationEmail: string;
  sendFailureEmail: boolean;
  preventDeletes: boolean;
  deletionThreshold: string;
  skipOutOfScopeDeletions: boolean;
  scope: 'assigned' | 'all';
  status: 'on' | 'off';
  intervalSeconds: string;
  flattenNestedGroups: boolean;
  useBulk: boolean;
}

export const maxIntervalSeconds = 7 * 24 * 3600;

export function valuesOf(job: JobView): ConfigureValues {
  const s = job.settings;
  return {
    mode: s.mode,
    tenantUrl: job.credentials?.tenantUrl ?? '',
    secretToken: '',
    notificationEmail: s.notificationEmail ?? '',
    sendFailureEmail: s.sendFailureEmail,
    preventDeletes: s.deletionThreshold > 0,
    deletionThreshold: String(s.deletionThreshold > 0 ? s.deletionThreshold : 500),
    skipOutOfScopeDeletions: s.skipOutOfScopeDeletions,
    scope: s.scope,
    status: job.enabled ? 'on' : 'off',
    intervalSeconds: String(s.intervalSeconds),
    flattenNestedGroups: s.flattenNestedGroups,
    useBulk: s.useBulk,
  };
}

export interface SavePlan {
  credentials?: { tenantUrl: string; secretToken: string };
  settings: Partial<JobSettings>;
  status?: 'start' | 'stop';
  errors: Record<string, string>;
}

const wholeNumber = (text: string) => (/^\s*\d+\s*$/.test(text) ? Number(text) : Number.NaN);

export function planSave(job: JobView, values: ConfigureValues): SavePlan {
  const errors: Record<string, string> = {};
  const plan: SavePlan = { settings: {}, errors };
  const tenantUrl = values.tenantUrl.trim();
  const token = values.secretToken.trim();
  const storedUrl = job.credentials?.tenantUrl ?? '';
  if (token !== '' || tenantUrl !== storedUrl) {
    if (tenantUrl === '') errors.tenantUrl = 'Enter the Tenant URL: the SCIM Base URL of the app.';
    else if (token === '')
      errors.secretToken = job.credentials
        ? 'Enter the Secret Token again to change the Tenant URL.'
        : 'Enter the Secret Token the app created.';
    else plan.credentials = { tenantUrl, secretToken: token };
  }

  const interval = wholeNumber(values.intervalSeconds);
  if (!(interval >= 1 && interval <= maxIntervalSeconds))
    errors.intervalSeconds = `Enter a whole number of seconds from 1 to ${maxIntervalSeconds}.`;
  const threshold = values.preventDeletes ? wholeNumber(values.deletionThreshold) : 0;
  if (values.preventDeletes && !(threshold >= 1))
    errors.deletionThreshold = 'Enter a whole number of 1 or more (or untick the prevention).';
  // Switching a running job to Manual turns it off (the server does); turning it on needs Automatic.
  if (values.status === 'on' && values.mode === 'manual' && !job.enabled)
    errors.status = 'Set the Provisioning Mode to Automatic to turn provisioning on.';

  const wanted: JobSettings = {
    mode: values.mode,
    scope: values.scope,
    intervalSeconds: interval,
    deletionThreshold: threshold,
    skipOutOfScopeDeletions: values.skipOutOfScopeDeletions,
    notificationEmail:
      values.notificationEmail.trim() === '' ? null : values.notificationEmail.trim(),
    sendFailureEmail: values.sendFailureEmail,
    flattenNestedGroups: values.flattenNestedGroups,
    useBulk: values.useBulk,
  };
  for (const key of Object.keys(wanted) as (keyof JobSettings)[])
    if (wanted[key] !== job.settings[key])
      (plan.settings as Record<string, unknown>)[key] = wanted[key];

  if (values.status === 'on' && !job.enabled) plan.status = 'start';
  if (values.status === 'off' && job.enabled) plan.status = 'stop';
  return plan;
}

/** True when Save has nothing to send. */
export const isEmptyPlan = (plan: SavePlan) =>
  !plan.credentials && Object.keys(plan.settings).length === 0 && !plan.status;
