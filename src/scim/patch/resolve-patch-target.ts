/**
 * Binds a parsed PATCH path to the resource schema (RFC 7644 §3.5.2 "path", §3.10 names):
 * the attribute it names (case-insensitive, optionally URN-qualified, or an unqualified
 * extension attribute such as Entra's bare `manager`), its optional value filter and
 * sub-attribute, or a whole extension when the path is just the extension's URN.
 * A path naming nothing is a 400 `invalidPath` that quotes it.
 *
 * Example: resolvePatchTarget(parsePatchPath('emails[type eq "work"].value'), users)
 *   → { kind: 'attribute', at: { name: 'emails', subAttr: 'value', … }, filter: {…}, path: 'emails[…].value' }
 */
import { badRequest, quote } from '../errors.ts';
import type { FilterNode, PatchPath } from '../filter/ast.ts';
import type { ResolvedAttribute, ResourceSchema } from '../schema/resource-schema.ts';
import type { SchemaDefinition } from '../schema/types.ts';

/** A path that names an attribute, possibly with a value filter and a sub-attribute. */
export interface AttributeTarget {
  kind: 'attribute';
  at: ResolvedAttribute;
  filter?: FilterNode;
  /** The path as the client wrote it, for error details. */
  path: string;
}

/** A path that is a schema URN: the whole extension (`urn:…:enterprise:2.0:User`). */
export interface SchemaTarget {
  kind: 'schema';
  schema: SchemaDefinition;
  path: string;
}

export type PatchTarget = AttributeTarget | SchemaTarget;

/** The schema (core or extension) whose URN is exactly the path, e.g. the enterprise User URN. */
export function schemaNamedBy(
  target: PatchPath,
  schema: ResourceSchema,
): SchemaDefinition | undefined {
  if (target.filter || target.subAttr !== undefined) return undefined;
  const urn = target.uri === undefined ? target.name : `${target.uri}:${target.name}`;
  return urn.includes(':') ? schema.schemaById(urn) : undefined;
}

/** Resolves `target` (parsed from `path`) against `schema`; throws 400 invalidPath when unknown. */
export function resolvePatchTarget(
  target: PatchPath,
  path: string,
  schema: ResourceSchema,
): PatchTarget {
  const whole = schemaNamedBy(target, schema);
  if (whole) return { kind: 'schema', schema: whole, path };
  const ref: { uri?: string; name: string; subAttr?: string } = { name: target.name };
  if (target.uri !== undefined) ref.uri = target.uri;
  if (target.subAttr !== undefined) ref.subAttr = target.subAttr;
  const at = schema.resolve(ref);
  if (!at) {
    throw badRequest(
      'invalidPath',
      `Path ${quote(path)} names no attribute of a ${schema.resourceType.name} resource`,
    );
  }
  if (target.filter) {
    if (!at.attribute.multiValued && at.attribute.type !== 'complex') {
      throw badRequest(
        'invalidPath',
        `Path ${quote(path)} filters "${at.name}", which is neither multi-valued nor complex`,
      );
    }
    return { kind: 'attribute', at, filter: target.filter, path };
  }
  return { kind: 'attribute', at, path };
}
