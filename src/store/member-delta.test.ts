// sharedDelta: only additions, or only removals, of at most 10 members share statements.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sharedDelta, sharedDeltaIds } from './member-delta.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `m${i}`);

test('only additions or only removals of up to 10 members; nothing else', () => {
  assert.deepEqual(sharedDelta({ add: ['a'] }), { op: 'add', ids: ['a'] });
  assert.deepEqual(sharedDelta({ remove: ['a', 'b'], add: [] }), { op: 'remove', ids: ['a', 'b'] });
  assert.equal(sharedDeltaIds, 10);
  assert.deepEqual(sharedDelta({ add: ids(10) })?.ids, ids(10));
  assert.equal(sharedDelta({ add: ids(11) }), undefined);
  assert.equal(sharedDelta({ remove: ids(11) }), undefined);
  assert.equal(sharedDelta({ add: ['a'], remove: ['b'] }), undefined, 'mixed');
  assert.equal(sharedDelta({ add: ['a'], removeAll: true }), undefined, 'remove all first');
  assert.equal(sharedDelta({ removeAll: true }), undefined);
  assert.equal(sharedDelta({}), undefined, 'no change');
});
