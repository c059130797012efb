/**
 * What a filter path reads: `bindOperand` ties a path to the attribute definitions once, and
 * `readOperand` lists the candidate values of one resource (or of one element inside
 * `emails[…]`). Absent and null values appear as `undefined`, so "unassigned" takes part in `ne`
 * and `eq null` exactly as RFC 7643 §2.5 defines it (unassigned ≡ null ≡ empty array); a
 * multi-valued attribute gives one candidate per element (RFC 7644 §3.4.2.2: the filter matches
 * if ANY value matches).
 *
 * Example: readOperand(bindOperand(parseFilter('emails.type pr'), users, undefined, refuse))(bjensen)
 *   → ['work', 'home']
 */

import { getKey, readAttribute } from '../resource/read.ts';
import { isPlainObject, type ScimResource } from '../resource/types.ts';
import type { ResolvedAttribute, ResourceSchema } from '../schema/resource-schema.ts';
import type { AttributeDefinition } from '../schema/types.ts';
import type { AttrPath } from './ast.ts';

/**
 * `schemas` belongs to every resource but to no schema (RFC 7643 §3), and RFC 7644 §3.4.2.2
 * lets clients filter on it: a multi-valued URI, compared case-insensitively like schema ids.
 */
const schemasAttribute: AttributeDefinition = {
  name: 'schemas',
  type: 'reference',
  multiValued: true,
  description: 'The schema URIs the resource uses.',
  required: true,
  caseExact: false,
  mutability: 'readWrite',
  returned: 'always',
  uniqueness: 'none',
  referenceTypes: ['uri'],
};

/** The elements of a raw value, or one `undefined` when there are none. */
export function candidates(raw: unknown): unknown[] {
  if (raw === undefined || raw === null) return [undefined];
  if (!Array.isArray(raw)) return [raw];
  return raw.length === 0 ? [undefined] : raw;
}

/** Non-empty (RFC 7644 `pr`): not null, not "", not [], and a complex node with a non-empty member. */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null || value === '') return false;
  if (Array.isArray(value)) return value.some(isPresent);
  if (isPlainObject(value)) return Object.values(value).some(isPresent);
  return true;
}

/** Resolves a path against the resource type, with `schemas` as a pseudo-attribute. */
export function resolvePath(path: AttrPath, schema: ResourceSchema): ResolvedAttribute | undefined {
  const found = schema.resolve(path);
  if (found || path.uri !== undefined || path.subAttr !== undefined) return found;
  if (path.name.toLowerCase() !== 'schemas') return undefined;
  return { schema: schema.core.id, inCore: true, name: 'schemas', attribute: schemasAttribute };
}

/** The sub-attribute `name` of each element, one candidate per element. */
function subValues(items: unknown[], name: string): unknown[] {
  return items.flatMap((item) => candidates(isPlainObject(item) ? getKey(item, name) : undefined));
}

/**
 * A filter path bound to the resource type: the top-level attribute (`at`, absent inside a
 * value filter), the sub-attribute read from each value (`sub`), and the definition that types
 * the compared values. The in-memory reader and the store's SQL compiler both start here.
 */
export interface BoundOperand {
  at?: ResolvedAttribute;
  sub?: AttributeDefinition;
  definition: AttributeDefinition;
}

/**
 * Binds the path of a `compare` or `present` node, at the top of a resource (`parent`
 * undefined) or inside `parent[…]`. A comparison with a value on a complex attribute binds to
 * its `value` sub-attribute: RFC 7644's own examples compare complex multi-valued attributes
 * directly (`emails co "example.com"`), and RFC 7643 §2.4 makes `value` the significant value.
 *
 * Example: bindOperand(parseFilter('emails co "x"'), users, undefined, refuse)
 *   → { at: emails, sub: emails.value, definition: emails.value }
 */
export function bindOperand(
  node: { kind: 'compare'; path: AttrPath; value: unknown } | { kind: 'present'; path: AttrPath },
  schema: ResourceSchema,
  parent: AttributeDefinition | undefined,
  refuse: (reason: string) => never,
): BoundOperand {
  const bound =
    parent === undefined
      ? bindTop(node.path, schema, refuse)
      : bindInside(node.path, parent, schema, refuse);
  if (node.kind === 'present' || node.value === null || bound.definition.type !== 'complex') {
    return bound;
  }
  const value =
    schema.subAttribute(bound.definition, 'value') ??
    refuse(`${bound.definition.name} is complex; compare one of its sub-attributes`);
  return { ...bound, sub: value, definition: value };
}

function bindTop(path: AttrPath, schema: ResourceSchema, refuse: (reason: string) => never) {
  const at = resolvePath(path, schema) ?? refuse('no such attribute in this resource type');
  const bound: BoundOperand = { at, definition: at.sub ?? at.attribute };
  if (at.sub) bound.sub = at.sub;
  return bound;
}

/**
 * A path inside `parent[…]`: a sub-attribute of one element, or `value` for the element itself
 * when the parent is a multi-valued attribute without sub-attributes (`schemas[value eq "…"]`).
 */
function bindInside(
  path: AttrPath,
  parent: AttributeDefinition,
  schema: ResourceSchema,
  refuse: (reason: string) => never,
): BoundOperand {
  if (path.uri !== undefined || path.subAttr !== undefined) {
    refuse(`inside ${parent.name}[…] name a sub-attribute alone`);
  }
  if (parent.type === 'complex') {
    const sub =
      schema.subAttribute(parent, path.name) ?? refuse(`${parent.name} has no such sub-attribute`);
    return { sub, definition: sub };
  }
  if (parent.multiValued && path.name.toLowerCase() === 'value') {
    return { definition: { ...parent, multiValued: false } };
  }
  return refuse(`${parent.name} has no sub-attributes; only "value" names its elements`);
}

/** The candidate values a bound operand denotes in one resource (or one element). */
export function readOperand(bound: BoundOperand): (input: unknown) => unknown[] {
  const { at, sub } = bound;
  const top = at
    ? (input: unknown) => candidates(readAttribute(input as ScimResource, at))
    : (input: unknown) => [input];
  if (sub === undefined) return at ? top : (input) => candidates(input);
  return (input) => subValues(top(input), sub.name);
}
