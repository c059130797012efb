/**
 * The provisioning log's error and skip codes, with Entra's names where Entra has one
 * (known-issues.md, the provisioning logs' "error code" column), and the recommended action an
 * admin reads next to each. A SyncError becomes a code by its kind (and scimType, and whether
 * the target asked us to wait) — never by its HTTP status (architecture.md § Errors).
 *
 * Example: codeOfSyncError(new SyncError({ kind: 'exists', detail: '…' })) → 'EntryConflict'
 */
import { isSyncError } from '../client/index.ts';

export type ErrorCode =
  | 'EntryConflict'
  | 'InvalidAnchor'
  | 'DuplicateTargetEntries'
  | 'MandatoryFieldsMissing'
  | 'MatchingAttributeMissing'
  | 'ExpressionEvaluationFailed'
  | 'TooManyRequests'
  | 'Timeout'
  | 'TargetUnavailable'
  | 'TargetRejected'
  | 'Unauthorized'
  | 'TooManyDeletes'
  | 'UnexpectedError';

export type SkipCode =
  | 'NotEffectivelyEntitled'
  | 'OutOfScope'
  | 'RedundantExport'
  | 'CreateActionDisabled'
  | 'UpdateActionDisabled'
  | 'DeleteActionDisabled'
  | 'SkipOutOfScopeDeletions'
  | 'NoSoftDeleteMapping'
  | 'NotProvisioned'
  | 'DisabledNotCreated'
  | 'PurgedBeforeProvisioned'
  | 'ObjectMappingDisabled';

export const recommendedActions: Record<ErrorCode, string> = {
  EntryConflict:
    'An object with the same matching value exists on the target; check the matching attributes, or remove the duplicate in the app.',
  InvalidAnchor:
    'The linked object is gone from the target; the next cycle matches or creates it again.',
  DuplicateTargetEntries:
    'Several target objects share the matching value: remove the duplicates in the app, or choose a unique matching attribute.',
  MandatoryFieldsMissing:
    'A required target attribute has no value: fill the source attribute in the directory, or give the mapping a default value.',
  MatchingAttributeMissing:
    'None of the matching attributes has a value for this object: fill the source attribute in the directory.',
  ExpressionEvaluationFailed:
    'An attribute mapping failed for this object: fix the expression or the source data; the object is retried in later cycles.',
  TooManyRequests:
    'The target asked to slow down; the object is retried later. Consider a lower rate for this app.',
  Timeout: 'The target did not answer in time; the object is retried later.',
  TargetUnavailable: 'The target failed or could not be reached; the object is retried later.',
  TargetRejected:
    'The target refused the request for this object: read the reason, fix the data or the mapping; the object is retried later.',
  Unauthorized:
    'The target refused the credentials or the Tenant URL is wrong: check the admin credentials with Test Connection.',
  TooManyDeletes:
    'More disables and deletes than the accidental-deletion threshold: check the cause, then allow the deletes or restart.',
  UnexpectedError: 'Roster failed on this object; the cause is in the server log.',
};

/** The code of a failed call: by the SyncError's kind, its scimType and Retry-After. */
export function codeOfSyncError(error: unknown): ErrorCode {
  if (!isSyncError(error)) return 'UnexpectedError';
  switch (error.kind) {
    case 'exists':
      return 'EntryConflict';
    case 'notFound':
      return 'InvalidAnchor';
    case 'stop':
      return 'Unauthorized';
    case 'rejected':
      return error.scimType === 'uniqueness' ? 'EntryConflict' : 'TargetRejected';
    case 'transient':
      if (error.retryAfterMs !== undefined) return 'TooManyRequests';
      if (/^no answer within/.test(error.detail)) return 'Timeout';
      return 'TargetUnavailable';
  }
}

export const reasonOf = (error: unknown): string =>
  isSyncError(error) ? error.message : error instanceof Error ? error.message : String(error);
