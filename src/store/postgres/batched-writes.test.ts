/**
 * batchedWriter: the items asked in one turn form one statement per group; while it runs, new
 * items wait and form the next; a key twice waits for the next statement; a failed statement's
 * items run one by one with their own outcomes. The SQL side: test/postgres/batched-statements.test.ts
 * (its plan) and the store conformance suite (its answers).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { batchedWriter } from './batched-writes.ts';

interface Item {
  group: string;
  id: string;
}

function writer(options: { fail?: (items: readonly Item[]) => boolean; limit?: number } = {}) {
  const runs: string[][] = [];
  let release: (() => void) | undefined;
  let hold = false;
  const write = batchedWriter<Item, { id: string; written: number }>(
    async (items) => {
      runs.push(items.map((i) => `${i.group}:${i.id}`));
      if (hold) await new Promise<void>((resolve) => (release = resolve));
      if (options.fail?.(items)) throw new Error(`statement of ${items.length} failed`);
      return items
        .filter((i) => !i.id.startsWith('missing'))
        .map((i) => ({ id: i.id, written: runs.length }));
    },
    (item) => item.group,
    (item) => item.id,
    (row) => row.id,
    options.limit,
  );
  return {
    runs,
    write,
    hold: () => {
      hold = true;
    },
    release: () => {
      hold = false;
      release?.();
    },
  };
}

describe('batchedWriter', () => {
  test('one statement per group for a turn; a missing row is undefined', async () => {
    const { runs, write } = writer();
    const rows = await Promise.all([
      write({ group: 'a', id: '1' }),
      write({ group: 'b', id: '2' }),
      write({ group: 'a', id: 'missing-3' }),
    ]);
    assert.deepEqual(
      rows.map((r) => r?.id),
      ['1', '2', undefined],
    );
    assert.deepEqual(runs, [['a:1', 'a:missing-3'], ['b:2']]);
  });

  test('items asked while a statement runs form the next one', async () => {
    const w = writer();
    w.hold();
    const first = w.write({ group: 'a', id: '1' });
    await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    const later = [w.write({ group: 'a', id: '2' }), w.write({ group: 'a', id: '3' })];
    w.release();
    await Promise.all([first, ...later]);
    assert.deepEqual(w.runs, [['a:1'], ['a:2', 'a:3']]);
  });

  test('a key asked twice waits for the next statement; the limit splits a group', async () => {
    const { runs, write } = writer({ limit: 2 });
    const rows = await Promise.all(['1', '1', '2', '3'].map((id) => write({ group: 'a', id })));
    assert.deepEqual(runs, [
      ['a:1', 'a:2'],
      ['a:1', 'a:3'],
    ]);
    assert.deepEqual(
      rows.map((r) => r?.written),
      [1, 2, 1, 2],
    );
  });

  test('a failed statement: its items run one by one, each with its own outcome', async () => {
    const { runs, write } = writer({
      fail: (items) => items.length > 1 || items[0]!.id === 'bad',
    });
    const outcomes = await Promise.allSettled(
      ['1', 'bad', '2'].map((id) => write({ group: 'a', id })),
    );
    assert.deepEqual(runs, [['a:1', 'a:bad', 'a:2'], ['a:1'], ['a:bad'], ['a:2']]);
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    assert.match(String((outcomes[1] as PromiseRejectedResult).reason), /statement of 1 failed/);
  });
});
