// Table-driven projection (fixtures/project-cases.json), needsAttribute, and the `returned`
// characteristic on sub-attributes.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { coreUserSchemaId } from '../schema/core-user.ts';
import { defineAttribute, defineExtensionSchema } from '../schema/define.ts';
import type { ResourceSchema } from '../schema/resource-schema.ts';
import { createGroupSchema, createUserSchema } from '../schema/resource-types.ts';
import { parseAttributeList } from './attribute-list.ts';
import { projectResource } from './project.ts';
import { compileProjection, needsAttribute, type ProjectionRequest } from './projection.ts';
import type { ScimResource } from './types.ts';

const { resources, cases } = JSON.parse(
  readFileSync(new URL('./fixtures/project-cases.json', import.meta.url), 'utf8'),
) as {
  resources: Record<string, ScimResource>;
  cases: {
    name: string;
    resource: string;
    attributes?: string;
    excludedAttributes?: string;
    expected: ScimResource;
  }[];
};
const schemas: Record<string, ResourceSchema> = {
  user: createUserSchema(),
  group: createGroupSchema(),
};

for (const c of cases) {
  test(`projection: ${c.name}`, () => {
    const schema = schemas[c.resource]!;
    const resource = resources[c.resource]!;
    const request: ProjectionRequest = {};
    if (c.attributes !== undefined) request.attributes = c.attributes;
    if (c.excludedAttributes !== undefined) request.excludedAttributes = c.excludedAttributes;
    assert.deepEqual(projectResource(resource, schema, request), c.expected);
    // The same with pre-parsed paths, and with a compiled projection.
    const parsed = {
      attributes: c.attributes === undefined ? undefined : parseAttributeList(c.attributes),
      excludedAttributes: parseAttributeList(c.excludedAttributes),
    };
    assert.deepEqual(projectResource(resource, schema, parsed), c.expected);
    assert.deepEqual(
      projectResource(resource, schema, compileProjection(schema, request)),
      c.expected,
    );
  });
}

const needs: [string, string, ProjectionRequest, string, boolean][] = [
  ['no parameters', 'group', {}, 'members', true],
  ['excludedAttributes=members', 'group', { excludedAttributes: 'members' }, 'members', false],
  ['excludedAttributes=MEMBERS', 'group', { excludedAttributes: 'MEMBERS' }, 'members', false],
  [
    'excludedAttributes=members.type',
    'group',
    { excludedAttributes: 'members.type' },
    'members',
    true,
  ],
  ['attributes=displayName', 'group', { attributes: 'displayName' }, 'members', false],
  ['attributes=members.value', 'group', { attributes: 'members.value' }, 'members', true],
  [
    'attributes=<core URN>:members',
    'group',
    { attributes: 'urn:ietf:params:scim:schemas:core:2.0:Group:members' },
    'members',
    true,
  ],
  [
    'asking with a qualified name',
    'group',
    {},
    'urn:ietf:params:scim:schemas:core:2.0:Group:members',
    true,
  ],
  ['excludedAttributes=groups', 'user', { excludedAttributes: 'groups' }, 'groups', false],
  ['attributes=id only', 'user', { attributes: 'id' }, 'groups', false],
  ['an unknown name', 'user', {}, 'favouriteColour', false],
  ['password (returned never)', 'user', {}, 'password', false],
  [
    'id under attributes=userName (returned always)',
    'user',
    { attributes: 'userName' },
    'id',
    true,
  ],
];
for (const [name, resource, request, attribute, expected] of needs) {
  test(`needsAttribute(${attribute}) with ${name} → ${expected}`, () => {
    assert.equal(
      needsAttribute(compileProjection(schemas[resource]!, request), attribute),
      expected,
    );
  });
}

test('returned characteristics of sub-attributes: never, request, always', () => {
  const extId = 'urn:example:keys:1.0:User';
  const ext = defineExtensionSchema({
    id: extId,
    name: 'Keys',
    description: 'sub-attribute returned rules',
    attributes: [
      defineAttribute('key', 'complex', {
        multiValued: true,
        subAttributes: [
          defineAttribute('label', 'string'),
          defineAttribute('secret', 'string', { returned: 'never', mutability: 'writeOnly' }),
          defineAttribute('fingerprint', 'string', { returned: 'request' }),
          defineAttribute('kid', 'string', { returned: 'always' }),
        ],
      }),
    ],
  });
  const users = createUserSchema([{ schema: ext, required: false }]);
  const stored = {
    schemas: [coreUserSchemaId, extId],
    id: 'u1',
    userName: 'b',
    [extId]: { key: [{ label: 'laptop', secret: 's', fingerprint: 'f', kid: 'k1' }] },
  };
  const key = (request: ProjectionRequest) => projectResource(stored, users, request)[extId];
  assert.deepEqual(key({}), { key: [{ label: 'laptop', kid: 'k1' }] });
  assert.deepEqual(key({ attributes: `${extId}:key` }), {
    key: [{ label: 'laptop', fingerprint: 'f', kid: 'k1' }],
  });
  assert.deepEqual(key({ attributes: `${extId}:key.fingerprint` }), {
    key: [{ fingerprint: 'f', kid: 'k1' }],
  });
  assert.deepEqual(key({ attributes: `${extId}:key.secret` }), { key: [{ kid: 'k1' }] });
  assert.deepEqual(key({ excludedAttributes: `${extId}:key.kid,${extId}:key.label` }), {
    key: [{ kid: 'k1' }],
  });
});

test('stored keys in another case come out canonical; unknown stored keys are left out', () => {
  const users = schemas.user!;
  const stored = {
    SCHEMAS: [coreUserSchemaId],
    ID: 'u1',
    USERNAME: 'b',
    Name: { GIVENNAME: 'B', x: 1 },
    junk: true,
  };
  assert.deepEqual(projectResource(stored, users), {
    schemas: [coreUserSchemaId],
    id: 'u1',
    userName: 'b',
    name: { givenName: 'B' },
  });
});
