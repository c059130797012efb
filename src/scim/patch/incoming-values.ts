/**
 * Turns the `value` of a PATCH operation into values of the target attribute: coerced to the
 * attribute's types (resource/coerce.ts: "False" → false, a bare manager id → {value}, a
 * complex value as a JSON string), with Entra's role shape `{"value":"{\"id\":…,\"value\":\"Admin\"}"}`
 * unwrapped, and read-only sub-attributes (a manager's `displayName`) dropped because the
 * server computes them. RFC 7643 §2.4: at most one element may say `primary: true`.
 *
 * Example: incomingElements(roles, [{ value: '{"value":"Admin","primary":"True"}' }], 'roles')
 *   → [{ value: 'Admin', primary: true }]
 */
import { badRequest, quote } from '../errors.ts';
import { coerceValue } from '../resource/coerce.ts';
import { isPlainObject } from '../resource/types.ts';
import type { AttributeDefinition } from '../schema/types.ts';

/** The attribute as single-valued, to coerce one element of a multi-valued attribute. */
export function elementDefinition(definition: AttributeDefinition): AttributeDefinition {
  return definition.multiValued ? { ...definition, multiValued: false } : definition;
}

/** Entra's role element whose `value` is a JSON object in a string: the object's sub-attributes. */
function unwrapJsonValue(
  definition: AttributeDefinition,
  element: unknown,
  where: string,
): unknown {
  if (definition.type !== 'complex' || !isPlainObject(element)) return element;
  const text = element.value;
  const valueSub = definition.subAttributes?.find((s) => s.name === 'value');
  if (typeof text !== 'string' || valueSub?.type !== 'string' || !text.trim().startsWith('{')) {
    return element;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return element;
  }
  if (!isPlainObject(parsed) || parsed.value === undefined) return element;
  const { value: _ignored, ...rest } = element;
  return coerceValue(elementDefinition(definition), { ...rest, ...parsed }, where);
}

/** Drops sub-attributes the client may not set (RFC 7643 §2.2 readOnly). */
function dropReadOnly(definition: AttributeDefinition, element: unknown): unknown {
  if (definition.type !== 'complex' || !isPlainObject(element)) return element;
  const readOnly = definition.subAttributes?.filter((s) => s.mutability === 'readOnly') ?? [];
  if (readOnly.length === 0) return element;
  const out = { ...element };
  for (const sub of readOnly) delete out[sub.name];
  return Object.keys(out).length === 0 ? null : out;
}

/** One value for a single-valued attribute (or one element of a multi-valued one); null = none. */
export function incomingValue(
  definition: AttributeDefinition,
  raw: unknown,
  where: string,
): unknown {
  const single = elementDefinition(definition);
  const coerced = coerceValue(single, raw, where);
  if (coerced === null) return null;
  return dropReadOnly(single, unwrapJsonValue(single, coerced, where));
}

/** The elements an operation supplies for a multi-valued attribute, in order, nulls dropped. */
export function incomingElements(
  definition: AttributeDefinition,
  raw: unknown,
  where: string,
): unknown[] {
  const items = Array.isArray(raw) ? raw : raw === null || raw === undefined ? [] : [raw];
  const out: unknown[] = [];
  items.forEach((item, i) => {
    const value = incomingValue(definition, item, `${where}[${i}]`);
    if (value !== null) out.push(value);
  });
  checkOnePrimary(out, where, raw);
  return out;
}

/** RFC 7643 §2.4: "The primary attribute value 'true' MUST appear no more than once." */
function checkOnePrimary(elements: readonly unknown[], where: string, raw: unknown): void {
  const primaries = elements.filter((e) => isPlainObject(e) && e.primary === true).length;
  if (primaries > 1) {
    throw badRequest(
      'invalidValue',
      `Attribute "${where}" may have at most one value with "primary": true, got ${primaries}: ${quote(raw)}`,
    );
  }
}
