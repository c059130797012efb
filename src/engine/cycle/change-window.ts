/**
 * The change feed since the watermark, coalesced (Entra's incremental cycle): several changes
 * to one object become one visit (the cycle reads its current state anyway), each remembered
 * with the last change id for the log; membership changes become per-group member deltas (the
 * last change of a member wins); assignments of this app name the user or group they touch.
 * Pure: the cycle widens the window with scope effects (assigned groups' members) afterwards.
 *
 * Example:
 *   coalesceChanges([{ sequence: 7, objectType: 'user', objectId: 'u1', kind: 'updated', … },
 *                    { sequence: 9, objectType: 'user', objectId: 'u1', kind: 'updated', … }], appId)
 *   → { users: Map { 'u1' → 9 }, groups: Map {}, members: Map {}, … }
 */
import type { DirectoryChange } from '../../store/store.ts';

export interface MemberDelta {
  kind: 'added' | 'removed';
  memberType: 'user' | 'group';
  changeId: number;
}

export interface ChangeWindow {
  /** Objects to visit, with the id of the last change that named them. */
  users: Map<string, number>;
  groups: Map<string, number>;
  /** Group id → member id → the member's last change. */
  members: Map<string, Map<string, MemberDelta>>;
  /** Groups assigned or unassigned in this window (their members' scope may have changed). */
  assignedGroups: Map<string, number>;
}

export const emptyWindow = (): ChangeWindow => ({
  users: new Map(),
  groups: new Map(),
  members: new Map(),
  assignedGroups: new Map(),
});

/** Adds `changes` to `window` (oldest first); assignments of other apps are ignored. */
export function coalesceChanges(
  changes: readonly DirectoryChange[],
  appId: string,
  window: ChangeWindow = emptyWindow(),
): ChangeWindow {
  for (const change of changes) {
    const { sequence, objectId, detail } = change;
    switch (change.objectType) {
      case 'user':
        window.users.set(objectId, sequence);
        break;
      case 'group':
        window.groups.set(objectId, sequence);
        break;
      case 'membership': {
        const memberId = detail?.memberId;
        if (!memberId) break;
        let deltas = window.members.get(objectId);
        if (!deltas) {
          deltas = new Map();
          window.members.set(objectId, deltas);
        }
        deltas.set(memberId, {
          kind: change.kind === 'removed' ? 'removed' : 'added',
          memberType: detail.memberType === 'group' ? 'group' : 'user',
          changeId: sequence,
        });
        break;
      }
      case 'assignment': {
        if (detail?.appId !== appId || !detail.principalId) break;
        if (detail.principalType === 'group') {
          window.groups.set(detail.principalId, sequence);
          window.assignedGroups.set(detail.principalId, sequence);
        } else window.users.set(detail.principalId, sequence);
        break;
      }
    }
  }
  return window;
}
