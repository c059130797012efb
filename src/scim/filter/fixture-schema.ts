/**
 * TEST-ONLY: a compact User/Group schema for the filter tests (the real core schema data lives
 * in src/scim/schema/). Characteristics follow RFC 7643 §4 and §8.7: userName, name.*, emails,
 * displayName are case-insensitive; id, externalId, $ref and binary values are case-exact.
 * A small test extension adds the integer, decimal and simple multi-valued types the core lacks.
 */
import { createResourceSchema } from '../schema/resource-schema.ts';
import type { AttributeDefinition, AttributeType, SchemaDefinition } from '../schema/types.ts';

export const coreUserUrn = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const enterpriseUrn = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const testExtensionUrn = 'urn:example:params:scim:schemas:extension:test:2.0:User';
export const coreGroupUrn = 'urn:ietf:params:scim:schemas:core:2.0:Group';

function attr(
  name: string,
  type: AttributeType,
  options: Partial<AttributeDefinition> = {},
): AttributeDefinition {
  return {
    name,
    type,
    multiValued: false,
    description: name,
    required: false,
    caseExact: type === 'reference' || type === 'binary',
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...options,
  };
}

const complex = (name: string, subs: AttributeDefinition[], multiValued = false) =>
  attr(name, 'complex', { subAttributes: subs, multiValued });

/** value/type/primary/display, as RFC 7643 §2.4 gives multi-valued attributes. */
const multi = (name: string, valueType: AttributeType = 'string') =>
  complex(
    name,
    [
      attr('value', valueType),
      attr('type', 'string'),
      attr('primary', 'boolean'),
      attr('display', 'string'),
    ],
    true,
  );

const user: SchemaDefinition = {
  id: coreUserUrn,
  name: 'User',
  description: 'User Account',
  attributes: [
    attr('userName', 'string', { required: true, uniqueness: 'server' }),
    complex(
      'name',
      ['formatted', 'familyName', 'givenName', 'middleName'].map((n) => attr(n, 'string')),
    ),
    attr('displayName', 'string'),
    attr('nickName', 'string'),
    attr('title', 'string'),
    attr('userType', 'string'),
    attr('active', 'boolean'),
    multi('emails'),
    multi('phoneNumbers'),
    multi('ims'),
    multi('roles'),
    multi('x509Certificates', 'binary'),
    complex(
      'groups',
      [
        attr('value', 'string'),
        attr('$ref', 'reference'),
        attr('display', 'string'),
        attr('type', 'string'),
      ],
      true,
    ),
  ],
};

const enterprise: SchemaDefinition = {
  id: enterpriseUrn,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: [
    attr('employeeNumber', 'string'),
    attr('department', 'string'),
    complex('manager', [
      attr('value', 'string'),
      attr('$ref', 'reference'),
      attr('displayName', 'string'),
    ]),
  ],
};

const testExtension: SchemaDefinition = {
  id: testExtensionUrn,
  name: 'TestExtension',
  description: 'Test-only types',
  attributes: [
    attr('level', 'integer'),
    attr('score', 'decimal'),
    attr('tags', 'string', { multiValued: true }),
  ],
};

const group: SchemaDefinition = {
  id: coreGroupUrn,
  name: 'Group',
  description: 'Group',
  attributes: [
    attr('displayName', 'string', { required: true }),
    complex(
      'members',
      [
        attr('value', 'string'),
        attr('$ref', 'reference'),
        attr('display', 'string'),
        attr('type', 'string'),
      ],
      true,
    ),
  ],
};

export const userSchema = createResourceSchema(
  {
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'User Account',
    schema: coreUserUrn,
    schemaExtensions: [
      { schema: enterpriseUrn, required: false },
      { schema: testExtensionUrn, required: false },
    ],
  },
  [user, enterprise, testExtension],
);

export const groupSchema = createResourceSchema(
  {
    id: 'Group',
    name: 'Group',
    endpoint: '/Groups',
    description: 'Group',
    schema: coreGroupUrn,
    schemaExtensions: [],
  },
  [group],
);
