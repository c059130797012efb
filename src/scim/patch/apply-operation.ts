/**
 * Applies one parsed PATCH operation to the working copy of a resource (RFC 7644 §3.5.2):
 * resolves its path, or expands a path-less value object into one target per key, and hands
 * each target to add/replace (apply-value.ts) or remove (apply-remove.ts).
 *
 * A path-less value may repeat a readOnly attribute unchanged — Okta sends
 * `{"op":"replace","value":{"id":"<same id>","displayName":"New"}}` — which is skipped; a
 * readOnly attribute with a different value is still a 400 `mutability`.
 *
 * Example: applyOperation(work, { op: 'add', path: 'nickName', target, value: 'Babs', hasValue: true }, ctx)
 */
import { badRequest, quote } from '../errors.ts';
import type { ScimResource } from '../resource/types.ts';
import { isPlainObject } from '../resource/types.ts';
import { applyRemove } from './apply-remove.ts';
import { applyValue } from './apply-value.ts';
import { readSlot } from './attribute-slot.ts';
import { expandValueObject, type ValueAtTarget } from './expand-value-object.ts';
import type { PatchContext } from './patch-context.ts';
import type { PatchOperation } from './patch-operation.ts';
import { resolvePatchTarget } from './resolve-patch-target.ts';
import { deepEqual, sameSimple } from './same-value.ts';

/** True for a readOnly attribute repeated with the value it already has. */
function isUnchangedReadOnly(work: ScimResource, { target, value }: ValueAtTarget): boolean {
  const { at } = target;
  if (
    target.filter ||
    (at.attribute.mutability !== 'readOnly' && at.sub?.mutability !== 'readOnly')
  ) {
    return false;
  }
  const current = readSlot(work, at);
  const held = at.sub && isPlainObject(current) ? current[at.sub.name] : current;
  return sameSimple(at.sub ?? at.attribute, held, value) || deepEqual(held, value);
}

/** Applies `operation` to `work` in place (work is the caller's private copy). */
export function applyOperation(
  work: ScimResource,
  operation: PatchOperation,
  context: PatchContext,
): void {
  const { schema } = context;
  if (operation.op === 'remove') {
    applyRemove(
      work,
      resolvePatchTarget(operation.target!, operation.path!, schema),
      operation,
      context,
    );
    return;
  }
  const op = operation.op;
  let items: ValueAtTarget[];
  if (operation.target === undefined) {
    items = expandValueObject(operation.value as Record<string, unknown>, schema).filter(
      (item) => !isUnchangedReadOnly(work, item),
    );
  } else {
    const target = resolvePatchTarget(operation.target, operation.path!, schema);
    if (target.kind === 'attribute') {
      items = [{ target, value: operation.value }];
    } else if (isPlainObject(operation.value)) {
      items = expandValueObject(operation.value, schema, target.schema.id);
    } else {
      throw badRequest(
        'invalidValue',
        `Path ${quote(target.path)} names a schema, so the value must be an object of its attributes, got ${quote(operation.value)}`,
      );
    }
  }
  for (const item of items) applyValue(work, op, item.target, item.value, context);
}
