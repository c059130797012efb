/**
 * What the SCIM operations (resource-reads.ts, resource-writes.ts, user-patch.ts,
 * group-patch.ts, bulk-run.ts) share: the store's resource port and the limits.
 */
import type { ResourceStore } from '../store/store.ts';
import type { RepresentMemo } from './represent-memo.ts';
import type { ScimLimits } from './scim-limits.ts';

export interface ServiceDeps {
  resources: ResourceStore;
  limits: ScimLimits;
  /** Serialised GET answers of unchanged records (represent-memo.ts). */
  memo?: RepresentMemo;
  /**
   * The store's concurrent transactions share a COMMIT (SQLite's group commit), so writes that
   * commute gain from running at once; on PostgreSQL they would queue on the row's lock.
   */
  groupCommit?: boolean;
  /**
   * The store writes the unconditional member changes `sharedDelta` names many to a statement
   * (PostgreSQL), so they gain from running at once too.
   */
  sharedDeltas?: boolean;
}
