/**
 * The User and Group resource types of RFC 7643 §4 / §8.6, and one-call constructors that bind
 * them to their schemas, optionally with custom extensions declared as data.
 *
 * The enterprise extension is attached to User with `required: false` (the §8.6 example says
 * true, but a User without enterprise data is ordinary and Entra sends many).
 *
 * Example:
 *   const users = createUserSchema();                      // core + enterprise
 *   const acmeUsers = createUserSchema([{ schema: acmeSchema, required: false }]);
 */
import { coreGroupSchema, coreGroupSchemaId } from './core-group.ts';
import { coreUserSchema, coreUserSchemaId } from './core-user.ts';
import { extendResourceType } from './define.ts';
import { enterpriseUserSchema, enterpriseUserSchemaId } from './enterprise-user.ts';
import { createResourceSchema, type ResourceSchema } from './resource-schema.ts';
import type { ResourceTypeDefinition, SchemaDefinition } from './types.ts';

export const userResourceType: ResourceTypeDefinition = {
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: coreUserSchemaId,
  schemaExtensions: [{ schema: enterpriseUserSchemaId, required: false }],
};

export const groupResourceType: ResourceTypeDefinition = {
  id: 'Group',
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: coreGroupSchemaId,
  schemaExtensions: [],
};

/** A custom extension to attach: its schema as data and whether resources must carry it. */
export interface ExtensionSpec {
  schema: SchemaDefinition;
  required: boolean;
}

function bind(
  resourceType: ResourceTypeDefinition,
  schemas: readonly SchemaDefinition[],
  extensions: readonly ExtensionSpec[],
): ResourceSchema {
  const type = extendResourceType(
    resourceType,
    extensions.map((e) => ({ schema: e.schema.id, required: e.required })),
  );
  return createResourceSchema(type, [...schemas, ...extensions.map((e) => e.schema)]);
}

/** The User resource schema: core User + enterprise extension + any `extensions` given. */
export function createUserSchema(extensions: readonly ExtensionSpec[] = []): ResourceSchema {
  return bind(userResourceType, [coreUserSchema, enterpriseUserSchema], extensions);
}

/** The Group resource schema: core Group + any `extensions` given. */
export function createGroupSchema(extensions: readonly ExtensionSpec[] = []): ResourceSchema {
  return bind(groupResourceType, [coreGroupSchema], extensions);
}
