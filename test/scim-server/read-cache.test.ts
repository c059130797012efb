// GET answers come from remembered representations only while nothing changed: every write
// of the user, of its groups' membership or names, shows in the very next GET, on each
// database (SQLite caches records; PostgreSQL reads them fresh every time).
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { databases } from '../store/databases.ts';
import { coreGroup, coreUser, createHarness, type Harness, patchOp } from './support.ts';

for (const database of databases) {
  describe(`GET after writes (${database.name})`, { skip: database.skip }, () => {
    const opened: Harness[] = [];
    after(() => Promise.all(opened.map((h) => h.store.close())));

    it('shows each change of the user, its groups and their names at once', async () => {
      const h = await createHarness({ open: () => database.open() });
      opened.push(h);
      const ann = await h.call('POST', '/Users', {
        body: { schemas: [coreUser], userName: 'ann' },
      });
      // Every GET also asks the userName lookup, which must list the very same representation.
      const get = async () => {
        const one = await h.call('GET', `/Users/${ann.body.id}`);
        const listed = await h.call('GET', '/Users?filter=userName%20eq%20%22ann%22');
        assert.equal(listed.status, 200);
        assert.deepEqual(listed.body.Resources, one.status === 200 ? [one.body] : []);
        assert.equal(listed.body.itemsPerPage, one.status === 200 ? 1 : 0);
        return one;
      };
      const first = await get();
      assert.equal(first.text, (await get()).text, 'the same answer while nothing changed');
      assert.equal(first.body.groups, undefined);

      const group = await h.call('POST', '/Groups', {
        body: { schemas: [coreGroup], displayName: 'Sales' },
      });
      const patchGroup = (operations: unknown[]) =>
        h.call('PATCH', `/Groups/${group.body.id}`, {
          body: { schemas: [patchOp], Operations: operations },
        });
      await patchGroup([{ op: 'add', path: 'members', value: [{ value: ann.body.id }] }]);
      assert.deepEqual(
        (await get()).body.groups.map((g: { display: string }) => g.display),
        ['Sales'],
      );
      await patchGroup([{ op: 'replace', path: 'displayName', value: 'Sales EMEA' }]);
      assert.deepEqual(
        (await get()).body.groups.map((g: { display: string }) => g.display),
        ['Sales EMEA'],
      );
      await h.call('PATCH', `/Users/${ann.body.id}`, {
        body: { schemas: [patchOp], Operations: [{ op: 'replace', path: 'title', value: 'Boss' }] },
      });
      const patched = await get();
      assert.equal(patched.body.title, 'Boss');
      assert.equal(patched.headers.get('etag'), 'W/"2"');
      assert.equal(
        (await h.call('GET', `/Users/${ann.body.id}?attributes=title`)).body.title,
        'Boss',
      );
      await patchGroup([{ op: 'remove', path: 'members' }]);
      assert.equal((await get()).body.groups, undefined);
      await h.call('DELETE', `/Users/${ann.body.id}`);
      assert.equal((await get()).status, 404);
    });
  });
}
