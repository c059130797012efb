/**
 * batchedLoader: the keys asked in one turn of the event loop become one load per group, the
 * next turn's another; each asker gets its row (its own copy when a key was asked twice), or
 * undefined, or the load's error. The SQL side runs on PostgreSQL in
 * test/postgres/batched-statements.test.ts and in the store conformance suite.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { batchedLoader } from './batched-reads.ts';

interface Row {
  id: string;
  group: string;
  nested: { n: number };
}

/** A loader over rows named `<group>:<id>`, recording each load's group and keys. */
function loader(limit?: number, fail?: (group: string) => boolean) {
  const loads: [string, string[]][] = [];
  const load = batchedLoader<Row>(
    async ([group], keys) => {
      loads.push([group!, [...keys]]);
      if (fail?.(group!)) throw new Error(`load of ${group} failed`);
      return keys
        .filter((k) => !k.startsWith('missing'))
        .map((id) => ({ id, group: group!, nested: { n: 1 } }));
    },
    (row) => row.id,
    limit,
  );
  return { loads, load };
}

describe('batchedLoader', () => {
  test('the keys of one turn are one load per group; the next turn loads again', async () => {
    const { loads, load } = loader();
    const rows = await Promise.all([load(['a'], '1'), load(['b'], '2'), load(['a'], '3')]);
    assert.deepEqual(
      rows.map((r) => `${r?.group}:${r?.id}`),
      ['a:1', 'b:2', 'a:3'],
    );
    assert.deepEqual(loads, [
      ['a', ['1', '3']],
      ['b', ['2']],
    ]);
    await load(['a'], '4');
    assert.deepEqual(loads.at(-1), ['a', ['4']]);
  });

  test('a key asked twice is loaded once and each asker gets its own copy', async () => {
    const { loads, load } = loader();
    const [first, second] = await Promise.all([load(['a'], '1'), load(['a'], '1')]);
    assert.deepEqual(loads, [['a', ['1']]]);
    assert.deepEqual(first, second);
    assert.notEqual(first, second);
    assert.notEqual(first!.nested, second!.nested);
  });

  test('a key the load does not return is undefined', async () => {
    const { load } = loader();
    const [found, missing] = await Promise.all([load(['a'], '1'), load(['a'], 'missing-2')]);
    assert.equal(found?.id, '1');
    assert.equal(missing, undefined);
  });

  test('past the limit a group is split into several loads', async () => {
    const { loads, load } = loader(2);
    const ids = ['1', '2', '3', '4', '5'];
    const rows = await Promise.all(ids.map((id) => load(['a'], id)));
    assert.deepEqual(
      rows.map((r) => r?.id),
      ids,
    );
    assert.deepEqual(
      loads.map(([, keys]) => keys),
      [['1', '2'], ['3', '4'], ['5']],
    );
  });

  test('a failed load rejects its askers only', async () => {
    const { load } = loader(undefined, (group) => group === 'bad');
    const [bad, good] = await Promise.allSettled([load(['bad'], '1'), load(['good'], '2')]);
    assert.equal(bad.status, 'rejected');
    assert.match(String((bad as PromiseRejectedResult).reason), /load of bad failed/);
    assert.equal(good.status === 'fulfilled' && good.value?.id, '2');
  });
});
