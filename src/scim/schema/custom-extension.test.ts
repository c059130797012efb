// A custom extension declared as data, used end to end: discovery, validation, projection,
// immutability. The acme schema is the kind of thing an app profile declares.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkImmutable } from '../resource/check-immutable.ts';
import { projectResource } from '../resource/project.ts';
import { validateResource } from '../resource/validate.ts';
import { coreUserSchemaId } from './core-user.ts';
import { defineAttribute, defineExtensionSchema } from './define.ts';
import { schemasListResponse } from './discovery.ts';
import { createUserSchema } from './resource-types.ts';

const acmeId = 'urn:ietf:params:scim:schemas:extension:acme:2.0:User';
const acme = defineExtensionSchema({
  id: acmeId,
  name: 'AcmeUser',
  description: 'Acme badge data',
  attributes: [
    defineAttribute('badgeNumber', 'string', {
      required: true,
      uniqueness: 'server',
      caseExact: true,
    }),
    defineAttribute('clearanceLevel', 'integer'),
    defineAttribute('badgeIssued', 'dateTime', { mutability: 'immutable' }),
    defineAttribute('badgePhoto', 'binary', { returned: 'request' }),
  ],
});
const users = createUserSchema([{ schema: acme, required: false }]);

const body = {
  schemas: [coreUserSchemaId],
  userName: 'bjensen',
  [acmeId]: {
    BadgeNumber: 'B-7',
    clearanceLevel: '3',
    badgeIssued: '2026-01-31T12:00:00Z',
    badgePhoto: 'AAAA',
  },
};

test('the acme extension is listed by /Schemas with its characteristics', () => {
  const list = schemasListResponse([users], 'https://x.test/v2');
  const listed = list.Resources.find((r) => r.id === acmeId)!;
  assert.deepEqual(
    listed.attributes.map((a) => [a.name, a.type, a.required, a.mutability, a.returned]),
    [
      ['badgeNumber', 'string', true, 'readWrite', 'default'],
      ['clearanceLevel', 'integer', false, 'readWrite', 'default'],
      ['badgeIssued', 'dateTime', false, 'immutable', 'default'],
      ['badgePhoto', 'binary', false, 'readWrite', 'request'],
    ],
  );
});

test('validation coerces acme values and adds the URN the client left out of schemas', () => {
  assert.deepEqual(validateResource(body, users, 'create'), {
    schemas: [coreUserSchemaId, acmeId],
    userName: 'bjensen',
    [acmeId]: {
      badgeNumber: 'B-7',
      clearanceLevel: 3,
      badgeIssued: '2026-01-31T12:00:00Z',
      badgePhoto: 'AAAA',
    },
  });
});

test('acme attributes may also arrive URN-qualified or bare at the top level', () => {
  const v = validateResource(
    {
      schemas: [coreUserSchemaId, acmeId],
      userName: 'b',
      [`${acmeId}:badgeNumber`]: 'B-8',
      clearanceLevel: 2,
    },
    users,
    'create',
  );
  assert.deepEqual(v[acmeId], { badgeNumber: 'B-8', clearanceLevel: 2 });
});

test('a present acme object must carry its required badgeNumber', () => {
  assert.throws(
    () => validateResource({ ...body, [acmeId]: { clearanceLevel: 1 } }, users, 'create'),
    {
      status: 400,
      scimType: 'invalidValue',
      detail: `Attribute "${acmeId}:badgeNumber" is required, but the POST /Users body has no value for it`,
    },
  );
});

test('a required extension must be present with its required attributes', () => {
  const strict = createUserSchema([{ schema: acme, required: true }]);
  assert.throws(
    () => validateResource({ schemas: [coreUserSchemaId], userName: 'b' }, strict, 'replace'),
    {
      status: 400,
      scimType: 'invalidValue',
      detail: `Attribute "${acmeId}:badgeNumber" is required, but the PUT /Users/{id} body has no value for it`,
    },
  );
});

test('projection: URN-qualified names, whole-schema exclusion, returned "request"', () => {
  const stored = { ...validateResource(body, users, 'create'), id: 'u1' };
  assert.deepEqual(projectResource(stored, users)[acmeId], {
    badgeNumber: 'B-7',
    clearanceLevel: 3,
    badgeIssued: '2026-01-31T12:00:00Z',
  });
  assert.deepEqual(projectResource(stored, users, { attributes: `${acmeId}:badgePhoto` }), {
    schemas: [coreUserSchemaId, acmeId],
    id: 'u1',
    [acmeId]: { badgePhoto: 'AAAA' },
  });
  assert.deepEqual(projectResource(stored, users, { attributes: acmeId })[acmeId], {
    badgeNumber: 'B-7',
    clearanceLevel: 3,
    badgeIssued: '2026-01-31T12:00:00Z',
    badgePhoto: 'AAAA',
  });
  const excluded = projectResource(stored, users, { excludedAttributes: acmeId });
  assert.equal(excluded[acmeId], undefined);
  assert.equal(excluded.userName, 'bjensen');
});

test('checkImmutable: badgeIssued may be repeated or omitted, not changed', () => {
  const existing = validateResource(body, users, 'create');
  const same = validateResource(body, users, 'replace');
  checkImmutable(existing, same, users);
  const omitted = validateResource({ ...body, [acmeId]: { badgeNumber: 'B-7' } }, users, 'replace');
  checkImmutable(existing, omitted, users);
  const changed = validateResource(
    { ...body, [acmeId]: { badgeNumber: 'B-7', badgeIssued: '2027-01-01T00:00:00Z' } },
    users,
    'replace',
  );
  assert.throws(() => checkImmutable(existing, changed, users), {
    status: 400,
    scimType: 'mutability',
    detail: `Attribute "${acmeId}:badgeIssued" is immutable: it is "2026-01-31T12:00:00Z" and cannot become "2027-01-01T00:00:00Z"`,
  });
});
