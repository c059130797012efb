// Table-driven: every leniency (fixtures/validate-leniency.json) and every error path with its
// status, scimType and exact detail (fixtures/validate-errors.json).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ScimError } from '../errors.ts';
import type { ResourceSchema } from '../schema/resource-schema.ts';
import { createGroupSchema, createUserSchema } from '../schema/resource-types.ts';
import { type ValidateMode, type ValidateOptions, validateResource } from './validate.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));
const schemas: Record<string, ResourceSchema> = {
  user: createUserSchema(),
  group: createGroupSchema(),
};

interface Leniency {
  name: string;
  schema: string;
  options?: ValidateOptions;
  input: unknown;
  expected: unknown;
}
interface Failure {
  name: string;
  schema: string;
  mode: ValidateMode;
  options?: ValidateOptions;
  input: unknown;
  status: number;
  scimType: string;
  detail: string;
}

for (const c of fixture('validate-leniency.json') as Leniency[]) {
  test(`accepts: ${c.name}`, () => {
    for (const mode of ['create', 'replace'] as const) {
      const out = validateResource(c.input, schemas[c.schema]!, mode, c.options);
      assert.deepEqual(out, c.expected);
      // Normalised output is a fixed point.
      assert.deepEqual(validateResource(out, schemas[c.schema]!, mode, c.options), c.expected);
    }
  });
}

for (const c of fixture('validate-errors.json') as Failure[]) {
  test(`rejects: ${c.name}`, () => {
    assert.throws(
      () => validateResource(c.input, schemas[c.schema]!, c.mode, c.options),
      (error: unknown) => {
        assert.ok(error instanceof ScimError);
        assert.deepEqual(
          { status: error.status, scimType: error.scimType, detail: error.detail },
          { status: c.status, scimType: c.scimType, detail: c.detail },
        );
        return true;
      },
    );
  });
}

test('output keys follow schema order: schemas, common, core, then extensions', () => {
  const users = schemas.user!;
  const out = validateResource(
    {
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'Tours' },
      active: true,
      userName: 'b',
      externalId: 'e',
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    },
    users,
    'create',
  );
  assert.deepEqual(Object.keys(out), [
    'schemas',
    'externalId',
    'userName',
    'active',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  ]);
});
