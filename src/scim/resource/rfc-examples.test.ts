// The RFC 7643 §8 examples validate, and come back unchanged through storage and projection
// once the server has added back what it owns (id, meta, groups, manager.displayName).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { createGroupSchema, createUserSchema } from '../schema/resource-types.ts';
import { projectResource } from './project.ts';
import type { ScimResource } from './types.ts';
import { validateResource } from './validate.ts';

const fixture = (name: string): ScimResource =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const users = createUserSchema();
const groups = createGroupSchema();
const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

function without(resource: ScimResource, ...keys: string[]): ScimResource {
  const copy = structuredClone(resource);
  for (const k of keys) delete copy[k];
  return copy;
}

const examples = [
  { file: 'rfc7643-8.1-minimal-user.json', schema: users },
  { file: 'rfc7643-8.2-full-user.json', schema: users },
  { file: 'rfc7643-8.3-enterprise-user.json', schema: users },
  { file: 'rfc7643-8.4-group.json', schema: groups },
];

for (const { file, schema } of examples) {
  test(`${file}: validate drops only server-owned and undeclared data; projection round-trips`, () => {
    const example = fixture(file);
    const validated = validateResource(example, schema, 'create');

    // What validation keeps: everything but readOnly attributes and members.display
    // (RFC 7643 §8.7.1 declares no such sub-attribute).
    const kept = without(example, 'id', 'meta', 'groups');
    if (Array.isArray(kept.members)) {
      for (const m of kept.members as Record<string, unknown>[]) delete m.display;
    }
    const ext = kept[enterprise] as { manager: Record<string, unknown> } | undefined;
    const managerName = ext?.manager.displayName;
    if (ext) delete ext.manager.displayName;
    assert.deepEqual(validated, kept);

    // The server stores it, adding id, meta, derived groups and the manager's displayName.
    const stored: ScimResource = { ...validated, id: example.id, meta: example.meta };
    if (example.groups) stored.groups = example.groups;
    if (ext) (stored[enterprise] as typeof ext).manager.displayName = managerName;

    const expected = without({ ...kept, id: example.id, meta: example.meta }, 'password');
    if (example.groups) expected.groups = example.groups;
    if (ext) (expected[enterprise] as typeof ext).manager.displayName = managerName;
    assert.deepEqual(projectResource(stored, schema), expected);
  });
}

test('the full user keeps its password through validation but never returns it', () => {
  const validated = validateResource(fixture('rfc7643-8.2-full-user.json'), users, 'create');
  assert.equal(validated.password, 't1meMa$heen');
  assert.equal(projectResource(validated, users).password, undefined);
  assert.equal(projectResource(validated, users, { attributes: 'password' }).password, undefined);
});
