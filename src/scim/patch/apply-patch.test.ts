import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ScimError } from '../errors.ts';
import { applyPatchWithChanges, parsePatchRequest } from './index.ts';
import { type ApplyCase, schemas } from './test-support.ts';

/** The parsed JSON of `fixtures/<name>`. */
function loadFixture<T>(name: string): T[] {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T[];
}

const files = [
  'rfc7644-examples.json',
  'entra-users.json',
  'entra-groups.json',
  'decisions.json',
  'errors.json',
];

function run(c: ApplyCase) {
  return applyPatchWithChanges(c.before, parsePatchRequest(c.request), schemas[c.resourceType]);
}

for (const file of files) {
  describe(file, () => {
    for (const c of loadFixture<ApplyCase>(file)) {
      test(c.name, () => {
        const snapshot = structuredClone(c.before);
        if (c.error) {
          const expected = c.error;
          assert.throws(
            () => run(c),
            (error: unknown) => {
              assert.ok(error instanceof ScimError, `expected a ScimError, got ${error}`);
              assert.equal(error.status, expected.status);
              assert.equal(error.scimType, expected.scimType, error.detail);
              for (const part of expected.detail) {
                assert.ok(error.detail.includes(part), `detail ${error.detail} lacks ${part}`);
              }
              return true;
            },
          );
        } else {
          const result = run(c);
          assert.deepEqual(result.resource, c.after);
          assert.equal(result.changed, c.changed ?? true);
          if (c.memberChanges) assert.deepEqual(result.memberChanges, c.memberChanges);
        }
        assert.deepEqual(c.before, snapshot, 'the input resource was modified');
      });
    }
  });
}
