/**
 * The directory store conformance suite (Store.directory): users, groups, members, apps,
 * assignments, identity admins and the change feed, run unchanged against each database in
 * ./databases.ts, including the feed under concurrent writers.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { openSqliteStore } from '../../src/store/sqlite/index.ts';
import {
  type DirectoryChange,
  type DirectoryUserData,
  isStoreError,
  type Store,
} from '../../src/store/store.ts';
import { databases } from './databases.ts';

let serial = 0;
const person = (name: string, extra: Partial<DirectoryUserData> = {}): DirectoryUserData => ({
  userPrincipalName: `${name}-${++serial}@contoso.test`,
  accountEnabled: true,
  displayName: name,
  ...extra,
});

/** The feed entries after `from`, as "type:kind" strings, for compact assertions. */
async function feedAfter(store: Store, from: number): Promise<DirectoryChange[]> {
  return store.directory.changes.since(from, 10_000);
}
const brief = (changes: DirectoryChange[]) => changes.map((c) => `${c.objectType}:${c.kind}`);

for (const database of databases) {
  describe(`directory store conformance (${database.name})`, { skip: database.skip }, () => {
    let store: Store;
    let clock = Date.parse('2026-01-01T00:00:00.000Z');
    before(async () => {
      store = await database.open({
        now: () => {
          clock += 1000;
          return new Date(clock);
        },
      });
    });
    after(() => store.close());
    const dir = () => store.directory;

    test('users: create many, get, find by each key case-insensitively, update with version', async () => {
      const head = await dir().changes.head();
      const [ann, bob] = await dir().users.create([
        person('Ann', { mail: 'Ann@Contoso.test', employeeId: 'E-1', mailNickname: 'Ann' }),
        person('Bob', { extensions: { extensionAttribute1: 'cost-7', extension_app_level: 3 } }),
      ]);
      assert.ok(ann && bob);
      assert.equal(ann.version, 1);
      assert.equal(ann.deleted, null);
      assert.deepEqual((await dir().users.get(bob.id))?.data, bob.data);
      assert.equal(
        (
          await dir().users.findBy('userPrincipalName', [ann.data.userPrincipalName.toUpperCase()])
        )[0]?.id,
        ann.id,
      );
      assert.equal((await dir().users.findBy('mail', ['ann@CONTOSO.test']))[0]?.id, ann.id);
      assert.equal((await dir().users.findBy('mailNickname', ['ANN']))[0]?.id, ann.id);
      assert.equal((await dir().users.findBy('employeeId', ['E-1']))[0]?.id, ann.id);
      assert.deepEqual(await dir().users.findBy('employeeId', ['e-1']), [], 'employeeId is exact');
      assert.equal((await dir().users.getMany([ann.id, bob.id, 'nope'])).length, 2);

      const [updated] = await dir().users.update([
        { id: ann.id, data: { ...ann.data, jobTitle: 'Lead', manager: bob.id }, ifVersion: 1 },
      ]);
      assert.equal(updated?.version, 2);
      assert.equal(updated?.data.manager, bob.id);
      await assert.rejects(
        dir().users.update([{ id: ann.id, data: ann.data, ifVersion: 1 }]),
        (e) => isStoreError(e, 'conflict') && e.subject === 'version',
      );
      await assert.rejects(dir().users.update([{ id: 'missing', data: ann.data }]), (e) =>
        isStoreError(e, 'notFound'),
      );
      assert.deepEqual(brief(await feedAfter(store, head)), [
        'user:created',
        'user:created',
        'user:updated',
      ]);
    });

    test('userPrincipalName is unique case-insensitively, soft-deleted users included; a failed batch writes nothing', async () => {
      const [ann] = await dir().users.create([person('Uniq')]);
      const head = await dir().changes.head();
      const taken = {
        ...person('Other'),
        userPrincipalName: ann!.data.userPrincipalName.toUpperCase(),
      };
      await assert.rejects(
        dir().users.create([person('Fresh'), taken]),
        (e) => isStoreError(e, 'conflict') && e.subject === 'userPrincipalName',
      );
      assert.equal(await dir().changes.head(), head, 'no feed entry for a rolled-back batch');
      await dir().users.softDelete(ann!.id);
      await assert.rejects(dir().users.create([taken]), (e) => isStoreError(e, 'conflict'));
    });

    test('users: list by state and prefix search, paged; scan by id', async () => {
      const tag = `zz${database.name}list`;
      const made = await dir().users.create(
        [1, 2, 3, 4, 5].map((i) => ({
          userPrincipalName: `${tag}${i}@contoso.test`,
          accountEnabled: true,
          displayName: `List ${i}`,
        })),
      );
      await dir().users.softDelete(made[4]!.id);
      const page = await dir().users.list({ search: tag.toUpperCase(), startIndex: 2, count: 2 });
      assert.equal(page.totalResults, 4);
      assert.deepEqual(
        page.records.map((r) => r.data.displayName),
        ['List 2', 'List 3'],
      );
      const deleted = await dir().users.list({
        state: 'deleted',
        search: tag,
        startIndex: 1,
        count: 10,
      });
      assert.deepEqual(
        deleted.records.map((r) => r.id),
        [made[4]!.id],
      );
      assert.equal(
        (await dir().users.list({ state: 'all', search: tag, startIndex: 1, count: 10 }))
          .totalResults,
        5,
      );
      const all = [];
      let after: string | undefined;
      for (;;) {
        const batch = await dir().users.scan(after, 2, 'all');
        if (batch.length === 0) break;
        all.push(...batch);
        after = batch.at(-1)!.id;
      }
      const ids = all.map((u) => u.id);
      assert.deepEqual(ids, [...ids].sort());
      for (const u of made) assert.ok(ids.includes(u.id));
    });

    test('soft delete and restore are idempotent and in the feed; purge takes memberships, assignments and manager links', async () => {
      const [boss, report] = await dir().users.create([person('Boss'), person('Report')]);
      await dir().users.update([{ id: report!.id, data: { ...report!.data, manager: boss!.id } }]);
      const group = await dir().groups.create({
        displayName: 'Purge group',
        securityEnabled: true,
      });
      await dir().groups.changeMembers(group.id, { add: [boss!.id] });
      const app = await dir().apps.create({
        name: `Purge app ${database.name}`,
        templateId: 'generic-scim',
        data: {},
      });
      const assignment = await dir().assignments.create({
        appId: app.id,
        principalType: 'user',
        principalId: boss!.id,
        roleId: 'user',
      });
      const head = await dir().changes.head();
      const deleted = await dir().users.softDelete(boss!.id);
      assert.ok(deleted?.deleted);
      assert.equal((await dir().users.softDelete(boss!.id))?.deleted, deleted.deleted);
      assert.equal(
        (await dir().groups.members(group.id))[0]?.deleted,
        true,
        'membership kept, flagged',
      );
      assert.equal((await dir().users.restore(boss!.id))?.deleted, null);
      assert.equal((await dir().users.restore(boss!.id))?.deleted, null);
      assert.equal(await dir().users.softDelete('missing'), undefined);
      assert.equal(await dir().users.restore('missing'), undefined);

      assert.equal(await dir().users.purge(boss!.id), true);
      assert.equal(await dir().users.purge(boss!.id), false);
      assert.equal(await dir().users.get(boss!.id), undefined);
      assert.deepEqual(await dir().groups.members(group.id), []);
      assert.equal(await dir().assignments.get(assignment.id), undefined);
      assert.equal((await dir().users.get(report!.id))?.data.manager, undefined);
      const changes = await feedAfter(store, head);
      assert.deepEqual(brief(changes), [
        'user:deleted',
        'user:restored',
        'membership:removed',
        'assignment:removed',
        'user:updated',
        'user:purged',
      ]);
      assert.deepEqual(changes[2]?.detail, { memberId: boss!.id, memberType: 'user' });
      assert.deepEqual(changes[3]?.detail, {
        appId: app.id,
        principalId: boss!.id,
        principalType: 'user',
        roleId: 'user',
      });
    });

    test('purgeDeletedBefore purges only what was deleted at or before the cutoff', async () => {
      const [old, recent] = await dir().users.create([person('Old'), person('Recent')]);
      const oldDeleted = (await dir().users.softDelete(old!.id))!.deleted!;
      const recentDeleted = (await dir().users.softDelete(recent!.id))!.deleted!;
      assert.ok(recentDeleted > oldDeleted);
      const group = await dir().groups.create({ displayName: 'Old group', securityEnabled: true });
      await dir().groups.softDelete(group.id);
      const purged = await dir().users.purgeDeletedBefore(oldDeleted, 100);
      assert.ok(purged.includes(old!.id));
      assert.ok(!purged.includes(recent!.id));
      assert.ok(await dir().users.get(recent!.id));
      assert.deepEqual(await dir().groups.purgeDeletedBefore(oldDeleted, 100), []);
      assert.deepEqual(
        await dir().groups.purgeDeletedBefore(new Date(clock + 1000).toISOString(), 100),
        [group.id],
      );
    });

    test('groups: create, update with version, list, members (users and nested groups), memberOf', async () => {
      const [ann, bob] = await dir().users.create([person('Ann member'), person('Bob member')]);
      const outer = await dir().groups.create({
        displayName: `Outer ${database.name}`,
        securityEnabled: true,
        description: 'All staff',
        mailNickname: 'outer',
      });
      const inner = await dir().groups.create({
        displayName: `Inner ${database.name}`,
        securityEnabled: false,
      });
      const head = await dir().changes.head();
      const changed = await dir().groups.changeMembers(outer.id, {
        add: [ann!.id, inner.id, ann!.id],
      });
      assert.deepEqual(changed.added.sort(), [ann!.id, inner.id].sort());
      assert.deepEqual(await dir().groups.changeMembers(outer.id, { add: [ann!.id] }), {
        added: [],
        removed: [],
      });
      await dir().groups.changeMembers(inner.id, { add: [bob!.id] });
      const members = await dir().groups.members(outer.id);
      assert.deepEqual(members.map((m) => [m.type, m.displayName]).sort(), [
        ['group', `Inner ${database.name}`],
        ['user', 'Ann member'],
      ]);
      assert.deepEqual(
        (await dir().groups.memberOf(inner.id)).map((g) => g.id),
        [outer.id],
      );
      await assert.rejects(
        dir().groups.changeMembers(outer.id, { add: ['no-such-id'] }),
        (e) => isStoreError(e, 'notFound') && e.subject === 'member',
      );
      await assert.rejects(
        dir().groups.changeMembers('no-such-group', { add: [ann!.id] }),
        (e) => isStoreError(e, 'notFound') && e.subject === 'group',
      );
      const removed = await dir().groups.changeMembers(outer.id, { remove: [ann!.id, bob!.id] });
      assert.deepEqual(removed, { added: [], removed: [ann!.id] });
      const current = await dir().groups.get(outer.id);
      assert.equal(current?.version, 3, 'two effective member changes bump the version twice');
      const renamed = await dir().groups.update({
        id: outer.id,
        data: { ...outer.data, displayName: `Renamed ${database.name}` },
        ifVersion: 3,
      });
      assert.equal(renamed.version, 4);
      await assert.rejects(
        dir().groups.update({ id: outer.id, data: outer.data, ifVersion: 3 }),
        (e) => isStoreError(e, 'conflict') && e.subject === 'version',
      );
      assert.deepEqual(
        (await dir().groups.findByDisplayName(`RENAMED ${database.name}`)).map((g) => g.id),
        [outer.id],
      );
      const page = await dir().groups.list({ search: 'renamed', startIndex: 1, count: 10 });
      assert.deepEqual(
        page.records.map((g) => g.id),
        [outer.id],
      );
      assert.deepEqual(brief(await feedAfter(store, head)), [
        'membership:added',
        'membership:added',
        'membership:added',
        'membership:removed',
        'group:updated',
      ]);
    });

    test('group purge removes its members, its own memberships and assignments', async () => {
      const [ann] = await dir().users.create([person('In purged group')]);
      const parent = await dir().groups.create({ displayName: 'Parent', securityEnabled: true });
      const child = await dir().groups.create({ displayName: 'Child', securityEnabled: true });
      await dir().groups.changeMembers(child.id, { add: [ann!.id] });
      await dir().groups.changeMembers(parent.id, { add: [child.id] });
      const head = await dir().changes.head();
      assert.equal(await dir().groups.purge(child.id), true);
      assert.deepEqual(await dir().groups.members(parent.id), []);
      assert.deepEqual(await dir().groups.memberOf(ann!.id), []);
      assert.deepEqual(brief(await feedAfter(store, head)), [
        'membership:removed',
        'membership:removed',
        'group:purged',
      ]);
    });

    test('apps: names unique case-insensitively; update; delete removes assignments', async () => {
      const name = `Wrike ${database.name}`;
      const app = await dir().apps.create({ name, templateId: 'wrike', data: { roles: ['User'] } });
      assert.deepEqual((await dir().apps.byName(name.toUpperCase()))?.data, { roles: ['User'] });
      await assert.rejects(
        dir().apps.create({ name: name.toLowerCase(), templateId: 'wrike', data: {} }),
        (e) => isStoreError(e, 'conflict') && e.subject === 'name',
      );
      const renamed = await dir().apps.update({
        id: app.id,
        data: { name: `${name} 2`, data: {} },
        ifVersion: 1,
      });
      assert.equal(renamed.version, 2);
      await assert.rejects(
        dir().apps.update({ id: app.id, data: { name, data: {} }, ifVersion: 1 }),
        (e) => isStoreError(e, 'conflict') && e.subject === 'version',
      );
      assert.ok((await dir().apps.list()).some((a) => a.id === app.id));
      const [ann] = await dir().users.create([person('Assigned')]);
      const a = await dir().assignments.create({
        appId: app.id,
        principalType: 'user',
        principalId: ann!.id,
        roleId: 'r1',
      });
      await assert.rejects(
        dir().assignments.create({
          appId: app.id,
          principalType: 'user',
          principalId: ann!.id,
          roleId: 'r1',
        }),
        (e) => isStoreError(e, 'conflict') && e.subject === 'assignment',
      );
      const b = await dir().assignments.create({
        appId: app.id,
        principalType: 'user',
        principalId: ann!.id,
        roleId: 'r2',
      });
      assert.deepEqual(
        (await dir().assignments.list({ appId: app.id })).map((x) => x.id),
        [a.id, b.id],
      );
      assert.deepEqual(
        (await dir().assignments.list({ principalId: ann!.id })).map((x) => x.id),
        [a.id, b.id],
      );
      assert.equal(await dir().assignments.delete(a.id), true);
      assert.equal(await dir().assignments.delete(a.id), false);
      const head = await dir().changes.head();
      assert.equal(await dir().apps.delete(app.id), true);
      assert.equal(await dir().apps.delete(app.id), false);
      assert.deepEqual(await dir().assignments.list({ appId: app.id }), []);
      assert.deepEqual(brief(await feedAfter(store, head)), ['assignment:removed']);
    });

    test('identity admins and tokens: unique emails, attempts, live tokens by hash, revoke', async () => {
      const admin = await dir().admins.create({
        email: `Root-${database.name}@Contoso.test`,
        displayName: 'Root',
        role: 'Global Administrator',
        passwordHash: 'h',
      });
      assert.equal(
        (await dir().admins.byEmail(`root-${database.name}@contoso.TEST`))?.id,
        admin.id,
      );
      assert.equal((await dir().admins.byId(admin.id))?.role, 'Global Administrator');
      await assert.rejects(
        dir().admins.create({ email: admin.email, displayName: 'x', role: 'r', passwordHash: 'h' }),
        (e) => isStoreError(e, 'conflict') && e.subject === 'email',
      );
      await dir().admins.recordAttempt(admin.id, 5, '2026-02-01T00:00:00.000Z');
      assert.equal((await dir().admins.byId(admin.id))?.failedAttempts, 5);
      assert.ok((await dir().admins.list()).some((a) => a.id === admin.id));
      const token = await dir().tokens.create({
        name: 'ci',
        role: 'Global Reader',
        prefix: 'rit_abc',
        createdBy: admin.id,
        hash: `hash-${database.name}`,
      });
      assert.equal((await dir().tokens.byHash(`hash-${database.name}`))?.id, token.id);
      await dir().tokens.touch(token.id, '2026-03-01T00:00:00.000Z');
      assert.equal(
        (await dir().tokens.list()).find((t) => t.id === token.id)?.lastUsed,
        '2026-03-01T00:00:00.000Z',
      );
      assert.equal(await dir().tokens.revoke(token.id), true);
      assert.equal(await dir().tokens.revoke(token.id), false);
      assert.equal(await dir().tokens.byHash(`hash-${database.name}`), undefined);
    });

    test('change feed: since(n, limit) pages exactly the changes after n, numbered without gaps', async () => {
      const start = await dir().changes.head();
      await dir().users.create([person('F1'), person('F2'), person('F3')]);
      const all = await dir().changes.since(start, 100);
      assert.deepEqual(
        all.map((c) => c.sequence),
        [start + 1, start + 2, start + 3],
      );
      assert.deepEqual(
        (await dir().changes.since(start + 1, 1)).map((c) => c.sequence),
        [start + 2],
      );
      assert.deepEqual(await dir().changes.since(start + 3, 10), []);
      assert.equal(await dir().changes.head(), start + 3);
      assert.match(all[0]!.at, /^\d{4}-\d\d-\d\dT/);
    });

    test('change feed under concurrent writers: a polling reader sees every change once, never a gap', async () => {
      const start = await dir().changes.head();
      const group = await dir().groups.create({ displayName: 'Busy', securityEnabled: true });
      const writers = 24;
      let done = false;
      const seen: number[] = [];
      let watermark = start;
      const reader = (async () => {
        for (;;) {
          const finished = done;
          const batch = await dir().changes.since(watermark, 1000);
          for (const change of batch) {
            assert.equal(
              change.sequence,
              watermark + 1,
              'the feed never shows a later change before an earlier one',
            );
            watermark = change.sequence;
            seen.push(change.sequence);
          }
          if (finished && batch.length === 0) return;
          await new Promise((resolve) => setImmediate(resolve));
        }
      })();
      await Promise.all(
        Array.from({ length: writers }, async (_, i) => {
          const [user] = await dir().users.create([person(`Concurrent ${i}`)]);
          await dir().groups.changeMembers(group.id, { add: [user!.id] });
          await dir().users.update([{ id: user!.id, data: { ...user!.data, jobTitle: `T${i}` } }]);
        }),
      );
      done = true;
      await reader;
      const expected = 1 + writers * 3;
      assert.equal(seen.length, expected);
      assert.equal(await dir().changes.head(), start + expected);
    });
  });
}

test('change feed survives a restart (SQLite file): numbering continues, nothing is lost', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-feed-'));
  try {
    const location = path.join(dir, 'roster.db');
    let store = await openSqliteStore({ location });
    await store.directory.users.create([person('Before restart')]);
    const head = await store.directory.changes.head();
    await store.close();
    store = await openSqliteStore({ location });
    await store.directory.users.create([person('After restart')]);
    const changes = await store.directory.changes.since(0, 10);
    assert.deepEqual(
      changes.map((c) => c.sequence),
      [1, 2],
    );
    assert.equal(head, 1);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
