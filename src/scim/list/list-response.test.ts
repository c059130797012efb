import assert from 'node:assert/strict';
import { test } from 'node:test';
import { listResponse } from './list-response.ts';

const schemas = ['urn:ietf:params:scim:api:messages:2.0:ListResponse'];

test('an index page: the RFC 7644 §3.4.2.4 shape', () => {
  const page = listResponse([{ id: 'a' }, { id: 'b' }], { totalResults: 100, startIndex: 11 });
  assert.deepEqual(page, {
    schemas,
    totalResults: 100,
    itemsPerPage: 2,
    startIndex: 11,
    Resources: [{ id: 'a' }, { id: 'b' }],
  });
  assert.deepEqual(Object.keys(page), [
    'schemas',
    'totalResults',
    'itemsPerPage',
    'startIndex',
    'Resources',
  ]);
});

test('no matches (Entra probe): totalResults 0 and an empty Resources array', () => {
  assert.deepEqual(listResponse([], { totalResults: 0 }), {
    schemas,
    totalResults: 0,
    itemsPerPage: 0,
    startIndex: 1,
    Resources: [],
  });
});

test('count=0: totalResults only, itemsPerPage 0', () => {
  assert.deepEqual(listResponse([], { totalResults: 42, startIndex: 1 }).itemsPerPage, 0);
});

test('a cursor page (RFC 9865): cursors, no startIndex, totalResults optional', () => {
  assert.deepEqual(
    listResponse([{ id: 'c' }], { nextCursor: 'VZUTiy', previousCursor: 'ze7L30' }),
    {
      schemas,
      itemsPerPage: 1,
      nextCursor: 'VZUTiy',
      previousCursor: 'ze7L30',
      Resources: [{ id: 'c' }],
    },
  );
  assert.equal(listResponse([], { totalResults: 5, nextCursor: 'x' }).totalResults, 5);
});

test('itemsPerPage may be given; Resources is a copy of the array', () => {
  const resources = [{ id: 'a' }];
  const page = listResponse(resources, { totalResults: 1, itemsPerPage: 10 });
  assert.equal(page.itemsPerPage, 10);
  page.Resources.push({ id: 'b' });
  assert.equal(resources.length, 1);
});

test('an index page without totalResults is a programming error', () => {
  assert.throws(() => listResponse([], {}), /totalResults is required/);
});
