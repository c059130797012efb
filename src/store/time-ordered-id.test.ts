import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTimeOrderedIds } from './time-ordered-id.ts';

const shape = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('ids are UUID v7, unique and ascending, also within one millisecond and past 4,096 of them', () => {
  let now = Date.UTC(2026, 0, 1);
  const newId = createTimeOrderedIds(() => now);
  const ids: string[] = [];
  for (let i = 0; i < 10_000; i++) {
    if (i % 5000 === 4999) now++;
    ids.push(newId());
  }
  for (const id of ids) assert.match(id, shape);
  assert.equal(new Set(ids).size, ids.length);
  assert.deepEqual([...ids].sort(), ids);
  assert.equal(
    Number.parseInt(ids[0]!.replace('-', '').slice(0, 12), 16),
    Date.UTC(2026, 0, 1),
    'the first 48 bits are the milliseconds',
  );
});

test('a clock that goes back never makes an id smaller', () => {
  let now = 2_000_000_000_000;
  const newId = createTimeOrderedIds(() => now);
  const first = newId();
  now -= 60_000;
  assert.ok(newId() > first);
});
