/**
 * Shapes a stored resource for a response (RFC 7644 §3.4.2.5, §3.9; RFC 7643 §2.2 `returned`):
 * applies a Projection (see projection.ts for the rules) and writes canonical attribute names.
 * Attributes the schema does not know are left out. `schemas` is the resource's own list,
 * restricted to the resource type's URNs, plus any extension whose data is in the output. The
 * input is never mutated and the output shares no object or array with it.
 *
 * Example:
 *   projectResource(user, users, { attributes: 'userName,emails.value' })
 *   → { schemas: [coreUserSchemaId], id: '2819c223…', userName: 'bjensen', emails: [{ value: 'b@x.test' }] }
 */
import { commonAttributes, type ResourceSchema } from '../schema/resource-schema.ts';
import type { AttributeDefinition } from '../schema/types.ts';
import {
  type AttributePlan,
  compileProjection,
  type Projection,
  type ProjectionRequest,
  planAttribute,
} from './projection.ts';
import { getKey } from './read.ts';
import { cloneJson, isPlainObject, type ScimResource } from './types.ts';

/** The response representation of `resource`; `request` may be compiled already. */
export function projectResource(
  resource: ScimResource,
  schema: ResourceSchema,
  request: ProjectionRequest | Projection = {},
): ScimResource {
  const projection =
    'kind' in request && request.kind === 'projection'
      ? request
      : compileProjection(schema, request as ProjectionRequest);
  const out: ScimResource = { schemas: [] };
  copyAttributes(
    resource,
    out,
    schema.core.id,
    [...commonAttributes, ...schema.core.attributes],
    projection,
  );
  const present = new Set([schema.core.id.toLowerCase()]);
  for (const { schema: extension } of schema.extensions) {
    const source = getKey(resource, extension.id);
    if (!isPlainObject(source)) continue;
    const data: Record<string, unknown> = {};
    copyAttributes(source, data, extension.id, extension.attributes, projection);
    if (Object.keys(data).length === 0) continue;
    out[extension.id] = data;
    present.add(extension.id.toLowerCase());
  }
  out.schemas = schemasOf(resource, schema, present);
  return out;
}

function schemasOf(resource: ScimResource, schema: ResourceSchema, present: Set<string>) {
  const declared = Array.isArray(resource.schemas) ? resource.schemas : [];
  const wanted = new Set(present);
  for (const urn of declared) {
    if (typeof urn === 'string' && schema.schemaById(urn)) wanted.add(urn.toLowerCase());
  }
  return schema.schemaIds.filter((id) => wanted.has(id.toLowerCase()));
}

function copyAttributes(
  from: Record<string, unknown>,
  to: Record<string, unknown>,
  schemaId: string,
  attributes: readonly AttributeDefinition[],
  projection: Projection,
): void {
  for (const definition of attributes) {
    const raw = getKey(from, definition.name);
    if (raw === undefined || raw === null) continue;
    const plan = planAttribute(projection, schemaId, definition);
    if (!plan) continue;
    const value = projectValue(definition, raw, plan);
    if (value !== undefined) to[definition.name] = value;
  }
}

/** A copy that shares nothing with the input; primitives are immutable, so they need none. */
const copy = cloneJson;

function projectValue(definition: AttributeDefinition, raw: unknown, plan: AttributePlan): unknown {
  if (definition.type !== 'complex' || !definition.subAttributes) return copy(raw);
  const subs = definition.subAttributes.filter((sub) => keepsSub(sub, plan));
  const one = (item: unknown) => {
    if (!isPlainObject(item)) return undefined;
    const out: Record<string, unknown> = {};
    for (const sub of subs) {
      const value = getKey(item, sub.name);
      if (value !== undefined && value !== null) out[sub.name] = copy(value);
    }
    return Object.keys(out).length === 0 ? undefined : out;
  };
  if (!Array.isArray(raw)) return definition.multiValued ? arrayOf([raw], one) : one(raw);
  return arrayOf(raw, one);
}

function arrayOf(items: unknown[], one: (item: unknown) => unknown): unknown[] | undefined {
  const out = items.map(one).filter((v) => v !== undefined);
  return out.length === 0 ? undefined : out;
}

function keepsSub(sub: AttributeDefinition, plan: AttributePlan): boolean {
  if (sub.returned === 'never') return false;
  if (sub.returned === 'always') return true;
  const name = sub.name.toLowerCase();
  if (plan.drop.has(name)) return false;
  if (plan.keep === 'all') return true;
  if (plan.keep === 'default') return sub.returned !== 'request';
  return plan.keep.has(name);
}
