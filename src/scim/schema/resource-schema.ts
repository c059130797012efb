/**
 * A resource type bound to its schemas: resolves attribute names the way RFC 7644 §3.10 asks
 * (case-insensitive, optionally URN-qualified) to their canonical definitions, in O(1).
 *
 * Example:
 *   const users = createResourceSchema(userResourceType, [coreUserSchema, enterpriseUserSchema]);
 *   users.resolve({ name: 'EMAILS', subAttr: 'Value' })
 *     → { schema: 'urn:…:core:2.0:User', name: 'emails', subAttr: 'value', attribute, sub, inCore: true }
 */
import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from './types.ts';

/** Where a (possibly qualified, possibly dotted) attribute reference lands. */
export interface ResolvedAttribute {
  /** The schema URN the attribute belongs to (the core schema for common attributes). */
  schema: string;
  /** True when the value lives at the top level of the resource JSON (core and common attributes). */
  inCore: boolean;
  /** Canonical top-level name, e.g. `emails`. */
  name: string;
  attribute: AttributeDefinition;
  /** Canonical sub-attribute name when the reference had one, e.g. `value`. */
  subAttr?: string;
  sub?: AttributeDefinition;
}

export interface ResourceSchema {
  resourceType: ResourceTypeDefinition;
  core: SchemaDefinition;
  extensions: readonly { schema: SchemaDefinition; required: boolean }[];
  /** Every schema URN a resource of this type may list in `schemas`, canonical spelling. */
  schemaIds: readonly string[];
  /** Resolves `{uri?, name, subAttr?}`; undefined when no such attribute exists. */
  resolve(ref: { uri?: string; name: string; subAttr?: string }): ResolvedAttribute | undefined;
  /** The schema whose id equals `urn` case-insensitively (core or extension). */
  schemaById(urn: string): SchemaDefinition | undefined;
  /** Sub-attribute of a complex attribute by case-insensitive name. */
  subAttribute(attribute: AttributeDefinition, name: string): AttributeDefinition | undefined;
}

const idAttribute: AttributeDefinition = {
  name: 'id',
  type: 'string',
  multiValued: false,
  description: 'A unique identifier for a SCIM resource as defined by the service provider.',
  required: false,
  caseExact: true,
  mutability: 'readOnly',
  returned: 'always',
  uniqueness: 'server',
};

const metaSub = (
  name: string,
  type: AttributeDefinition['type'],
  description: string,
): AttributeDefinition => ({
  name,
  type,
  multiValued: false,
  description,
  required: false,
  caseExact: name !== 'resourceType',
  mutability: 'readOnly',
  returned: 'default',
  uniqueness: 'none',
});

/** RFC 7643 §3.1 common attributes, which belong to every resource but to no schema. */
export const commonAttributes: readonly AttributeDefinition[] = [
  idAttribute,
  {
    name: 'externalId',
    type: 'string',
    multiValued: false,
    description: 'An identifier for the resource as defined by the provisioning client.',
    required: false,
    caseExact: true,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
  },
  {
    name: 'meta',
    type: 'complex',
    multiValued: false,
    description: 'Resource metadata maintained by the service provider.',
    required: false,
    caseExact: false,
    mutability: 'readOnly',
    returned: 'default',
    uniqueness: 'none',
    subAttributes: [
      metaSub('resourceType', 'string', 'The name of the resource type of the resource.'),
      metaSub(
        'created',
        'dateTime',
        'The DateTime that the resource was added to the service provider.',
      ),
      metaSub(
        'lastModified',
        'dateTime',
        'The most recent DateTime that the details of this resource were updated.',
      ),
      {
        ...metaSub('location', 'reference', 'The URI of the resource being returned.'),
        referenceTypes: ['uri'],
      },
      metaSub('version', 'string', 'The version of the resource being returned (an ETag).'),
    ],
  },
];

type NameIndex = Map<string, AttributeDefinition>;

function indexByName(attributes: readonly AttributeDefinition[]): NameIndex {
  return new Map(attributes.map((a) => [a.name.toLowerCase(), a]));
}

/** Binds a resource type to its core schema and extension schemas (RFC 7643 §6). */
export function createResourceSchema(
  resourceType: ResourceTypeDefinition,
  schemas: readonly SchemaDefinition[],
): ResourceSchema {
  const byId = new Map(schemas.map((s) => [s.id.toLowerCase(), s]));
  const core = byId.get(resourceType.schema.toLowerCase());
  if (!core)
    throw new Error(
      `resource type ${resourceType.name}: core schema ${resourceType.schema} not given`,
    );
  const extensions = resourceType.schemaExtensions.map((e) => {
    const schema = byId.get(e.schema.toLowerCase());
    if (!schema)
      throw new Error(`resource type ${resourceType.name}: extension ${e.schema} not given`);
    return { schema, required: e.required };
  });
  const coreIndex = indexByName([...commonAttributes, ...core.attributes]);
  const extensionIndexes = new Map(
    extensions.map((e) => [e.schema.id.toLowerCase(), indexByName(e.schema.attributes)]),
  );
  const subIndexes = new WeakMap<AttributeDefinition, NameIndex>();
  const ownSchemas = new Map(
    [core, ...extensions.map((e) => e.schema)].map((s) => [s.id.toLowerCase(), s]),
  );

  function subAttribute(
    attribute: AttributeDefinition,
    name: string,
  ): AttributeDefinition | undefined {
    if (!attribute.subAttributes) return undefined;
    let index = subIndexes.get(attribute);
    if (!index) {
      index = indexByName(attribute.subAttributes);
      subIndexes.set(attribute, index);
    }
    return index.get(name.toLowerCase());
  }

  function finish(
    schema: string,
    inCore: boolean,
    attribute: AttributeDefinition,
    subAttr?: string,
  ) {
    const resolved: ResolvedAttribute = { schema, inCore, name: attribute.name, attribute };
    if (subAttr === undefined) return resolved;
    const sub = subAttribute(attribute, subAttr);
    if (!sub) return undefined;
    resolved.sub = sub;
    resolved.subAttr = sub.name;
    return resolved;
  }

  function resolve(ref: {
    uri?: string;
    name: string;
    subAttr?: string;
  }): ResolvedAttribute | undefined {
    const name = ref.name.toLowerCase();
    if (ref.uri !== undefined) {
      const uri = ref.uri.toLowerCase();
      if (uri === core!.id.toLowerCase()) {
        const attribute = coreIndex.get(name);
        return attribute && finish(core!.id, true, attribute, ref.subAttr);
      }
      const index = extensionIndexes.get(uri);
      const attribute = index?.get(name);
      return attribute && finish(ownSchemas.get(uri)!.id, false, attribute, ref.subAttr);
    }
    const attribute = coreIndex.get(name);
    if (attribute) return finish(core!.id, true, attribute, ref.subAttr);
    // Not in the core schema: an unqualified extension attribute (Entra sends `manager` bare).
    // Taken only when exactly one extension defines the name, so the answer is never a guess.
    let found: ResolvedAttribute | undefined;
    for (const e of extensions) {
      const candidate = extensionIndexes.get(e.schema.id.toLowerCase())!.get(name);
      if (!candidate) continue;
      if (found) return undefined;
      found = finish(e.schema.id, false, candidate, ref.subAttr);
    }
    return found;
  }

  return {
    resourceType,
    core,
    extensions,
    schemaIds: [core.id, ...extensions.map((e) => e.schema.id)],
    resolve,
    schemaById: (urn) => ownSchemas.get(urn.toLowerCase()),
    subAttribute,
  };
}
