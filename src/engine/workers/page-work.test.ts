// The split of a cycle's objects into pages: bounded, in order, nothing lost or twice, change ids
// following their objects; page rows numbered within their phase.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { pageName, pageRecords, splitObjects } from './page-work.ts';

test('pages hold at most `size` ids, in order, every id once', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.uuid(), { maxLength: 2000 }),
      fc.integer({ min: 1, max: 700 }),
      (ids, size) => {
        const pages = splitObjects('user', ids, size, { assigned: true, claims: true });
        assert.equal(pages.length, Math.ceil(ids.length / size));
        for (const page of pages) {
          assert.ok(page.kind === 'objects' && page.ids.length <= size && page.ids.length > 0);
          assert.equal(page.assigned, true);
          assert.equal(page.claims, true);
        }
        assert.deepEqual(
          pages.flatMap((p) => (p.kind === 'objects' ? p.ids : [])),
          ids,
        );
      },
    ),
  );
});

test('change ids stay with their objects across pages', () => {
  const ids = ['a', 'b', 'c', 'd', 'e'];
  const changes = [5, null, 7, 8, null];
  const pages = splitObjects('group', ids, 2, { changes });
  assert.deepEqual(
    pages.map((p) => (p.kind === 'objects' ? [p.type, p.ids, p.changes] : [])),
    [
      ['group', ['a', 'b'], [5, null]],
      ['group', ['c', 'd'], [7, 8]],
      ['group', ['e'], [null]],
    ],
  );
  assert.deepEqual(splitObjects('user', [], 500), []);
});

test('page rows are pending, numbered within their phase, named cycle:phase:seq', () => {
  const rows = pageRecords(
    'c1',
    'app',
    'reference',
    [{ kind: 'finish' }, { kind: 'deprovision' }],
    '2026-01-01T00:00:00.000Z',
    3,
  );
  assert.deepEqual(
    rows.map((r) => [r.seq, r.status, r.attempts, r.owner, pageName(r)]),
    [
      [3, 'pending', 0, null, 'c1:reference:3'],
      [4, 'pending', 0, null, 'c1:reference:4'],
    ],
  );
});
