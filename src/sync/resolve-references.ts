/**
 * The reference pass (Entra how-provisioning-works.md, step 6): reference attributes carry
 * directory ids, the target wants its own ids. Given the engine's links (directory id → target
 * id), a single-valued reference such as the enterprise `manager` is written into the exported
 * resource as `{ value: targetId }` (or cleared when the source has none), ready for
 * diffToPatch; a multi-valued one (group `members`) comes back as target ids for
 * planMemberPatches. Ids without a link yet (a manager not provisioned so far) are listed as
 * unresolved and their slot stays untouched, so the engine can link them in a later cycle
 * without a restart.
 *
 * Example:
 *   resolveReferences(exported, (id) => links.get(id))
 *   → { exported: { resource: { …, 'urn:…:enterprise:2.0:User': { manager: { value: 't-42' } } }, … },
 *       members: [], unresolved: [] }
 */
import type { ExportedObject } from './export-object.ts';
import { writeSlot } from './slot-access.ts';
import type { TargetSlot } from './target-slot.ts';

export interface ResolvedMembers {
  index: number;
  slot: TargetSlot;
  /** Target ids of the linked members, in source order, without duplicates. */
  targetIds: string[];
}

export interface UnresolvedReference {
  index: number;
  slot: TargetSlot;
  /** Directory ids with no target id yet. */
  sourceIds: string[];
}

export interface ReferenceResolution {
  /** A copy of the export with single-valued references written or cleared. */
  exported: ExportedObject;
  /** Multi-valued references (group members) as target ids. */
  members: ResolvedMembers[];
  unresolved: UnresolvedReference[];
}

/** Resolves the export's references through `lookup`; see the file comment. */
export function resolveReferences(
  exported: ExportedObject,
  lookup: (sourceId: string) => string | undefined,
): ReferenceResolution {
  const resource = structuredClone(exported.resource);
  const untouched = new Set(exported.untouched);
  const members: ResolvedMembers[] = [];
  const unresolved: UnresolvedReference[] = [];
  for (const reference of exported.references) {
    const { index, slot } = reference;
    const targetIds: string[] = [];
    const missing: string[] = [];
    for (const id of reference.sourceIds) {
      const target = lookup(id);
      if (target === undefined) missing.push(id);
      else if (!targetIds.includes(target)) targetIds.push(target);
    }
    if (missing.length > 0) unresolved.push({ index, slot, sourceIds: missing });
    if (reference.multiValued) {
      members.push({ index, slot, targetIds });
      continue;
    }
    if (missing.length > 0) continue;
    untouched.delete(slot.key);
    if (targetIds.length > 0) writeSlot(resource, slot, { value: targetIds[0] });
  }
  const schemas = Array.isArray(resource.schemas) ? [...(resource.schemas as string[])] : [];
  for (const key of Object.keys(resource)) {
    if (key.includes(':') && !schemas.includes(key)) schemas.push(key);
  }
  resource.schemas = schemas;
  return { exported: { ...exported, resource, untouched }, members, unresolved };
}
