/**
 * The member changes a store may write many to a statement (PostgreSQL shares one among the
 * like changes of a group, postgres/batched-writes.ts): only additions, or only removals, of a
 * few members. The SCIM service lets exactly these skip its per-group queue, so both sides ask
 * this one function.
 *
 * Example: sharedDelta({ add: [id] }) → { op: 'add', ids: [id] }; sharedDelta({ removeAll: true }) → undefined
 */
import type { MemberChange } from './store.ts';

/** Member ids of one change at most for it to share a statement. */
export const sharedDeltaIds = 10;

export function sharedDelta(
  change: MemberChange,
): { op: 'add' | 'remove'; ids: readonly string[] } | undefined {
  const add = change.add ?? [];
  const remove = change.remove ?? [];
  if (change.removeAll || add.length > 0 === remove.length > 0) return undefined;
  const [op, ids] = add.length > 0 ? (['add', add] as const) : (['remove', remove] as const);
  return ids.length <= sharedDeltaIds ? { op, ids } : undefined;
}
