/**
 * RFC 7644 §3.5.2.1 add and §3.5.2.3 replace at one attribute path, on the working copy:
 * multi-valued add appends (an equal value is not added twice), replace swaps all values;
 * single-valued replaces; complex merges sub-attributes (a new `value` replaces the whole, so a
 * new manager id does not keep the old manager's other sub-attributes); a value filter edits
 * the elements it selects, and when it selects none and describes one (`emails[type eq "work"]`)
 * that element is created — for replace too, which is Entra's first-time shape.
 *
 * Example: applyValue(user, 'replace', target('emails[type eq "work"].value'), 'x@y.test', ctx)
 */
import { badRequest, quote } from '../errors.ts';
import type { FilterNode } from '../filter/ast.ts';
import type { ScimResource } from '../resource/types.ts';
import { isPlainObject } from '../resource/types.ts';
import type { ResolvedAttribute } from '../schema/resource-schema.ts';
import { isEmpty, readSlot, writeSlot } from './attribute-slot.ts';
import { mergeComplex, setSub } from './element-edit.ts';
import { elementFromFilter, matchingIndexes } from './filter-elements.ts';
import { incomingElements, incomingValue } from './incoming-values.ts';
import { appendUnique, keepOnePrimary } from './multi-valued-edit.ts';
import { assertImmutableKept, assertRequiredKept, assertWritable } from './mutability.ts';
import type { PatchContext } from './patch-context.ts';
import type { AttributeTarget } from './resolve-patch-target.ts';
import { deepEqual, sameValue } from './same-value.ts';

type Op = 'add' | 'replace';

/** The elements of a (possibly unassigned) attribute value as an array. */
export function elementsOf(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? [...value] : [value];
}

/** Applies one add or replace of `raw` at `target`. */
export function applyValue(
  work: ScimResource,
  op: Op,
  target: AttributeTarget,
  raw: unknown,
  context: PatchContext,
): void {
  const { at, path } = target;
  assertWritable(at, path);
  const before = readSlot(work, at);
  const after = target.filter
    ? applyFiltered(op, at, before, raw, target.filter, path, context)
    : at.sub
      ? applySub(op, at, before, raw, path)
      : applyWhole(op, at, before, raw, path);
  assertImmutableKept(at, before, after, path);
  assertRequiredKept(at, before, after, path);
  writeSlot(work, at, after);
  if (!at.inCore) context.touchedSchemas.add(at.schema);
}

function multi(elements: unknown[], touched: number[], at: ResolvedAttribute): unknown {
  keepOnePrimary(at.attribute, elements, touched);
  const kept = elements.filter((e) => !isEmpty(e));
  return at.attribute.multiValued ? (kept.length > 0 ? kept : undefined) : kept[0];
}

function applyWhole(op: Op, at: ResolvedAttribute, before: unknown, raw: unknown, path: string) {
  const attribute = at.attribute;
  if (attribute.multiValued) {
    const incoming = incomingElements(attribute, raw, at.name);
    const start = op === 'add' ? elementsOf(before) : [];
    const { elements, touched } = appendUnique(attribute, start, incoming, path);
    return multi(elements, touched, at);
  }
  const value = incomingValue(attribute, raw, at.name);
  if (value === null) return op === 'add' ? before : undefined;
  if (isPlainObject(before) && isPlainObject(value)) {
    const newIdentity =
      before.value !== undefined &&
      value.value !== undefined &&
      !sameValue(attribute, before, value);
    if (!newIdentity) return mergeComplex(attribute, before, value, path);
  }
  return value;
}

function applySub(op: Op, at: ResolvedAttribute, before: unknown, raw: unknown, path: string) {
  const attribute = at.attribute;
  const sub = at.sub!;
  const elements = elementsOf(before);
  if (elements.length === 0) elements.push({});
  const edited = elements.map((e) =>
    setSub(attribute, isPlainObject(e) ? e : {}, sub, raw, op, path),
  );
  return multi(
    edited,
    edited.map((_, i) => i),
    at,
  );
}

function applyFiltered(
  op: Op,
  at: ResolvedAttribute,
  before: unknown,
  raw: unknown,
  filter: FilterNode,
  path: string,
  context: PatchContext,
) {
  const attribute = at.attribute;
  const elements = elementsOf(before);
  const hits = matchingIndexes(elements, filter, at, context.schema, path);
  const edit = (element: Record<string, unknown>, creating: boolean): unknown => {
    if (at.sub) return setSub(attribute, element, at.sub, raw, op, path);
    const value = incomingValue(attribute, raw, at.name);
    if (value === null) return op === 'add' || creating ? element : undefined;
    if (!isPlainObject(value)) return value;
    return op === 'add' || creating ? mergeComplex(attribute, element, value, path) : value;
  };
  if (hits.length === 0) {
    const seed = elementFromFilter(filter, attribute, context.schema);
    if (!seed) {
      throw badRequest(
        'noTarget',
        `The filter of path ${quote(path)} matched no value of "${at.name}" and does not describe one to create`,
      );
    }
    const created = edit(seed, true);
    if (created === undefined || deepEqual(created, seed)) return before; // nothing to set
    elements.push(created);
    return multi(elements, [elements.length - 1], at);
  }
  for (const i of hits) {
    const element = elements[i];
    elements[i] = edit(isPlainObject(element) ? element : {}, false);
  }
  return multi(elements, hits, at);
}
