/**
 * The discovery representations of RFC 7644 §4 / RFC 7643 §6–§7: `/Schemas` and
 * `/ResourceTypes` as ListResponses, and each Schema and ResourceType on its own, with `meta`
 * (`resourceType` "Schema" / "ResourceType", `location` under the given base URL). Pure: the
 * server passes the tenant's SCIM base URL.
 *
 * `/Schemas` lists the resource schemas (core and extensions of the given resource types),
 * each once, not the §8.7.2 schemas describing the discovery resources themselves. Attribute
 * lists are the schema's own: common attributes (id, externalId, meta) are not repeated, as in
 * RFC 7643 §8.7.1.
 *
 * Example:
 *   schemaRepresentation(coreGroupSchema, 'https://scim.example.com/v2')
 *   → { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Schema'], id: 'urn:…:Group', name: 'Group',
 *       description: 'Group', attributes: [...], meta: { resourceType: 'Schema',
 *       location: 'https://scim.example.com/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group' } }
 */
import { type ListResponse, listResponse } from '../list/list-response.ts';
import type { ResourceSchema } from './resource-schema.ts';
import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from './types.ts';

export const schemaSchemaId = 'urn:ietf:params:scim:schemas:core:2.0:Schema';
export const resourceTypeSchemaId = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';

export interface DiscoveryMeta {
  resourceType: 'Schema' | 'ResourceType' | 'ServiceProviderConfig';
  location: string;
}

export interface SchemaRepresentation {
  schemas: [typeof schemaSchemaId];
  id: string;
  name: string;
  description: string;
  attributes: AttributeDefinition[];
  meta: DiscoveryMeta;
}

export interface ResourceTypeRepresentation {
  schemas: [typeof resourceTypeSchemaId];
  id: string;
  name: string;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions?: { schema: string; required: boolean }[];
  meta: DiscoveryMeta;
}

/** `base` + `/path`, with exactly one slash between them. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/** Every characteristic spelled out, in RFC 7643 §7 order; optional lists only when defined. */
function describe(a: AttributeDefinition): AttributeDefinition {
  const out: AttributeDefinition = {
    name: a.name,
    type: a.type,
    multiValued: a.multiValued,
    description: a.description,
    required: a.required,
    caseExact: a.caseExact,
    mutability: a.mutability,
    returned: a.returned,
    uniqueness: a.uniqueness,
  };
  if (a.canonicalValues) out.canonicalValues = [...a.canonicalValues];
  if (a.referenceTypes) out.referenceTypes = [...a.referenceTypes];
  if (a.subAttributes) out.subAttributes = a.subAttributes.map(describe);
  return out;
}

/** One Schema resource (GET /Schemas/{id}). */
export function schemaRepresentation(
  schema: SchemaDefinition,
  baseUrl: string,
): SchemaRepresentation {
  return {
    schemas: [schemaSchemaId],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(describe),
    meta: { resourceType: 'Schema', location: joinUrl(baseUrl, `Schemas/${schema.id}`) },
  };
}

/** The distinct schemas of the given resource types, core first, in declaration order. */
export function schemasOf(resourceSchemas: readonly ResourceSchema[]): SchemaDefinition[] {
  const seen = new Map<string, SchemaDefinition>();
  for (const r of resourceSchemas) {
    for (const s of [r.core, ...r.extensions.map((e) => e.schema)]) {
      if (!seen.has(s.id.toLowerCase())) seen.set(s.id.toLowerCase(), s);
    }
  }
  return [...seen.values()];
}

/** GET /Schemas. */
export function schemasListResponse(
  resourceSchemas: readonly ResourceSchema[],
  baseUrl: string,
): ListResponse<SchemaRepresentation> {
  const all = schemasOf(resourceSchemas).map((s) => schemaRepresentation(s, baseUrl));
  return listResponse(all, { totalResults: all.length, startIndex: 1 });
}

/** One ResourceType resource (GET /ResourceTypes/{id}); empty schemaExtensions are left out. */
export function resourceTypeRepresentation(
  resourceType: ResourceTypeDefinition,
  baseUrl: string,
): ResourceTypeRepresentation {
  const out: ResourceTypeRepresentation = {
    schemas: [resourceTypeSchemaId],
    id: resourceType.id,
    name: resourceType.name,
    endpoint: resourceType.endpoint,
    description: resourceType.description,
    schema: resourceType.schema,
    meta: {
      resourceType: 'ResourceType',
      location: joinUrl(baseUrl, `ResourceTypes/${resourceType.id}`),
    },
  };
  if (resourceType.schemaExtensions.length > 0) {
    out.schemaExtensions = resourceType.schemaExtensions.map((e) => ({ ...e }));
  }
  return out;
}

/** GET /ResourceTypes. */
export function resourceTypesListResponse(
  resourceSchemas: readonly ResourceSchema[],
  baseUrl: string,
): ListResponse<ResourceTypeRepresentation> {
  const all = resourceSchemas.map((r) => resourceTypeRepresentation(r.resourceType, baseUrl));
  return listResponse(all, { totalResults: all.length, startIndex: 1 });
}
