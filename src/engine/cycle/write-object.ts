/**
 * Writing one object to the target, the three ways a cycle does it (Entra
 * how-provisioning-works.md): create (references the target already has are sent with it; the
 * rest wait in the link's `pending`), update (the export compared with what we last exported —
 * nothing to do when equal outside initial cycles — else the target read and a minimal PATCH),
 * and disable (an update with [IsSoftDeleted] true). Each returns the link to keep; failures
 * are thrown to the caller, which logs and escrows them.
 *
 * Example: const link = await updateObject(context, users, work, { read: true, softDeleted: false });
 */

import type { ScimResource } from '../../scim/index.ts';
import type { LinkPending, ModifiedProperty, ProvisioningLink } from '../../store/store.ts';
import {
  type CompiledObjectMapping,
  diffToPatch,
  type ExportedObject,
  exportObject,
  resolveReferences,
  type ScimPatchOperation,
  sameJson,
} from '../../sync/index.ts';
import type { CycleContext } from './cycle-context.ts';
import { createdProperties, modifiedProperties } from './log-steps.ts';
import { ObjectFailure } from './object-failure.ts';
import type { ObjectWork } from './object-state.ts';

/** Directory ids the export refers to (manager; not group members, which have their own pass). */
export function referencedIds(exported: ExportedObject): string[] {
  return exported.references.filter((r) => !r.multiValued).flatMap((r) => r.sourceIds);
}

export function checkExport(exported: ExportedObject): void {
  if (exported.errors.length > 0) {
    const first = exported.errors[0]!;
    throw new ObjectFailure(
      'ExpressionEvaluationFailed',
      `the mapping to ${first.target} failed: ${first.message}`,
    );
  }
  if (exported.missingRequired.length > 0)
    throw new ObjectFailure(
      'MandatoryFieldsMissing',
      `required target attribute ${exported.missingRequired.join(', ')} has no value`,
    );
}

/** The export with single-valued references written, and the ids still without a link. */
function resolve(exported: ExportedObject, lookup: ReadonlyMap<string, string>) {
  const resolution = resolveReferences(exported, (id) => lookup.get(id));
  const unresolved = resolution.unresolved
    .filter((u) => !u.slot.reference?.multiValued)
    .flatMap((u) => u.sourceIds);
  return { desired: resolution.exported, unresolved };
}

function pendingOf(
  type: ObjectWork['type'],
  unresolved: string[],
  keep: LinkPending | null,
  groupFull: LinkPending | null,
): LinkPending | null {
  if (type === 'group') return groupFull ?? keep;
  return unresolved.length > 0 ? { ids: unresolved } : null;
}

export interface WriteResult {
  link: ProvisioningLink;
  /** What the log shows: created, updated (with properties), or nothing to do. */
  outcome: 'created' | 'updated' | 'unchanged';
  modified: ModifiedProperty[];
  /** The PATCH operations an update sent. */
  operations?: ScimPatchOperation[];
}

export async function createObject(
  context: CycleContext,
  mapping: CompiledObjectMapping,
  work: ObjectWork,
  exported: ExportedObject,
  lookup: ReadonlyMap<string, string>,
): Promise<WriteResult> {
  checkExport(exported);
  const { desired, unresolved } = resolve(exported, lookup);
  await context.journal?.creating(work.type, work.item.sourceId);
  const targetId = await context.writer.create(mapping.endpoint, desired.resource);
  context.journal?.created(work.type, work.item.sourceId, targetId);
  const at = context.clock().toISOString();
  const link: ProvisioningLink = {
    appId: context.app.id,
    objectType: work.type,
    sourceId: work.item.sourceId,
    targetId,
    identity: work.identity,
    state: 'active',
    exported: desired.resource,
    pending: pendingOf(work.type, unresolved, null, { full: true, empty: true }),
    seenCycle: context.cycleId,
    created: at,
    updated: at,
  };
  return { link, outcome: 'created', modified: createdProperties(mapping, desired) };
}

export interface UpdateOptions {
  /** Read the target even when the export equals the last one (initial cycles, matches). */
  read: boolean;
  /** Export with [IsSoftDeleted] true: a disable. */
  softDeleted: boolean;
  /** A group just matched or in an initial cycle: its whole member list is to be compared. */
  fullMembers: boolean;
  /** What the target holds, when known without reading it (the resource we just exported). */
  current?: ScimResource;
}

export async function updateObject(
  context: CycleContext,
  mapping: CompiledObjectMapping,
  work: ObjectWork,
  link: ProvisioningLink,
  lookup: ReadonlyMap<string, string>,
  options: UpdateOptions,
): Promise<WriteResult> {
  const exported = exportObject(work.source!, mapping, {
    mode: 'update',
    now: context.clock(),
    isSoftDeleted: options.softDeleted,
  });
  checkExport(exported);
  const { desired, unresolved } = resolve(exported, lookup);
  const state = options.softDeleted ? 'disabled' : 'active';
  const pending = pendingOf(
    work.type,
    unresolved,
    link.pending,
    options.fullMembers ? { full: true } : null,
  );
  const next: ProvisioningLink = {
    ...link,
    identity: work.identity,
    state,
    exported: desired.resource,
    pending,
    seenCycle: context.cycleId,
    updated: context.clock().toISOString(),
  };
  if (
    !options.read &&
    link.state === state &&
    link.exported !== null &&
    sameJson(link.exported, desired.resource)
  )
    return { link: next, outcome: 'unchanged', modified: [] };
  const current =
    options.current ??
    (await context.client.get(
      mapping.endpoint,
      link.targetId,
      work.type === 'group' ? { excludedAttributes: ['members'] } : {},
    ));
  const operations = diffToPatch(current, desired, mapping);
  if (operations.length === 0) return { link: next, outcome: 'unchanged', modified: [] };
  const modified = modifiedProperties(mapping, current, desired);
  await context.writer.patch(mapping.endpoint, link.targetId, operations);
  return { link: next, outcome: 'updated', modified, operations };
}
