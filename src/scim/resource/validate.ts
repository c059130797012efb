/**
 * Validates and normalises a POST or PUT body against its resource schema (RFC 7643 §2–§3,
 * RFC 7644 §3.3 and §3.5.1), accepting the shapes real IdPs send (entra-scim-contract.md).
 *
 * - `schemas` must be an array holding the core schema URN (case-insensitive). Other URNs of the
 *   resource type are kept; unknown URNs (Entra's ADSCIM Group URN, a mistyped enterprise URN)
 *   are dropped, or rejected with `unknownSchemas: 'reject'` (the ADSCIM URN is always let by).
 *   An extension whose data is present, or which the resource type requires, is added to
 *   `schemas` when the client forgot it (§3.3 asks for it; dropping the data would lose input).
 * - Attribute names match case-insensitively and come out in their canonical spelling. An
 *   extension attribute may also arrive URN-qualified or bare at the top level when exactly one
 *   extension defines it; it is moved under its URN.
 * - Values go through `coerceValue` ("True", numeric strings, a bare manager id, a role as a
 *   JSON string...). Explicit nulls and empty arrays mean "unassigned" (RFC 7643 §2.5) and
 *   are left out, as are unknown attributes and sub-attributes (RFC 7644 §3.3) and readOnly
 *   ones such as `id`, `meta`, `groups`, `manager.displayName` (RFC 7644 §3.5.1).
 * - The same attribute given twice (keys differing only in case) is a 400 invalidValue.
 * - Then `checkRules`: required attributes and sub-attributes, at most one primary.
 *
 * `mode` names the operation in error details; immutability on replace is `checkImmutable`'s job.
 * The result is a fresh object: the input is never mutated nor shared.
 *
 * Example:
 *   validateResource({ schemas: [coreUserSchemaId], UserName: 'bjensen', active: 'True', nickName: null }, users, 'create')
 *   → { schemas: [coreUserSchemaId], userName: 'bjensen', active: true }
 */
import { badRequest, quote } from '../errors.ts';
import {
  commonAttributes,
  type ResolvedAttribute,
  type ResourceSchema,
} from '../schema/resource-schema.ts';
import type { AttributeDefinition } from '../schema/types.ts';
import { parseAttributeName } from './attribute-list.ts';
import { type CoerceOptions, coerceValue } from './coerce.ts';
import { isPlainObject, type ScimResource } from './types.ts';
import { checkRules, operationName, type ValidateMode } from './validate-rules.ts';
import { readSchemas } from './validate-schemas.ts';

export type { ValidateMode } from './validate-rules.ts';

export interface ValidateOptions extends CoerceOptions {
  /** What to do with a URN in `schemas` the resource type does not know. Default 'drop'. */
  unknownSchemas?: 'drop' | 'reject';
}

interface Taken {
  at: ResolvedAttribute;
  value: unknown;
  source: string;
}

const keyOf = (schemaId: string, name: string) => `${schemaId.toLowerCase()}|${name.toLowerCase()}`;
const labelOf = (at: ResolvedAttribute) => (at.inCore ? at.name : `${at.schema}:${at.name}`);

/** Validates `input` for `mode` and returns the normalised resource (see the file comment). */
export function validateResource(
  input: unknown,
  schema: ResourceSchema,
  mode: ValidateMode,
  options: ValidateOptions = {},
): ScimResource {
  if (!isPlainObject(input)) {
    throw badRequest(
      'invalidSyntax',
      `The ${operationName(schema, mode)} body must be a JSON object, got ${quote(input)}`,
    );
  }
  const listed = readSchemas(input, schema, options.unknownSchemas ?? 'drop');
  const taken = new Map<string, Taken>();

  const take = (at: ResolvedAttribute | undefined, raw: unknown, source: string) => {
    if (!at || at.subAttr !== undefined || raw === null || raw === undefined) return;
    if (at.attribute.mutability === 'readOnly') return;
    const value = normalise(at.attribute, raw, labelOf(at), options);
    if (value === undefined) return;
    const key = keyOf(at.schema, at.name);
    const prior = taken.get(key);
    if (prior) {
      throw badRequest(
        'invalidValue',
        `Attribute "${labelOf(at)}" is given twice, as ${quote(prior.source)} and ${quote(source)}`,
      );
    }
    taken.set(key, { at, value, source });
  };

  for (const [key, raw] of Object.entries(input)) {
    if (key.toLowerCase() === 'schemas') continue;
    const extension = schema.extensions.find(
      (e) => e.schema.id.toLowerCase() === key.toLowerCase(),
    );
    if (!extension) {
      take(schema.resolve(key.includes(':') ? parseAttributeName(key) : { name: key }), raw, key);
      continue;
    }
    if (raw === null || raw === undefined) continue;
    if (!isPlainObject(raw)) {
      throw badRequest(
        'invalidValue',
        `Extension "${extension.schema.id}" must be a JSON object, got ${quote(raw)}`,
      );
    }
    for (const [name, value] of Object.entries(raw)) {
      take(schema.resolve({ uri: extension.schema.id, name }), value, `${name} in ${key}`);
    }
  }

  const resource = assemble(schema, taken, listed);
  checkRules(resource, schema, mode);
  return resource;
}

/**
 * The coerced value with readOnly sub-attributes removed and empty complex values dropped;
 * undefined when nothing is left (RFC 7643 §2.5: null, [] and absent are the same state).
 */
function normalise(
  definition: AttributeDefinition,
  raw: unknown,
  where: string,
  options: CoerceOptions,
): unknown {
  let value = coerceValue(definition, raw, where, options);
  if (value === null) return undefined;
  if (definition.type === 'complex') {
    const readOnly = (definition.subAttributes ?? []).filter((s) => s.mutability === 'readOnly');
    const strip = (item: unknown) => {
      if (!isPlainObject(item) || readOnly.length === 0) return item;
      const copy = { ...item };
      for (const s of readOnly) delete copy[s.name];
      return Object.keys(copy).length === 0 ? undefined : copy;
    };
    value = Array.isArray(value) ? value.map(strip).filter((v) => v !== undefined) : strip(value);
  }
  if (value === undefined || (Array.isArray(value) && value.length === 0)) return undefined;
  return value;
}

/** The normalised resource: `schemas`, then attributes in schema order, extensions under URNs. */
function assemble(
  schema: ResourceSchema,
  taken: Map<string, Taken>,
  listed: Set<string>,
): ScimResource {
  const schemas = [schema.core.id];
  const resource: ScimResource = { schemas };
  for (const definition of [...commonAttributes, ...schema.core.attributes]) {
    const hit = taken.get(keyOf(schema.core.id, definition.name));
    if (hit) resource[definition.name] = hit.value;
  }
  for (const extension of schema.extensions) {
    const id = extension.schema.id;
    const data: Record<string, unknown> = {};
    for (const definition of extension.schema.attributes) {
      const hit = taken.get(keyOf(id, definition.name));
      if (hit) data[definition.name] = hit.value;
    }
    const hasData = Object.keys(data).length > 0;
    if (hasData) resource[id] = data;
    if (hasData || extension.required || listed.has(id.toLowerCase())) schemas.push(id);
  }
  return resource;
}
