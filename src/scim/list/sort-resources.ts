/**
 * In-memory `sortBy` / `sortOrder` (RFC 7644 §3.4.2.3), for correctness tests and small result
 * sets; the database sorts real lists. Stable: equal keys keep their input order.
 *
 * - Strings compare by Unicode code point, lower-cased first unless the attribute is caseExact
 *   (no locale). Numbers numerically, booleans false < true, dateTimes as instants.
 * - A multi-valued attribute sorts by its `primary` value, else its first value; a multi-valued
 *   complex attribute named without a sub-attribute (`emails`) sorts by its `value`.
 * - Resources without a value come last ascending and first descending.
 * - `sortBy` naming nothing sortable (unknown, a single-valued complex without sub-attribute,
 *   or a `returned: never` attribute such as password) is a 400 invalidValue: the RFC gives no
 *   rule, and silently unsorted pages would mislead a client that pages through them.
 *
 * Example: sortResources(users, userSchema, 'name.familyName', 'descending')
 */
import { badRequest, quote } from '../errors.ts';
import type { AttrPath } from '../filter/ast.ts';
import { stringifyAttrPath } from '../filter/stringify.ts';
import { parseAttributeName } from '../resource/attribute-list.ts';
import { getKey, readAttribute } from '../resource/read.ts';
import { isPlainObject, type ScimResource } from '../resource/types.ts';
import type { ResolvedAttribute, ResourceSchema } from '../schema/resource-schema.ts';
import type { AttributeDefinition } from '../schema/types.ts';

export type SortOrder = 'ascending' | 'descending';

/** The `sortOrder` parameter: case-insensitive, ascending when absent or empty. */
export function parseSortOrder(text: string | undefined): SortOrder {
  const lower = text?.trim().toLowerCase();
  if (!lower) return 'ascending';
  if (lower === 'ascending' || lower === 'descending') return lower;
  throw badRequest(
    'invalidValue',
    `Parameter "sortOrder" must be "ascending" or "descending", got ${quote(text)}`,
  );
}

type Key = string | number | undefined;

/** A sorted copy of `resources`. */
export function sortResources<T extends ScimResource>(
  resources: readonly T[],
  schema: ResourceSchema,
  sortBy: AttrPath | string,
  order: SortOrder = 'ascending',
): T[] {
  const at = resolveSortBy(schema, sortBy);
  const definition = at.sub ?? at.attribute;
  const keyed = resources.map((resource, index) => ({
    resource,
    index,
    key: toKey(definition, sortValue(resource, at)),
  }));
  const sign = order === 'ascending' ? 1 : -1;
  keyed.sort((a, b) => {
    if (a.key === undefined || b.key === undefined) {
      if (a.key === b.key) return a.index - b.index;
      return (a.key === undefined ? 1 : -1) * sign;
    }
    const c =
      typeof a.key === 'number'
        ? a.key - (b.key as number)
        : compareCodePoints(a.key, b.key as string);
    return c === 0 ? a.index - b.index : c * sign;
  });
  return keyed.map((k) => k.resource);
}

/**
 * Binds `sortBy` to the attribute it sorts by (a multi-valued complex attribute sorts by its
 * `value`), or throws 400 invalidValue. Shared with the store's SQL sort.
 */
export function resolveSortBy(
  schema: ResourceSchema,
  sortBy: AttrPath | string,
): ResolvedAttribute {
  const path = typeof sortBy === 'string' ? parseAttributeName(sortBy) : sortBy;
  const text = stringifyAttrPath(path);
  let at = schema.resolve(path);
  if (at && at.sub === undefined && at.attribute.type === 'complex' && at.attribute.multiValued) {
    at = schema.resolve({ ...path, subAttr: 'value' });
  }
  const target = at && (at.sub ?? at.attribute);
  if (!at || !target || target.type === 'complex') {
    throw badRequest('invalidValue', `Cannot sort by ${quote(text)}: no such sortable attribute`);
  }
  if (at.attribute.returned === 'never' || target.returned === 'never') {
    throw badRequest('invalidValue', `Cannot sort by ${quote(text)}: it is never returned`);
  }
  return at;
}

/** The one value a resource sorts by (RFC 7644 §3.4.2.3), or undefined. */
function sortValue(resource: ScimResource, at: ResolvedAttribute): unknown {
  const raw = readAttribute(resource, at);
  if (raw === undefined || raw === null) return undefined;
  if (!at.attribute.multiValued) {
    return at.subAttr === undefined
      ? raw
      : isPlainObject(raw)
        ? getKey(raw, at.subAttr)
        : undefined;
  }
  const items = (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== null && v !== undefined);
  if (at.subAttr === undefined) return items[0];
  const sub = at.subAttr;
  const candidates = items.filter(
    (item) => isPlainObject(item) && getKey(item, sub) !== undefined && getKey(item, sub) !== null,
  ) as Record<string, unknown>[];
  const chosen = candidates.find((c) => c.primary === true) ?? candidates[0];
  return chosen && getKey(chosen, sub);
}

/** A comparable key for the attribute's type; undefined when the value is missing or unusable. */
function toKey(definition: AttributeDefinition, value: unknown): Key {
  if (value === undefined || value === null) return undefined;
  switch (definition.type) {
    case 'boolean':
      if (typeof value === 'boolean') return value ? 1 : 0;
      if (typeof value !== 'string') return undefined;
      return value.toLowerCase() === 'true' ? 1 : value.toLowerCase() === 'false' ? 0 : undefined;
    case 'integer':
    case 'decimal': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      return typeof n === 'number' && Number.isFinite(n) ? n : undefined;
    }
    case 'dateTime': {
      const t = typeof value === 'string' ? Date.parse(value) : Number.NaN;
      return Number.isNaN(t) ? undefined : t;
    }
    default:
      if (typeof value !== 'string') return undefined;
      return definition.caseExact ? value : value.toLowerCase();
  }
}

/** Unicode code point order (JS `<` compares UTF-16 units, which misorders astral characters). */
export function compareCodePoints(a: string, b: string): number {
  const x = a[Symbol.iterator]();
  const y = b[Symbol.iterator]();
  for (;;) {
    const p = x.next();
    const q = y.next();
    if (p.done || q.done) return p.done && q.done ? 0 : p.done ? -1 : 1;
    const d = p.value.codePointAt(0)! - q.value.codePointAt(0)!;
    if (d !== 0) return d;
  }
}
