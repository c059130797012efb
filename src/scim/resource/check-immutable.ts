/**
 * The replace-time half of RFC 7643 §2.2 `immutable` (RFC 7644 §3.5.1): once an immutable
 * attribute has a value, a PUT may repeat it but not change it.
 *
 * Contract for the server layer, which calls this after `validateResource(body, schema, 'replace')`:
 * - an immutable attribute (or an immutable sub-attribute of a single-valued complex) that has
 *   a value in `existing` and a different value in `next` → 400 `mutability`;
 * - one that `next` leaves out is not a change: the caller carries the existing value over
 *   (an omitted attribute is "not asserted", RFC 7644 §3.5.1);
 * - immutable sub-attributes of a multi-valued attribute (Group `members`) do not freeze the
 *   list: whole values may be added and removed; a value is never edited in place because
 *   values have no identity beyond their content;
 * - strings compare per `caseExact`, multi-valued attributes as unordered sets.
 *
 * Example: checkImmutable({ schemas, badge: 'A1' }, { schemas, badge: 'B2' }, acmeUsers)
 *   throws ScimError 400 mutability 'Attribute "…:badge" is immutable: it is "A1" and cannot become "B2"'
 */
import { quote, ScimError } from '../errors.ts';
import { commonAttributes, type ResourceSchema } from '../schema/resource-schema.ts';
import type { AttributeDefinition } from '../schema/types.ts';
import { getKey } from './read.ts';
import { isPlainObject, type ScimResource } from './types.ts';

/** Throws 400 mutability when `next` changes an immutable value that `existing` has. */
export function checkImmutable(
  existing: ScimResource,
  next: ScimResource,
  schema: ResourceSchema,
): void {
  checkContainer(existing, next, [...commonAttributes, ...schema.core.attributes], '');
  for (const { schema: extension } of schema.extensions) {
    const before = getKey(existing, extension.id);
    const after = getKey(next, extension.id);
    if (!isPlainObject(before) || !isPlainObject(after)) continue;
    checkContainer(before, after, extension.attributes, `${extension.id}:`);
  }
}

function checkContainer(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  attributes: readonly AttributeDefinition[],
  prefix: string,
): void {
  for (const definition of attributes) {
    const old = getKey(before, definition.name);
    const now = getKey(after, definition.name);
    if (isUnset(old) || isUnset(now)) continue;
    const label = `${prefix}${definition.name}`;
    if (definition.mutability === 'immutable') {
      if (canonical(definition, old) !== canonical(definition, now)) refuse(label, old, now);
      continue;
    }
    if (definition.type !== 'complex' || definition.multiValued) continue;
    if (!isPlainObject(old) || !isPlainObject(now)) continue;
    for (const sub of definition.subAttributes ?? []) {
      if (sub.mutability !== 'immutable') continue;
      const a = getKey(old, sub.name);
      const b = getKey(now, sub.name);
      if (isUnset(a) || isUnset(b)) continue;
      if (canonical(sub, a) !== canonical(sub, b)) refuse(`${label}.${sub.name}`, a, b);
    }
  }
}

const isUnset = (v: unknown) => v === undefined || v === null || (Array.isArray(v) && !v.length);

function refuse(label: string, old: unknown, now: unknown): never {
  throw new ScimError(
    400,
    'mutability',
    `Attribute "${label}" is immutable: it is ${quote(old)} and cannot become ${quote(now)}`,
  );
}

/** A comparable text for a value: case folded where caseExact is false, sets sorted. */
function canonical(definition: AttributeDefinition, value: unknown): string {
  const one = (v: unknown): string => {
    if (typeof v === 'string') return JSON.stringify(definition.caseExact ? v : v.toLowerCase());
    if (!isPlainObject(v) || !definition.subAttributes) return JSON.stringify(v);
    const parts = definition.subAttributes
      .map((s) => [s.name, getKey(v, s.name)] as const)
      .filter(([, x]) => x !== undefined && x !== null)
      .map(([n, x]) => {
        const folded = typeof x === 'string' && !subExact(definition, n) ? x.toLowerCase() : x;
        return `${n}=${JSON.stringify(folded)}`;
      });
    return `{${parts.join(',')}}`;
  };
  if (definition.multiValued && Array.isArray(value)) return `[${value.map(one).sort().join(',')}]`;
  return one(value);
}

const subExact = (definition: AttributeDefinition, name: string) =>
  definition.subAttributes?.find((s) => s.name === name)?.caseExact ?? false;
