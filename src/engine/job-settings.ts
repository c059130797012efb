/**
 * A provisioning job's settings (the tutorial's Provisioning blade, "Settings"): mode, scope,
 * interval, accidental-deletion threshold, skip-out-of-scope-deletions, the notification email,
 * and Roster's own options (flatten nested groups, Bulk). Defaults follow Entra; `checkSettings`
 * validates a partial update in words, naming the field.
 *
 * Example:
 *   applySettings(defaultSettings({ bulk: false }), { scope: 'all', intervalSeconds: 30 })
 *   → { mode: 'manual', scope: 'all', intervalSeconds: 30, deletionThreshold: 500, … }
 */
import { defaultDeletionThreshold } from '../sync/index.ts';
import { ProvisioningError } from './engine-error.ts';

export type ProvisioningMode = 'manual' | 'automatic';
export type ProvisioningScope = 'assigned' | 'all';

export interface JobSettings {
  /** Manual: nothing runs (Entra's default until an admin picks Automatic). */
  mode: ProvisioningMode;
  /** Sync only assigned users and groups (default), or every user and group. */
  scope: ProvisioningScope;
  /** Seconds between cycles; Entra's fixed 40 minutes by default, down to 1 second. */
  intervalSeconds: number;
  /** Most disables + deletes a cycle may do; 0 turns the check off. */
  deletionThreshold: number;
  /** Leave users that leave scope (unassigned, filtered out) as they are on the target. */
  skipOutOfScopeDeletions: boolean;
  /** Where failure notifications go (issue #7), and whether to send them. */
  notificationEmail: string | null;
  sendFailureEmail: boolean;
  /** Provision the members of nested groups as members of the assigned group. */
  flattenNestedGroups: boolean;
  /** Use /Bulk when the target advertises it; default from the gallery template. */
  useBulk: boolean;
}

export type SettingsUpdate = Partial<JobSettings>;

export const defaultIntervalSeconds = 40 * 60;
/** Longest interval accepted: one week. */
export const maxIntervalSeconds = 7 * 24 * 3600;

export function defaultSettings(template: { bulk: boolean }): JobSettings {
  return {
    mode: 'manual',
    scope: 'assigned',
    intervalSeconds: defaultIntervalSeconds,
    deletionThreshold: defaultDeletionThreshold,
    skipOutOfScopeDeletions: false,
    notificationEmail: null,
    sendFailureEmail: false,
    flattenNestedGroups: false,
    useBulk: template.bulk,
  };
}

const emailPattern = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const fail = (field: string, message: string): never => {
  throw new ProvisioningError('invalid', `${field} ${message}`, field);
};

/** The known fields of `input`, checked; anything unknown or wrong throws in words. */
export function checkSettings(input: unknown): SettingsUpdate {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new ProvisioningError('invalid', 'settings must be a JSON object', 'settings');
  const o = input as Record<string, unknown>;
  const known = Object.keys(defaultSettings({ bulk: false }));
  const out: SettingsUpdate = {};
  for (const [key, value] of Object.entries(o)) {
    switch (key) {
      case 'mode':
        if (value !== 'manual' && value !== 'automatic') fail(key, 'must be manual or automatic');
        out.mode = value as ProvisioningMode;
        break;
      case 'scope':
        if (value !== 'assigned' && value !== 'all')
          fail(key, 'must be assigned (sync only assigned users and groups) or all');
        out.scope = value as ProvisioningScope;
        break;
      case 'intervalSeconds':
        if (
          !Number.isInteger(value) ||
          (value as number) < 1 ||
          (value as number) > maxIntervalSeconds
        )
          fail(key, `must be a whole number of seconds from 1 to ${maxIntervalSeconds}`);
        out.intervalSeconds = value as number;
        break;
      case 'deletionThreshold':
        if (!Number.isInteger(value) || (value as number) < 0)
          fail(key, 'must be a whole number from 0 (0 turns the check off)');
        out.deletionThreshold = value as number;
        break;
      case 'notificationEmail':
        if (value !== null && (typeof value !== 'string' || !emailPattern.test(value)))
          fail(key, 'must be an email address, or null');
        out.notificationEmail = value as string | null;
        break;
      case 'skipOutOfScopeDeletions':
      case 'sendFailureEmail':
      case 'flattenNestedGroups':
      case 'useBulk':
        if (typeof value !== 'boolean') fail(key, 'must be true or false');
        out[key] = value as boolean;
        break;
      default:
        fail(key, `is not a setting (known: ${known.join(', ')})`);
    }
  }
  return out;
}

/** `settings` with `update` applied. */
export function applySettings(settings: JobSettings, update: SettingsUpdate): JobSettings {
  const next = { ...settings };
  for (const [key, value] of Object.entries(update))
    if (value !== undefined) (next as Record<string, unknown>)[key] = value;
  if (next.sendFailureEmail && !next.notificationEmail)
    fail('notificationEmail', 'is needed to send an email notification when a failure occurs');
  return next;
}

/** True when the change makes the next cycle an initial one (what is in scope changed). */
export function changesScope(before: JobSettings, after: JobSettings): boolean {
  return before.scope !== after.scope || before.flattenNestedGroups !== after.flattenNestedGroups;
}
