/**
 * The reset scopes of a restart (Entra's restart of a provisioning job, with its scopes):
 *
 * - `watermark`: the next cycle is an initial one (every object in scope is looked at again);
 * - `escrows`: failed objects are forgotten (no retries pending) and so are the failure counts
 *   quarantine judges;
 * - `quarantine`: the quarantine is lifted and the failing cycles count starts over (a job
 *   that quarantine turned off stays off until it is started);
 * - `forceDeletes`: a TooManyDeletes hold is lifted and the next cycle carries the held
 *   disables and deletes out, whatever their count (as allow-deletes);
 * - `full`: all of these, and every link between directory objects and target objects is
 *   dropped with what was last exported, so the next cycle matches everything again (nothing
 *   is duplicated: matching finds the objects on the target).
 *
 * No scope (or an empty list) is Entra's default restart: watermark, escrows and quarantine.
 * Every restart lifts a hold; without forceDeletes the next cycle checks the threshold again.
 *
 * Example: readResetScopes(['escrows', 'full']) → ['watermark', 'escrows', 'quarantine', 'forceDeletes', 'full']
 */
import { ProvisioningError } from './engine-error.ts';

export const resetScopes = ['watermark', 'escrows', 'quarantine', 'forceDeletes', 'full'] as const;
export type ResetScope = (typeof resetScopes)[number];
export const defaultResetScopes: readonly ResetScope[] = ['watermark', 'escrows', 'quarantine'];

const allowed = 'watermark, escrows, quarantine, forceDeletes or full';

/** The scopes asked for, checked, with `full` expanded, in the order of `resetScopes`. */
export function readResetScopes(input: unknown): ResetScope[] {
  if (input === undefined || input === null) return [...defaultResetScopes];
  if (!Array.isArray(input))
    throw new ProvisioningError(
      'invalid',
      `reset must be a list of scopes (${allowed}), not ${JSON.stringify(input)}`,
      'reset',
    );
  if (input.length === 0) return [...defaultResetScopes];
  const asked = new Set<ResetScope>();
  for (const [index, item] of input.entries()) {
    const scope = resetScopes.find((s) => s === item);
    if (!scope) {
      const near =
        typeof item === 'string'
          ? resetScopes.find((s) => s.toLowerCase() === item.toLowerCase().replace(/[-_ ]/g, ''))
          : undefined;
      throw new ProvisioningError(
        'invalid',
        `${JSON.stringify(item)} (reset[${index}]) is not a reset scope: use ${allowed}${near ? `; did you mean ${near}?` : ''}`,
        'reset',
      );
    }
    asked.add(scope);
  }
  if (asked.has('full')) return [...resetScopes];
  return resetScopes.filter((s) => asked.has(s));
}
