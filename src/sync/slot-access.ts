/**
 * Reads and writes a slot's value in a SCIM resource (RFC 7643 JSON: core attributes at the top,
 * extension attributes under their schema URN). Reads tolerate keys in another case and
 * selector values in another case (RFC 7643 §2.1, `type` is not caseExact); writes create the
 * extension object, the complex attribute or the selected element as needed.
 *
 * Example: readSlot({ emails: [{ type: 'Work', value: 'a@x.test' }] }, workEmailSlot) → 'a@x.test'
 */
import { type FilterLiteral, getKey, isPlainObject, type ScimResource } from '../scim/index.ts';
import type { TargetSlot } from './target-slot.ts';

type Json = Record<string, unknown>;

function container(resource: ScimResource, slot: TargetSlot, create: boolean): Json | undefined {
  if (slot.inCore) return resource;
  const existing = getKey(resource, slot.schemaUrn);
  if (isPlainObject(existing)) return existing;
  if (!create) return undefined;
  const made: Json = {};
  resource[slot.schemaUrn] = made;
  return made;
}

function sameLiteral(a: unknown, b: FilterLiteral): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  return a === b;
}

/** True when `element` carries every (sub-attribute, value) pair of the selector. */
export function matchesSelector(
  element: unknown,
  selector: readonly (readonly [string, FilterLiteral])[],
): element is Json {
  if (!isPlainObject(element)) return false;
  return selector.every(([name, value]) => sameLiteral(getKey(element, name), value));
}

/** The top-level value of the slot's attribute (the whole `emails` list for an element slot). */
export function readTop(resource: ScimResource, slot: TargetSlot): unknown {
  const holder = container(resource, slot, false);
  return holder === undefined ? undefined : getKey(holder, slot.name);
}

/** The first element of an element slot's attribute that its selector picks. */
export function findElement(resource: ScimResource, slot: TargetSlot): Json | undefined {
  const list = readTop(resource, slot);
  if (!Array.isArray(list)) return undefined;
  return list.find((element) => matchesSelector(element, slot.selector!));
}

/** The value at the slot, or undefined when absent (null reads as absent, RFC 7643 §2.5). */
export function readSlot(resource: ScimResource, slot: TargetSlot): unknown {
  let value: unknown;
  if (slot.shape === 'attribute') value = readTop(resource, slot);
  else if (slot.shape === 'subAttribute') {
    const complex = readTop(resource, slot);
    value = isPlainObject(complex) ? getKey(complex, slot.subAttr!) : undefined;
  } else {
    const element = findElement(resource, slot);
    value = element === undefined ? undefined : getKey(element, slot.subAttr!);
  }
  return value === null ? undefined : value;
}

/** Sets the slot's value in `resource` (mutates it), creating containers and elements. */
export function writeSlot(resource: ScimResource, slot: TargetSlot, value: unknown): void {
  const holder = container(resource, slot, true)!;
  if (slot.shape === 'attribute') {
    holder[slot.name] = value;
    return;
  }
  if (slot.shape === 'subAttribute') {
    let complex = getKey(holder, slot.name);
    if (!isPlainObject(complex)) {
      complex = {};
      holder[slot.name] = complex;
    }
    (complex as Json)[slot.subAttr!] = value;
    return;
  }
  let list = getKey(holder, slot.name);
  if (!Array.isArray(list)) {
    list = [];
    holder[slot.name] = list;
  }
  const elements = list as unknown[];
  let element = elements.find((e) => matchesSelector(e, slot.selector!));
  if (element === undefined) {
    element = Object.fromEntries(slot.selector!.map(([name, literal]) => [name, literal]));
    elements.push(element);
  }
  (element as Json)[slot.subAttr!] = value;
}
