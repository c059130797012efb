/**
 * Accidental-deletions prevention (Entra accidental-deletions.md): a cycle that would disable
 * or delete more objects than the threshold (default 500) stops before doing any of them; the
 * pending ones are logged as StagedDelete and the job is held with reason TooManyDeletes until
 * an admin allows the deletes (then the held cycle goes through once) or fixes the cause and
 * restarts. The engine counts a cycle's planned disables and deletes first, then asks here.
 *
 * Example: checkDeletionThreshold({ disables: 480, deletes: 30 }) → { proceed: false, reason: 'TooManyDeletes', count: 510, threshold: 500 }
 */

export const defaultDeletionThreshold = 500;

export interface DeletionCounts {
  disables: number;
  deletes: number;
}

export interface DeletionThresholdOptions {
  /** Most disables + deletes a cycle may do; default 500. 0 or less turns the check off. */
  threshold?: number;
  /** An admin allowed the held deletes: this cycle proceeds whatever the count. */
  allowDeletes?: boolean;
}

export type DeletionCheck =
  | { proceed: true; count: number; threshold: number }
  | { proceed: false; reason: 'TooManyDeletes'; count: number; threshold: number };

/** Whether a cycle may carry out its disables and deletes; see the file comment. */
export function checkDeletionThreshold(
  counts: DeletionCounts,
  options: DeletionThresholdOptions = {},
): DeletionCheck {
  const threshold = options.threshold ?? defaultDeletionThreshold;
  const count = counts.disables + counts.deletes;
  if (options.allowDeletes || threshold <= 0 || count <= threshold) {
    return { proceed: true, count, threshold };
  }
  return { proceed: false, reason: 'TooManyDeletes', count, threshold };
}
