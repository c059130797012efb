// Public API of src/scim/schema: schemas and resource types as data, and discovery.
export { coreGroupSchema, coreGroupSchemaId, entraGroupSchemaUrn } from './core-group.ts';
export { coreUserSchema, coreUserSchemaId } from './core-user.ts';
export {
  type AttributeOptions,
  defineAttribute,
  defineExtensionSchema,
  extendResourceType,
} from './define.ts';
export {
  type DiscoveryMeta,
  joinUrl,
  type ResourceTypeRepresentation,
  resourceTypeRepresentation,
  resourceTypeSchemaId,
  resourceTypesListResponse,
  type SchemaRepresentation,
  schemaRepresentation,
  schemaSchemaId,
  schemasListResponse,
  schemasOf,
} from './discovery.ts';
export { enterpriseUserSchema, enterpriseUserSchemaId } from './enterprise-user.ts';
export {
  commonAttributes,
  createResourceSchema,
  type ResolvedAttribute,
  type ResourceSchema,
} from './resource-schema.ts';
export {
  createGroupSchema,
  createUserSchema,
  type ExtensionSpec,
  groupResourceType,
  userResourceType,
} from './resource-types.ts';
export {
  type AuthenticationScheme,
  bearerTokenScheme,
  type PaginationConfig,
  type ServiceProviderConfigRepresentation,
  type ServiceProviderOptions,
  serviceProviderConfig,
  serviceProviderConfigSchemaId,
} from './service-provider-config.ts';
export type {
  AttributeDefinition,
  AttributeType,
  Mutability,
  ResourceTypeDefinition,
  Returned,
  SchemaDefinition,
  Uniqueness,
} from './types.ts';
