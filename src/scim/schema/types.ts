/**
 * RFC 7643 §7 schema definitions as TypeScript data: every attribute characteristic.
 * Schemas are plain objects, so a custom extension is declared by writing one down.
 */

/** RFC 7643 §2.3 data types. */
export type AttributeType =
  | 'string'
  | 'boolean'
  | 'decimal'
  | 'integer'
  | 'dateTime'
  | 'binary'
  | 'reference'
  | 'complex';

export type Mutability = 'readOnly' | 'readWrite' | 'immutable' | 'writeOnly';
export type Returned = 'always' | 'never' | 'default' | 'request';
export type Uniqueness = 'none' | 'server' | 'global';

/** RFC 7643 §7 "attributes" entry. */
export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: Mutability;
  returned: Returned;
  uniqueness: Uniqueness;
  canonicalValues?: readonly string[];
  referenceTypes?: readonly string[];
  subAttributes?: readonly AttributeDefinition[];
}

/** RFC 7643 §7 schema resource (without its own `meta`, which discovery adds). */
export interface SchemaDefinition {
  id: string;
  name: string;
  description: string;
  attributes: readonly AttributeDefinition[];
}

/** RFC 7643 §6 resource type. */
export interface ResourceTypeDefinition {
  id: string;
  name: string;
  endpoint: string;
  description: string;
  schema: string;
  schemaExtensions: readonly { schema: string; required: boolean }[];
}
