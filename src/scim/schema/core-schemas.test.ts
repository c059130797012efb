import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { schemasListResponse } from './discovery.ts';
import { createGroupSchema, createUserSchema } from './resource-types.ts';
import type { AttributeDefinition } from './types.ts';

type Row = [string, string, boolean, boolean, boolean, string, string, string, unknown, unknown];
const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const expected: Record<string, Row[]> = fixture('rfc7643-8.7.1-characteristics.json');

const base = 'https://scim.example.com/v2';
// What a client receives: the wire JSON, parsed back.
const wire = JSON.parse(
  JSON.stringify(schemasListResponse([createUserSchema(), createGroupSchema()], base)),
);

function flatten(attributes: AttributeDefinition[], prefix = ''): Map<string, AttributeDefinition> {
  const out = new Map<string, AttributeDefinition>();
  for (const a of attributes) {
    out.set(`${prefix}${a.name}`, a);
    if (a.subAttributes) {
      for (const [k, v] of flatten([...a.subAttributes], `${a.name}.`)) out.set(k, v);
    }
  }
  return out;
}

const keys = new Set([
  'name',
  'type',
  'multiValued',
  'description',
  'required',
  'caseExact',
  'mutability',
  'returned',
  'uniqueness',
  'canonicalValues',
  'referenceTypes',
  'subAttributes',
]);

for (const [urn, rows] of Object.entries(expected)) {
  if (urn.startsWith('_')) continue;
  test(`/Schemas: ${urn} has every RFC 7643 §8.7.1 attribute with every characteristic`, () => {
    const schema = wire.Resources.find((r: { id: string }) => r.id === urn);
    assert.ok(schema, `${urn} listed`);
    const actual = flatten(schema.attributes);
    assert.deepEqual([...actual.keys()].sort(), rows.map((r) => r[0]).sort());
    for (const [
      path,
      type,
      multiValued,
      required,
      caseExact,
      mutability,
      returned,
      uniqueness,
      canonical,
      refs,
    ] of rows) {
      const a = actual.get(path)!;
      const got = [
        a.type,
        a.multiValued,
        a.required,
        a.caseExact,
        a.mutability,
        a.returned,
        a.uniqueness,
      ];
      assert.deepEqual(
        got,
        [type, multiValued, required, caseExact, mutability, returned, uniqueness],
        path,
      );
      assert.deepEqual(a.canonicalValues ?? null, canonical, `${path} canonicalValues`);
      assert.deepEqual(a.referenceTypes ?? null, refs, `${path} referenceTypes`);
      assert.equal(typeof a.description, 'string', `${path} description`);
      assert.ok(a.description.length > 0, `${path} has a description`);
      for (const k of Object.keys(a)) assert.ok(keys.has(k), `${path}: unexpected key ${k}`);
      if (a.type === 'complex') assert.ok(a.subAttributes?.length, `${path} has subAttributes`);
      else assert.equal(a.subAttributes, undefined, `${path}: only complex has subAttributes`);
    }
  });
}

test('/Schemas is an RFC 7644 ListResponse of RFC 7643 §7 Schema resources', () => {
  assert.deepEqual(wire.schemas, ['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
  assert.equal(wire.totalResults, 3);
  assert.equal(wire.itemsPerPage, 3);
  assert.equal(wire.startIndex, 1);
  assert.deepEqual(
    wire.Resources.map((r: { id: string }) => r.id),
    [
      'urn:ietf:params:scim:schemas:core:2.0:User',
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
      'urn:ietf:params:scim:schemas:core:2.0:Group',
    ],
  );
  for (const r of wire.Resources) {
    assert.deepEqual(r.schemas, ['urn:ietf:params:scim:schemas:core:2.0:Schema']);
    assert.deepEqual(Object.keys(r).sort(), [
      'attributes',
      'description',
      'id',
      'meta',
      'name',
      'schemas',
    ]);
    assert.deepEqual(r.meta, { resourceType: 'Schema', location: `${base}/Schemas/${r.id}` });
  }
  assert.deepEqual(
    wire.Resources.map((r: { name: string }) => r.name),
    ['User', 'EnterpriseUser', 'Group'],
  );
});
