// Properties: validateResource and projectResource never mutate their input, never hand back an
// object or array shared with it, and validation fails only with a ScimError, whatever JSON
// arrives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ScimError } from '../errors.ts';
import { createGroupSchema, createUserSchema } from '../schema/resource-types.ts';
import { projectResource } from './project.ts';
import { isPlainObject, type ScimResource } from './types.ts';
import { validateResource } from './validate.ts';

const core = 'urn:ietf:params:scim:schemas:core:2.0:User';
const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const users = createUserSchema();
const groups = createGroupSchema();

const names = [
  'userName',
  'USERNAME',
  'name',
  'displayName',
  'active',
  'emails',
  'phoneNumbers',
  'roles',
  'groups',
  'password',
  'id',
  'meta',
  'externalId',
  'manager',
  'members',
  'x509Certificates',
  enterprise,
  `${enterprise}:manager`,
  'junk',
];
const subNames = [
  'value',
  'VALUE',
  'type',
  'primary',
  'display',
  'givenName',
  '$ref',
  'displayName',
  'junk',
];
const leaf = fc.oneof(
  fc.string(),
  fc.boolean(),
  fc.integer(),
  fc.constant(null),
  fc.constantFrom(
    'True',
    'False',
    '{"value":"x","primary":"True"}',
    '2026-01-31T12:00:00Z',
    'AAAA',
  ),
);
const complex = fc.dictionary(fc.constantFrom(...subNames), leaf, { maxKeys: 4 });
const value = fc.oneof(
  leaf,
  complex,
  fc.array(fc.oneof(complex, leaf), { maxLength: 3 }),
  fc.jsonValue(),
);
const body = fc
  .tuple(
    fc.dictionary(fc.constantFrom(...names), value, { maxKeys: 8 }),
    fc.oneof(fc.constant([core]), fc.constant([core, enterprise]), fc.jsonValue()),
  )
  .map(([attributes, schemas]) => ({ ...attributes, schemas }) as Record<string, unknown>);
// Mostly-valid bodies too, so that many runs get past the required-attribute checks.
const validish = fc.tuple(body, fc.string({ minLength: 1 })).map(([b, n]) => ({
  ...b,
  schemas: [core, 'urn:ietf:params:scim:schemas:core:2.0:Group'],
  userName: n,
  displayName: n,
}));
const anyBody = fc.oneof(body, validish);

/** Overwrites every object and array reachable from `value`, to expose shared references. */
function scribble(value: unknown): void {
  if (Array.isArray(value)) {
    for (const item of value) scribble(item);
    value.push('scribbled');
  } else if (isPlainObject(value)) {
    for (const v of Object.values(value)) scribble(v);
    value.scribbled = true;
  }
}

test('validateResource never mutates its input and shares nothing with its output', () => {
  let validated = 0;
  fc.assert(
    fc.property(
      anyBody,
      fc.constantFrom('create', 'replace') as fc.Arbitrary<'create' | 'replace'>,
      (input, mode) => {
        const before = JSON.stringify(input);
        for (const schema of [users, groups]) {
          let out: ScimResource | undefined;
          try {
            out = validateResource(input, schema, mode);
            validated++;
          } catch (error) {
            assert.ok(error instanceof ScimError, String(error));
          }
          assert.equal(JSON.stringify(input), before);
          scribble(out);
          assert.equal(JSON.stringify(input), before);
        }
      },
    ),
    { numRuns: 500 },
  );
  assert.ok(validated > 100, `only ${validated} bodies validated`);
});

const attributeLists = fc.option(
  fc
    .array(
      fc.constantFrom(
        'userName',
        'emails.value',
        'name',
        'members',
        'id',
        enterprise,
        `${enterprise}:manager.value`,
        'junk',
      ),
      { maxLength: 3 },
    )
    .map((a) => a.join(',')),
  { nil: undefined },
);

test('projectResource never mutates its input and shares nothing with its output', () => {
  fc.assert(
    fc.property(
      anyBody,
      attributeLists,
      attributeLists,
      (stored, attributes, excludedAttributes) => {
        const before = JSON.stringify(stored);
        for (const schema of [users, groups]) {
          const out = projectResource(stored, schema, { attributes, excludedAttributes });
          assert.equal(JSON.stringify(stored), before);
          scribble(out);
          assert.equal(JSON.stringify(stored), before);
        }
      },
    ),
    { numRuns: 500 },
  );
});
