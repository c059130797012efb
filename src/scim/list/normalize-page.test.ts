import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ScimError } from '../errors.ts';
import { normalizePage, type Page, type PageLimits, type PageRequest } from './normalize-page.ts';

const { accepted, rejected } = JSON.parse(
  readFileSync(new URL('./fixtures/page-cases.json', import.meta.url), 'utf8'),
) as {
  accepted: { name: string; request: PageRequest; limits?: PageLimits; expected: Page }[];
  rejected: { name: string; request: PageRequest; detail: string }[];
};
const limits: PageLimits = { defaultCount: 100, maxCount: 200 };

for (const c of accepted) {
  test(`normalizePage: ${c.name}`, () => {
    assert.deepEqual(normalizePage(c.request, c.limits ?? limits), c.expected);
  });
}

for (const c of rejected) {
  test(`normalizePage rejects: ${c.name}`, () => {
    assert.throws(
      () => normalizePage(c.request, limits),
      (e: unknown) =>
        e instanceof ScimError &&
        e.status === 400 &&
        e.scimType === 'invalidValue' &&
        e.detail === c.detail,
    );
  });
}
