/**
 * The minimal RFC 7644 §3.5.2 PATCH that makes the target's mapped attributes what the export
 * says, touching nothing the mappings do not own: attributes no mapping targets, elements of
 * `emails` other than the selected one, and the export's `untouched` slots keep their values.
 * Empty when nothing differs, so an unchanged object costs no write.
 *
 * Operations, all in RFC form (lower-case `op`, standard paths, typed values):
 * - a value appears: `add` (multi-valued attributes: `replace` with the whole list, since an
 *   add would append); a value changes: `replace`; a value is gone: `remove`;
 * - a selected element that does not exist yet is created whole with one `add` of the
 *   multi-valued attribute: `{op: 'add', path: 'emails', value: [{type: 'work', value: 'x'}]}`
 *   (RFC 7644 defines no add through a value filter); an existing one is edited through its
 *   value path, `{op: 'replace', path: 'emails[type eq "work"].value', value: 'y'}`; when every
 *   mapped sub-attribute of it is gone, the element is removed: `emails[type eq "work"]`;
 * - `active` as a JSON boolean; a manager as `{ value: id }`, compared by its `value`;
 * - a multi-valued attribute mapped with AppRoleAssignmentsComplex only grows (Entra
 *   customize-application-attributes.md: that function adds roles, its Assertive variant
 *   replaces them): the roles the target lacks are sent with one `add`, none is removed.
 *
 * Invariant (property-tested): applyPatch(current, diffToPatch(current, export)) holds the
 * export's values on every owned slot and equals `current` everywhere else.
 *
 * Example:
 *   diffToPatch({ userName: 'ann', name: { givenName: 'Ann' } }, exportOf({ userName: 'ann', name: { givenName: 'Anne' } }), users)
 *   → [{ op: 'replace', path: 'name.givenName', value: 'Anne' }]
 */
import { getKey, isPlainObject, type ScimResource, stringifyPatchPath } from '../scim/index.ts';
import type { CompiledObjectMapping } from './compile-mappings.ts';
import type { ExportedObject } from './export-object.ts';
import { findElement, readSlot } from './slot-access.ts';
import type { TargetSlot } from './target-slot.ts';

/** One RFC 7644 §3.5.2 operation, as it goes on the wire. */
export interface ScimPatchOperation {
  op: 'add' | 'replace' | 'remove';
  path: string;
  value?: unknown;
}

/** Structural equality; arrays compare as multisets when `unordered`. */
export function sameJson(a: unknown, b: unknown, unordered = false): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    if (!unordered) return a.every((x, i) => sameJson(x, b[i]));
    const left = [...b];
    return a.every((x) => {
      const at = left.findIndex((y) => sameJson(x, y));
      if (at < 0) return false;
      left.splice(at, 1);
      return true;
    });
  }
  if (!isPlainObject(a) || !isPlainObject(b)) return false;
  const keys = Object.keys(a).filter((k) => a[k] !== null && a[k] !== undefined);
  const otherKeys = Object.keys(b).filter((k) => b[k] !== null && b[k] !== undefined);
  if (keys.length !== otherKeys.length) return false;
  return keys.every((k) => sameJson(a[k], getKey(b, k)));
}

function referenceId(value: unknown): unknown {
  return isPlainObject(value) ? getKey(value, 'value') : value;
}

function same(slot: TargetSlot, current: unknown, desired: unknown): boolean {
  if (slot.reference && !slot.reference.multiValued) {
    return referenceId(current) === referenceId(desired);
  }
  const multi = slot.shape === 'attribute' && slot.attribute?.multiValued === true;
  return sameJson(current, desired, multi);
}

/** Two elements of an add-only list are the same when their `value`s are (else as JSON). */
function sameElement(a: unknown, b: unknown): boolean {
  if (isPlainObject(a) && isPlainObject(b) && getKey(a, 'value') !== undefined)
    return sameJson(getKey(a, 'value'), getKey(b, 'value'));
  return sameJson(a, b);
}

/** Mappings whose function only adds to the target's list (never replaces or removes). */
const addOnlyFunctions = new Set(['AppRoleAssignmentsComplex']);

function diffAddOnly(slot: TargetSlot, was: unknown, next: unknown): ScimPatchOperation[] {
  if (!Array.isArray(next)) return [];
  const present = Array.isArray(was) ? was : [];
  const missing = next.filter((x) => !present.some((y) => sameElement(x, y)));
  return missing.length === 0
    ? []
    : [{ op: 'add', path: stringifyPatchPath(slot.path), value: missing }];
}

function diffSlot(
  slot: TargetSlot,
  current: ScimResource,
  desired: ScimResource,
  addOnly = false,
): ScimPatchOperation[] {
  const was = readSlot(current, slot);
  const next = readSlot(desired, slot);
  if (addOnly) return diffAddOnly(slot, was, next);
  if (next === undefined) {
    return was === undefined
      ? []
      : [{ op: 'remove' as const, path: stringifyPatchPath(slot.path) }];
  }
  if (was !== undefined && same(slot, was, next)) return [];
  const multi = slot.shape === 'attribute' && slot.attribute?.multiValued === true;
  const op = was === undefined && !multi ? ('add' as const) : ('replace' as const);
  return [{ op, path: stringifyPatchPath(slot.path), value: next }];
}

function diffElement(
  slots: readonly TargetSlot[],
  partial: boolean,
  current: ScimResource,
  desired: ScimResource,
): ScimPatchOperation[] {
  const first = slots[0]!;
  const was = findElement(current, first);
  const next = findElement(desired, first);
  const attributePath = stringifyPatchPath({
    ...(first.inCore ? {} : { uri: first.schemaUrn }),
    name: first.name,
  });
  if (next !== undefined && was === undefined) {
    const element: Record<string, unknown> = Object.fromEntries(first.selector!);
    for (const slot of slots) {
      const value = readSlot(desired, slot);
      if (value !== undefined) element[slot.subAttr!] = value;
    }
    return [{ op: 'add', path: attributePath, value: [element] }];
  }
  if (next === undefined && was !== undefined && !partial) {
    const owned = slots.some((slot) => readSlot(current, slot) !== undefined);
    if (!owned) return [];
    const { subAttr: _sub, ...elementPath } = first.path;
    return [{ op: 'remove', path: stringifyPatchPath(elementPath) }];
  }
  if (was === undefined) return [];
  return slots.flatMap((slot): ScimPatchOperation[] => {
    const before = readSlot(current, slot);
    const after = readSlot(desired, slot);
    if (after === undefined) {
      return before === undefined
        ? []
        : [{ op: 'remove' as const, path: stringifyPatchPath(slot.path) }];
    }
    if (before !== undefined && sameJson(before, after)) return [];
    return [{ op: 'replace' as const, path: stringifyPatchPath(slot.path), value: after }];
  });
}

/** The operations that take `current` to the export on the owned slots; see the file comment. */
export function diffToPatch(
  current: ScimResource,
  desired: ExportedObject,
  mapping: CompiledObjectMapping,
): ScimPatchOperation[] {
  const operations: ScimPatchOperation[] = [];
  const groups = new Map<string, { slots: TargetSlot[]; partial: boolean }>();
  const order: (TargetSlot | string)[] = [];
  const addOnly = new Set<TargetSlot>();
  for (const { slot, expression } of mapping.attributes) {
    const skip = desired.untouched.has(slot.key) || slot.reference?.multiValued === true;
    if (slot.shape !== 'element') {
      if (skip) continue;
      order.push(slot);
      const multi = slot.shape === 'attribute' && slot.attribute?.multiValued === true;
      if (multi && addOnlyFunctions.has(expression?.rootFunction ?? '')) addOnly.add(slot);
      continue;
    }
    let group = groups.get(slot.elementKey!);
    if (!group) {
      group = { slots: [], partial: false };
      groups.set(slot.elementKey!, group);
      order.push(slot.elementKey!);
    }
    if (skip) group.partial = true;
    else group.slots.push(slot);
  }
  for (const entry of order) {
    if (typeof entry !== 'string') {
      operations.push(...diffSlot(entry, current, desired.resource, addOnly.has(entry)));
      continue;
    }
    const group = groups.get(entry)!;
    if (group.slots.length === 0) continue;
    operations.push(...diffElement(group.slots, group.partial, current, desired.resource));
  }
  return operations;
}
