/**
 * The engine on each database of the store suites (SQLite always, PostgreSQL when DATABASE_URL
 * is set): an initial cycle with a manager and a group, then an incremental one with a change,
 * a membership removal and an unassignment — links, log entries, escrows and the watermark
 * through the same Kysely queries on both.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { databases } from '../store/databases.ts';
import { createEngineHarness, enterprise } from './support.ts';

for (const database of databases) {
  describe(`engine on ${database.name}`, { skip: database.skip }, () => {
    test('initial and incremental cycles', async (t) => {
      const h = await createEngineHarness({ open: () => database.open() });
      t.after(() => h.close());
      const boss = await h.addUser('boss@contoso.test');
      const ann = await h.addUser('ann@contoso.test', { manager: boss.id });
      const team = await h.directory.groups.add({ displayName: 'Team', securityEnabled: true });
      await h.directory.groups.addMembers(team.id, [boss.id, ann.id]);
      await h.assign('group', team.id);
      const initial = await h.run();
      assert.deepEqual(await h.brief(initial), [
        'Create/Success Team',
        'Create/Success ann@contoso.test',
        'Create/Success boss@contoso.test',
        'Update/Success Team',
      ]);
      const bossId = (await h.userNamed('boss@contoso.test'))!.id;
      const annOnTarget = (await h.userNamed('ann@contoso.test'))!;
      assert.equal(
        (annOnTarget[enterprise] as { manager: { value: string } }).manager.value,
        bossId,
      );

      await h.directory.users.update(ann.id, { jobTitle: 'Lead' });
      await h.directory.groups.removeMembers(team.id, [boss.id]);
      const incremental = await h.run();
      assert.deepEqual(await h.brief(incremental), [
        'Disable/Success boss@contoso.test',
        'Update/Success Team',
        'Update/Success ann@contoso.test',
      ]);
      assert.equal((await h.userNamed('boss@contoso.test'))!.active, false);
      assert.deepEqual(h.memberIds(await h.groupNamed('Team')), [annOnTarget.id]);
      const status = await h.provisioning.status(h.app.id);
      assert.equal(status.watermark, incremental.watermark);
      assert.deepEqual(status.statistics.counts, { Create: 3, Success: 7, Update: 3, Disable: 1 });
    });
  });
}
