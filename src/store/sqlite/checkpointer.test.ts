// WAL checkpoints run in a worker thread: the store's own connection keeps its automatic
// checkpoint only as a far-off safety net, yet the WAL stays small while writes go on.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { createUserSchema } from '../../scim/index.ts';
import { openSqliteStore } from './index.ts';

const dir = mkdtempSync(path.join(tmpdir(), 'roster-checkpoint-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('the background checkpointer', () => {
  it('keeps the WAL small while 20 MB are written, and the file whole after close', async () => {
    const file = path.join(dir, 'roster.db');
    const store = await openSqliteStore({ location: file });
    const users = createUserSchema();
    const { id: tenant } = await store.tenants.create('t', {});
    const big = 'x'.repeat(100_000);
    let largest = 0;
    for (let batch = 0; batch < 10; batch++) {
      await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          store.resources.create(tenant, 'User', { userName: `u${batch}-${i}`, title: big }, users),
        ),
      );
      await sleep(150);
      largest = Math.max(largest, statSync(`${file}-wal`).size);
    }
    // Without checkpoints the WAL would hold every page written: over 20 MB.
    assert.ok(largest < 12 * 1024 * 1024, `WAL reached ${largest} bytes`);
    await store.close();
    assert.equal(existsSync(`${file}-wal`), false, 'the last connection checkpointed it away');
    const again = await openSqliteStore({ location: file });
    const page = await again.resources.query(tenant, 'User', users, { startIndex: 1, count: 0 });
    assert.equal(page.totalResults, 200);
    await again.close();
  });
});
