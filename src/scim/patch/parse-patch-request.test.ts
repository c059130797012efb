import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ScimError } from '../errors.ts';
import { parsePatchRequest } from './index.ts';

/** The parsed JSON of `fixtures/<name>`. */
function loadFixture<T>(name: string): T[] {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T[];
}

interface ParseCase {
  name: string;
  body: unknown;
  operations?: unknown[];
  error?: { status: number; scimType: string; detail: string[] };
}

for (const c of loadFixture<ParseCase>('parse-requests.json')) {
  test(`parsePatchRequest: ${c.name}`, () => {
    if (c.operations) {
      assert.deepEqual(parsePatchRequest(c.body), c.operations);
      return;
    }
    const expected = c.error!;
    assert.throws(
      () => parsePatchRequest(c.body),
      (error: unknown) => {
        assert.ok(error instanceof ScimError);
        assert.equal(error.status, expected.status);
        assert.equal(error.scimType, expected.scimType);
        for (const part of expected.detail) assert.ok(error.detail.includes(part), error.detail);
        return true;
      },
    );
  });
}

test('parsePatchRequest: error details quote a long input only in part', () => {
  const long = 'x'.repeat(5000);
  assert.throws(
    () => parsePatchRequest({ Operations: [{ op: long }] }),
    (error: unknown) => error instanceof ScimError && error.detail.length < 400,
  );
});
