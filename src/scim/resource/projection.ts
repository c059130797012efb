/**
 * Compiles `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5) against a resource schema
 * into a Projection: for each attribute, whether it is returned and which sub-attributes.
 * `projectResource` applies it; `needsAttribute` lets the server skip loading what will not be
 * returned (`excludedAttributes=members` never loads members).
 *
 * Rules (RFC 7643 §2.2 `returned`):
 * - `never` (password) is never returned; `always` (id) always is, exclusions notwithstanding;
 *   `schemas` is always returned too (RFC 7643 §3 makes it REQUIRED).
 * - No `attributes`: every `default` attribute; `request` ones are left out.
 * - `attributes` given: only the named ones plus `always`. Naming an attribute returns all of
 *   its sub-attributes but `never` ones; naming `emails.value` returns just that sub-attribute.
 *   A schema URN alone (`urn:…:enterprise:2.0:User`) names every attribute of that schema.
 * - `excludedAttributes` then removes what it names (whole attributes or sub-attributes) unless
 *   `always`. Both parameters together: the selection first, then the exclusions.
 * - Names are case-insensitive and may be URN-qualified. Unknown names are ignored (lenient:
 *   a client asking for an attribute we do not have gets the rest). An empty list means no
 *   restriction, but a non-empty list of only unknown names returns just the `always` set.
 *
 * Example:
 *   const p = compileProjection(groups, { excludedAttributes: 'members' });
 *   needsAttribute(p, 'members') → false
 */
import type { AttrPath } from '../filter/ast.ts';
import type { ResourceSchema } from '../schema/resource-schema.ts';
import { commonAttributes } from '../schema/resource-schema.ts';
import type { AttributeDefinition } from '../schema/types.ts';
import { parseAttributeList, parseAttributeName } from './attribute-list.ts';

/** An attribute list as the query string gives it, or already parsed. */
export type AttributeList = string | readonly (AttrPath | string)[] | undefined;

export interface ProjectionRequest {
  attributes?: AttributeList;
  excludedAttributes?: AttributeList;
}

/** 'all': the whole attribute; a set: only these sub-attributes (lower-cased names). */
export type Selection = 'all' | Set<string>;

export interface Projection {
  readonly kind: 'projection';
  readonly schema: ResourceSchema;
  /** Undefined when no (non-empty) `attributes` was given. */
  readonly include: ReadonlyMap<string, Selection> | undefined;
  readonly exclude: ReadonlyMap<string, Selection>;
}

/** What the projection keeps of one attribute: undefined (drop it) or its sub-attribute rule. */
export interface AttributePlan {
  /** 'default': default and always sub-attributes; 'all': all but never; a set: those + always. */
  keep: 'default' | Selection;
  /** Sub-attributes to drop (unless `always`). */
  drop: ReadonlySet<string>;
}

export const attributeKey = (schemaId: string, name: string) =>
  `${schemaId.toLowerCase()}|${name.toLowerCase()}`;

function toPaths(list: AttributeList): AttrPath[] {
  if (list === undefined) return [];
  if (typeof list === 'string') return parseAttributeList(list);
  return list.map((p) => (typeof p === 'string' ? parseAttributeName(p) : p));
}

function compileList(schema: ResourceSchema, paths: AttrPath[]): Map<string, Selection> {
  const selections = new Map<string, Selection>();
  const add = (key: string, sub?: string) => {
    const current = selections.get(key);
    if (current === 'all') return;
    if (sub === undefined) selections.set(key, 'all');
    else selections.set(key, new Set([...(current ?? []), sub.toLowerCase()]));
  };
  for (const path of paths) {
    const at = schema.resolve(path);
    if (at) {
      add(attributeKey(at.schema, at.name), at.subAttr);
      continue;
    }
    if (path.uri === undefined) continue;
    const whole = schema.schemaById(
      `${path.uri}:${path.name}${path.subAttr ? `.${path.subAttr}` : ''}`,
    );
    if (!whole) continue; // unknown name: ignored
    const attributes =
      whole.id === schema.core.id ? [...commonAttributes, ...whole.attributes] : whole.attributes;
    for (const a of attributes) add(attributeKey(whole.id, a.name));
  }
  return selections;
}

/** Compiles the request once; reuse the result for every resource of a list response. */
export function compileProjection(
  schema: ResourceSchema,
  request: ProjectionRequest = {},
): Projection {
  const included = toPaths(request.attributes);
  return {
    kind: 'projection',
    schema,
    include: included.length === 0 ? undefined : compileList(schema, included),
    exclude: compileList(schema, toPaths(request.excludedAttributes)),
  };
}

/** The plan for one attribute of `schemaId`, or undefined when the projection drops it. */
export function planAttribute(
  projection: Projection,
  schemaId: string,
  definition: AttributeDefinition,
): AttributePlan | undefined {
  if (definition.returned === 'never') return undefined;
  const key = attributeKey(schemaId, definition.name);
  if (definition.returned === 'always') return { keep: 'all', drop: new Set() };
  let keep: AttributePlan['keep'];
  if (projection.include) {
    const selected = projection.include.get(key);
    if (!selected) return undefined;
    keep = selected;
  } else {
    if (definition.returned === 'request') return undefined;
    keep = 'default';
  }
  const excluded = projection.exclude.get(key);
  if (excluded === 'all') return undefined;
  return { keep, drop: excluded ?? new Set() };
}

/**
 * Whether a resource projected with `projection` can contain `name` (e.g. 'members',
 * 'urn:…:enterprise:2.0:User:manager'); false also for names the schema does not know.
 */
export function needsAttribute(projection: Projection, name: string | AttrPath): boolean {
  const path = typeof name === 'string' ? parseAttributeName(name) : name;
  const at = projection.schema.resolve({ ...path, subAttr: undefined });
  return at !== undefined && planAttribute(projection, at.schema, at.attribute) !== undefined;
}
