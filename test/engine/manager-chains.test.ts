/**
 * Managers ahead of their reports (initial cycles) with a management chain deeper than two
 * levels inside one page: a batch provisioned ahead held a manager and that manager's own
 * manager, waited for its own run and never finished (the crash suite found it as a child
 * process exiting on an unsettled await). Every user must be created, each with its manager.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngineHarness, enterprise } from './support.ts';

test('a four-level management chain in one page: everyone created with their manager', async () => {
  const h = await createEngineHarness({ strict: true });
  try {
    const ids: string[] = [];
    for (let i = 0; i < 13; i++) {
      const user = await h.addUser(`c${String(i).padStart(2, '0')}@contoso.test`, {
        ...(i > 0 && { manager: ids[Math.floor((i - 1) / 3)] }),
      });
      ids.push(user.id);
      await h.assign('user', user.id);
    }
    const report = await h.run();
    assert.equal(report.counts.Create, 13);
    const users = await h.targetUsers();
    const nameOf = new Map(users.map((u) => [u.id, u.userName]));
    for (let i = 1; i < 13; i++) {
      const user = users.find((u) => u.userName === `c${String(i).padStart(2, '0')}@contoso.test`)!;
      const manager = (user[enterprise] as { manager?: { value: string } }).manager?.value;
      assert.equal(
        nameOf.get(manager),
        `c${String(Math.floor((i - 1) / 3)).padStart(2, '0')}@contoso.test`,
      );
    }
  } finally {
    await h.close();
  }
});
