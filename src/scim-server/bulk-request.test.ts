import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ScimError } from '../scim/index.ts';
import { orderBulkOperations, parseBulkRequest, referencesIn } from './bulk-request.ts';

const post = (bulkId: string, data: unknown = {}) => ({
  method: 'post',
  path: '/Users',
  bulkId,
  data,
});

describe('parseBulkRequest / orderBulkOperations', () => {
  it('finds bulkId references in data and in the path', () => {
    assert.deepEqual(
      [...referencesIn({ members: [{ value: 'bulkId:a' }, { value: 'x' }], manager: 'bulkId:b' })],
      ['a', 'b'],
    );
    const { operations } = parseBulkRequest(
      {
        Operations: [
          {
            method: 'PATCH',
            path: '/Groups/bulkId:g',
            data: { Operations: [{ op: 'add', path: 'members', value: [{ value: 'bulkId:u' }] }] },
          },
        ],
      },
      10,
    );
    assert.deepEqual(operations[0]?.refs.sort(), ['g', 'u']);
    assert.equal(operations[0]?.method, 'PATCH');
  });

  it('orders dependencies first and otherwise keeps request order', () => {
    const { operations } = parseBulkRequest(
      {
        Operations: [
          post('g', { members: [{ value: 'bulkId:u2' }] }),
          post('u1'),
          post('u2', { manager: 'bulkId:u1' }),
        ],
      },
      10,
    );
    assert.deepEqual(orderBulkOperations(operations), { order: [1, 2, 0], cyclic: new Set() });
  });

  it('marks the operations of a cycle, and only those', () => {
    const { operations } = parseBulkRequest(
      {
        Operations: [
          post('a', { x: 'bulkId:b' }),
          post('b', { x: 'bulkId:c' }),
          post('c', { x: 'bulkId:a' }),
          post('d', { x: 'bulkId:a' }),
        ],
      },
      10,
    );
    assert.deepEqual(orderBulkOperations(operations).cyclic, new Set([0, 1, 2]));
  });

  it('flags bad operations one by one, and the whole request only when it is unusable', () => {
    const { operations } = parseBulkRequest(
      {
        Operations: [
          { method: 'GET', path: '/Users' },
          { method: 'POST', data: {} },
          { method: 'PUT', path: '/Users/1' },
          post('a'),
          post('a'),
        ],
      },
      10,
    );
    const errors = operations.map((o) => (o.error as ScimError | undefined)?.detail ?? '');
    assert.match(errors[0]!, /method must be POST, PUT, PATCH or DELETE, got "GET"/);
    assert.match(errors[1]!, /needs a "path"/);
    assert.match(errors[2]!, /needs "data"/);
    assert.equal(errors[3], '');
    assert.match(errors[4]!, /repeats bulkId "a" of Operations\[3\]/);
    assert.throws(() => parseBulkRequest({ Operations: [post('1'), post('2')] }, 1), {
      status: 413,
    });
    assert.throws(() => parseBulkRequest([], 1), { scimType: 'invalidSyntax' });
  });
});
