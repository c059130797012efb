/**
 * RFC 7644 §3.5.2.2 remove, on the working copy: a single-valued attribute or a whole
 * multi-valued one is unassigned; a value filter removes the elements it selects (or, with a
 * sub-attribute, that sub-attribute of them); a filter that selects nothing changes nothing.
 * Entra's default group form `{"op":"Remove","path":"members","value":[{"value":"u1"}]}` removes
 * only the listed values — generalised to any multi-valued attribute (and a single value equal
 * to the one given). Removing a required or readOnly attribute is a 400 `mutability`.
 *
 * Example: applyRemove(group, resolve('members[value eq "u1"]'), operation, ctx) drops member u1
 */
import { badRequest, quote } from '../errors.ts';
import type { ScimResource } from '../resource/types.ts';
import { isPlainObject } from '../resource/types.ts';
import { elementsOf } from './apply-value.ts';
import { deleteKey, isEmpty, readSlot, writeSlot } from './attribute-slot.ts';
import { removeSub } from './element-edit.ts';
import { matchingIndexes } from './filter-elements.ts';
import { incomingElements, incomingValue } from './incoming-values.ts';
import { withoutValues } from './multi-valued-edit.ts';
import { assertImmutableKept, assertRequiredKept, assertWritable } from './mutability.ts';
import type { PatchContext } from './patch-context.ts';
import type { PatchOperation } from './patch-operation.ts';
import type { AttributeTarget, PatchTarget, SchemaTarget } from './resolve-patch-target.ts';
import { sameValue } from './same-value.ts';

/** Applies one remove operation whose path resolved to `target`. */
export function applyRemove(
  work: ScimResource,
  target: PatchTarget,
  operation: PatchOperation,
  context: PatchContext,
): void {
  if (target.kind === 'schema') {
    removeSchema(work, target, context);
    return;
  }
  const { at, path } = target;
  assertWritable(at, path);
  const before = readSlot(work, at);
  const after = removedFrom(before, target, operation, context);
  assertImmutableKept(at, before, after, path);
  assertRequiredKept(at, before, after, path);
  writeSlot(work, at, after);
  if (!at.inCore) context.touchedSchemas.add(at.schema);
}

function removedFrom(
  before: unknown,
  target: AttributeTarget,
  operation: PatchOperation,
  context: PatchContext,
): unknown {
  const { at, path, filter } = target;
  const attribute = at.attribute;
  if (before === undefined) return undefined;
  const elements = elementsOf(before);
  let kept: unknown[];
  if (filter) {
    const hits = new Set(matchingIndexes(elements, filter, at, context.schema, path));
    kept = elements.map((e, i) => {
      if (!hits.has(i)) return e;
      return at.sub && isPlainObject(e) ? removeSub(attribute, e, at.sub, path) : undefined;
    });
  } else if (at.sub) {
    kept = elements.map((e) => (isPlainObject(e) ? removeSub(attribute, e, at.sub!, path) : e));
  } else if (operation.hasValue && operation.value !== null) {
    kept = attribute.multiValued
      ? withoutValues(attribute, elements, incomingElements(attribute, operation.value, at.name))
      : sameValue(attribute, before, incomingValue(attribute, operation.value, at.name))
        ? []
        : elements;
  } else {
    kept = [];
  }
  kept = kept.filter((e) => !isEmpty(e));
  return attribute.multiValued ? (kept.length > 0 ? kept : undefined) : kept[0];
}

/** Removes a whole extension (`"path": "urn:…:enterprise:2.0:User"`). */
function removeSchema(work: ScimResource, target: SchemaTarget, context: PatchContext): void {
  const { schema } = context;
  const extension = schema.extensions.find((e) => e.schema.id === target.schema.id);
  if (!extension) {
    throw badRequest(
      'invalidPath',
      `Path ${quote(target.path)} names the core schema; remove its attributes one by one`,
    );
  }
  const urn = target.schema.id;
  const present = target.schema.attributes.filter(
    (attribute) =>
      readSlot(work, { schema: urn, inCore: false, name: attribute.name, attribute }) !== undefined,
  );
  const blocked =
    extension.required || present.some((a) => a.required || a.mutability === 'readOnly');
  if (present.length > 0 && blocked) {
    throw badRequest(
      'mutability',
      `Extension "${urn}" holds required or readOnly attributes and cannot be removed (path ${quote(target.path)})`,
    );
  }
  deleteKey(work, target.schema.id);
  context.touchedSchemas.add(target.schema.id);
}
