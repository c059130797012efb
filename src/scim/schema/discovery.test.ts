import assert from 'node:assert/strict';
import { test } from 'node:test';
import { coreGroupSchema } from './core-group.ts';
import {
  joinUrl,
  resourceTypeRepresentation,
  resourceTypesListResponse,
  schemaRepresentation,
} from './discovery.ts';
import { createGroupSchema, createUserSchema, groupResourceType } from './resource-types.ts';
import { type ServiceProviderOptions, serviceProviderConfig } from './service-provider-config.ts';

const base = 'https://scim.example.com/tenants/t1/scim/v2';

test('joinUrl puts exactly one slash between base and path', () => {
  for (const [b, p] of [
    ['https://x.test/v2', 'Schemas'],
    ['https://x.test/v2/', 'Schemas'],
    ['https://x.test/v2//', '/Schemas'],
  ] as const) {
    assert.equal(joinUrl(b, p), 'https://x.test/v2/Schemas');
  }
});

test('a single Schema carries meta.resourceType "Schema" and its location (RFC 7643 §7)', () => {
  const s = schemaRepresentation(coreGroupSchema, `${base}/`);
  assert.equal(s.id, 'urn:ietf:params:scim:schemas:core:2.0:Group');
  assert.deepEqual(s.meta, {
    resourceType: 'Schema',
    location: `${base}/Schemas/urn:ietf:params:scim:schemas:core:2.0:Group`,
  });
  // A representation is a copy: editing it cannot corrupt the schema data.
  s.attributes[0]!.name = 'changed';
  assert.equal(coreGroupSchema.attributes[0]!.name, 'displayName');
});

test('/ResourceTypes lists User (enterprise extension optional) and Group (RFC 7643 §6)', () => {
  const wire = JSON.parse(
    JSON.stringify(resourceTypesListResponse([createUserSchema(), createGroupSchema()], base)),
  );
  assert.deepEqual(wire, {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
    totalResults: 2,
    itemsPerPage: 2,
    startIndex: 1,
    Resources: [
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
        id: 'User',
        name: 'User',
        endpoint: '/Users',
        description: 'User Account',
        schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
        meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/User` },
        schemaExtensions: [
          { schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', required: false },
        ],
      },
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
        id: 'Group',
        name: 'Group',
        endpoint: '/Groups',
        description: 'Group',
        schema: 'urn:ietf:params:scim:schemas:core:2.0:Group',
        meta: { resourceType: 'ResourceType', location: `${base}/ResourceTypes/Group` },
      },
    ],
  });
  assert.equal(resourceTypeRepresentation(groupResourceType, base).schemaExtensions, undefined);
});

const options: ServiceProviderOptions = {
  patch: true,
  bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
  filter: { supported: true, maxResults: 200 },
  changePassword: false,
  sort: true,
  etag: true,
};

test('/ServiceProviderConfig reflects the options (RFC 7643 §5)', () => {
  const wire = JSON.parse(JSON.stringify(serviceProviderConfig(options, base)));
  assert.deepEqual(wire, {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
    patch: { supported: true },
    bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1048576 },
    filter: { supported: true, maxResults: 200 },
    changePassword: { supported: false },
    sort: { supported: true },
    etag: { supported: true },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'OAuth Bearer Token',
        description: 'A bearer token in the Authorization header, as RFC 6750 defines.',
        specUri: 'https://www.rfc-editor.org/info/rfc6750',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  });
});

test('/ServiceProviderConfig adds documentationUri and the RFC 9865 pagination block', () => {
  const pagination = {
    cursor: true,
    index: true,
    defaultPaginationMethod: 'index',
    defaultPageSize: 100,
    maxPageSize: 200,
    cursorTimeout: 3600,
  } as const;
  const spc = serviceProviderConfig(
    { ...options, documentationUri: 'https://roster.example/docs/scim', pagination },
    base,
  );
  assert.equal(spc.documentationUri, 'https://roster.example/docs/scim');
  assert.deepEqual(Object.keys(spc).slice(0, 2), ['schemas', 'documentationUri']);
  assert.deepEqual(spc.pagination, pagination);
});
