/**
 * A path-less add or replace (RFC 7644 §3.5.2.1/§3.5.2.3: "the target location is assumed to be
 * the resource itself") carries an object of attributes. Each key is read as a path of its own,
 * so the shapes IdPs send all work: plain names (`nickname`, any case), dotted sub-attributes
 * (`name.givenName`), URN-qualified names
 * (`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber`), and a whole
 * extension URN whose value is an object of that extension's attributes (Entra, contract item 8).
 *
 * Keys that name no attribute are skipped, as RFC 7644 §3.3 has a server do for unknown
 * attributes in a resource body; `schemas` is skipped because the server maintains it.
 *
 * Example: expandValueObject({ 'name.givenName': 'B', displayName: 'A' }, users)
 *   → [{ target: name.givenName, value: 'B' }, { target: displayName, value: 'A' }]
 */
import { badRequest, quote, ScimError } from '../errors.ts';
import type { PatchPath } from '../filter/ast.ts';
import { parsePatchPath } from '../filter/index.ts';
import { isPlainObject } from '../resource/types.ts';
import type { ResourceSchema } from '../schema/resource-schema.ts';
import { type AttributeTarget, resolvePatchTarget } from './resolve-patch-target.ts';

export interface ValueAtTarget {
  target: AttributeTarget;
  value: unknown;
}

function parseKey(key: string): PatchPath | undefined {
  try {
    return parsePatchPath(key);
  } catch (error) {
    if (error instanceof ScimError) return undefined;
    throw error;
  }
}

/**
 * The attribute targets and values of a path-less value object; `uri` qualifies the keys when the
 * object is the value of an extension (`{"urn:…:enterprise:2.0:User": {"manager": "m1"}}`).
 */
export function expandValueObject(
  object: Record<string, unknown>,
  schema: ResourceSchema,
  uri?: string,
): ValueAtTarget[] {
  const out: ValueAtTarget[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (uri === undefined && key.toLowerCase() === 'schemas') continue;
    const named = uri === undefined ? schema.schemaById(key) : undefined;
    if (named) {
      if (value === null || value === undefined) continue;
      if (!isPlainObject(value)) {
        throw badRequest(
          'invalidValue',
          `The value of "${named.id}" must be an object of its attributes, got ${quote(value)}`,
        );
      }
      out.push(...expandValueObject(value, schema, named.id));
      continue;
    }
    const parsed = parseKey(key);
    if (!parsed) continue;
    const qualified = uri !== undefined && parsed.uri === undefined ? { ...parsed, uri } : parsed;
    let target: ReturnType<typeof resolvePatchTarget>;
    try {
      target = resolvePatchTarget(qualified, key, schema);
    } catch (error) {
      if (error instanceof ScimError && error.scimType === 'invalidPath') continue;
      throw error;
    }
    if (target.kind === 'attribute') out.push({ target, value });
  }
  return out;
}
