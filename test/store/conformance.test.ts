/**
 * The store conformance suite: every method of the port, run unchanged against each database
 * in ./databases.ts (SQLite in memory; PostgreSQL when DATABASE_URL is set).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createGroupSchema, createUserSchema, parseFilter } from '../../src/scim/index.ts';
import { isStoreError, type ResourceRecord, type Store } from '../../src/store/store.ts';
import { databases } from './databases.ts';

const users = createUserSchema();
const groups = createGroupSchema();
const coreUser = 'urn:ietf:params:scim:schemas:core:2.0:User';
const user = (userName: string, extra: Record<string, unknown> = {}) => ({
  schemas: [coreUser],
  userName,
  ...extra,
});

for (const database of databases) {
  describe(`store conformance (${database.name})`, { skip: database.skip }, () => {
    let store: Store;
    let clock = Date.parse('2026-01-01T00:00:00.000Z');
    before(async () => {
      const tick = () => {
        clock += 1000;
        return new Date(clock);
      };
      store = await database.open({ now: tick });
    });
    after(() => store.close());
    let seq = 0;
    const newTenant = async () =>
      (await store.tenants.create(`t${++seq}-${database.name}`, { groups: true })).id;
    /** `count` users named `<prefix><i>`, created one after another. */
    const createUsers = async (tenantId: string, prefix: string, count: number) => {
      const made: ResourceRecord[] = [];
      for (let i = 0; i < count; i++)
        made.push(await store.resources.create(tenantId, 'User', user(`${prefix}${i}`), users));
      return made;
    };

    test('tenants: create, look up by name and id, list, set profile; names are unique', async () => {
      const tenant = await store.tenants.create('acme-conformance', { groups: false });
      assert.deepEqual(await store.tenants.byName('acme-conformance'), tenant);
      assert.deepEqual((await store.tenants.byId(tenant.id))?.profile, { groups: false });
      await store.tenants.setProfile(tenant.id, { groups: true });
      assert.deepEqual((await store.tenants.byName('acme-conformance'))?.profile, { groups: true });
      assert.ok((await store.tenants.list()).some((t) => t.id === tenant.id));
      await assert.rejects(
        store.tenants.create('acme-conformance', {}),
        (e) => isStoreError(e, 'conflict') && e.subject === 'tenant',
      );
      assert.equal(await store.tenants.byName('nope'), undefined);
    });

    test('admins: create, find by email case-insensitively, record attempts; one email per tenant', async () => {
      const tenantId = await newTenant();
      const admin = await store.admins.create(tenantId, 'Admin@Acme.test', 'hash');
      assert.equal((await store.admins.byEmail(tenantId, 'admin@ACME.test'))?.id, admin.id);
      await store.admins.recordAttempt(admin.id, 3, '2026-01-01T01:00:00.000Z');
      const again = await store.admins.byEmail(tenantId, 'admin@acme.test');
      assert.equal(again?.failedAttempts, 3);
      assert.equal(again?.lockedUntil, '2026-01-01T01:00:00.000Z');
      await assert.rejects(store.admins.create(tenantId, 'admin@acme.test', 'h2'), (e) =>
        isStoreError(e, 'conflict'),
      );
      assert.equal((await store.admins.list(tenantId)).length, 1);
    });

    test('tokens: live tokens are found by hash; revoked ones are not; touch records last use', async () => {
      const tenantId = await newTenant();
      const token = await store.tokens.create(tenantId, 'rst_abcd', 'hash-1');
      assert.equal((await store.tokens.byHash('hash-1'))?.id, token.id);
      await store.tokens.touch(token.id, '2026-02-01T00:00:00.000Z');
      assert.equal((await store.tokens.list(tenantId))[0]?.lastUsed, '2026-02-01T00:00:00.000Z');
      assert.equal(await store.tokens.revoke(tenantId, token.id), true);
      assert.equal(await store.tokens.revoke(tenantId, token.id), false);
      assert.equal(await store.tokens.byHash('hash-1'), undefined);
      assert.ok((await store.tokens.list(tenantId))[0]?.revoked);
    });

    test('resources: create, get, replace with and without version, delete', async () => {
      const tenantId = await newTenant();
      const created = await store.resources.create(
        tenantId,
        'User',
        user('bjensen', { title: 'Guide' }),
        users,
      );
      assert.equal(created.version, 1);
      assert.equal(created.created, created.lastModified);
      assert.deepEqual(
        (await store.resources.get(tenantId, 'User', created.id))?.data,
        created.data,
      );
      assert.equal(
        await store.resources.get(tenantId, 'Group', created.id),
        undefined,
        'kind is part of the key',
      );
      const replaced = await store.resources.replace(
        tenantId,
        'User',
        created.id,
        user('bjensen', { title: 'Lead' }),
        users,
        1,
      );
      assert.equal(replaced.version, 2);
      assert.ok(replaced.lastModified > created.lastModified);
      await assert.rejects(
        store.resources.replace(tenantId, 'User', created.id, user('bjensen'), users, 1),
        (e) => isStoreError(e, 'conflict') && e.subject === 'version',
      );
      assert.equal(
        (await store.resources.replace(tenantId, 'User', created.id, user('bjensen'), users))
          .version,
        3,
      );
      assert.equal(await store.resources.delete(tenantId, 'User', created.id), true);
      assert.equal(await store.resources.delete(tenantId, 'User', created.id), false);
      await assert.rejects(
        store.resources.replace(tenantId, 'User', created.id, user('x'), users),
        (e) => isStoreError(e, 'notFound'),
      );
    });

    test('replace given the previous data rewrites only the indexed columns and values that changed', async () => {
      const tenantId = await newTenant();
      const first = user('Ann@acme.test', {
        externalId: 'e-1',
        displayName: 'Ann',
        title: 'A',
        emails: [{ value: 'ann@home.test' }],
      });
      const created = await store.resources.create(tenantId, 'User', first, users);
      const find = async (filter: string) =>
        (
          await store.resources.query(tenantId, 'User', users, {
            filter: parseFilter(filter),
            startIndex: 1,
            count: 10,
          })
        ).records.map((r) => r.data.title);
      // Only the title: every lookup still finds the user, with the new data.
      const second = { ...first, title: 'B' };
      const titled = await store.resources.replace(
        tenantId,
        'User',
        created.id,
        second,
        users,
        1,
        undefined,
        first,
      );
      assert.equal(titled.version, 2);
      assert.deepEqual(await find('userName eq "ann@ACME.test"'), ['B']);
      assert.deepEqual(await find('externalId eq "e-1"'), ['B']);
      assert.deepEqual(await find('displayName eq "ann"'), ['B']);
      assert.deepEqual(await find('emails.value eq "ANN@home.test"'), ['B']);
      // userName, externalId and the email change, displayName does not.
      const third = {
        ...second,
        userName: 'ann.lee@acme.test',
        externalId: 'e-2',
        title: 'C',
        emails: [{ value: 'ann.lee@work.test' }, { value: 'ann@work.test' }],
      };
      await store.resources.replace(
        tenantId,
        'User',
        created.id,
        third,
        users,
        2,
        undefined,
        second,
      );
      assert.deepEqual(await find('userName eq "ann@acme.test"'), []);
      assert.deepEqual(await find('userName eq "ANN.LEE@acme.test"'), ['C']);
      assert.deepEqual(await find('externalId eq "e-1"'), []);
      assert.deepEqual(await find('externalId eq "e-2"'), ['C']);
      assert.deepEqual(await find('displayName eq "Ann"'), ['C']);
      assert.deepEqual(await find('emails.value eq "ann@home.test"'), []);
      assert.deepEqual(await find('emails.value eq "ann@work.test"'), ['C']);
      assert.deepEqual(await find('emails.value eq "ann.lee@work.test"'), ['C']);
      // A stale version still fails, previous data or not.
      await assert.rejects(
        store.resources.replace(tenantId, 'User', created.id, first, users, 2, undefined, third),
        (e) => isStoreError(e, 'conflict') && e.subject === 'version',
      );
      // The old userName is free again, the new one is taken.
      await store.resources.create(tenantId, 'User', user('ann@acme.test'), users);
      await assert.rejects(
        store.resources.create(tenantId, 'User', user('Ann.Lee@acme.test'), users),
        (e) => isStoreError(e, 'conflict'),
      );
    });
    test('userName is unique per tenant, case-insensitively, also on replace and under concurrency', async () => {
      const tenantId = await newTenant();
      const other = await newTenant();
      const first = await store.resources.create(
        tenantId,
        'User',
        user('Ann.Lee@Acme.test'),
        users,
      );
      await assert.rejects(
        store.resources.create(tenantId, 'User', user('ann.lee@acme.TEST'), users),
        (e) => isStoreError(e, 'conflict') && e.subject === 'userName',
      );
      await store.resources.create(other, 'User', user('ann.lee@acme.test'), users);
      const second = await store.resources.create(tenantId, 'User', user('bob@acme.test'), users);
      await assert.rejects(
        store.resources.replace(tenantId, 'User', second.id, user('ANN.LEE@acme.test'), users),
        (e) => isStoreError(e, 'conflict'),
      );
      const results = await Promise.allSettled(
        Array.from({ length: 20 }, () =>
          store.resources.create(tenantId, 'User', user('race@acme.test'), users),
        ),
      );
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      assert.ok(
        results.every((r) => r.status === 'fulfilled' || isStoreError(r.reason, 'conflict')),
      );
      assert.equal(
        (await store.resources.get(tenantId, 'User', first.id))?.data.userName,
        'Ann.Lee@Acme.test',
      );
    });

    test('createMany inserts a batch in one transaction: all or none', async () => {
      const tenantId = await newTenant();
      const batch = await store.resources.createMany(
        tenantId,
        'User',
        [user('m1', { emails: [{ value: 'm1@x.test' }] }), user('m2'), user('m3')],
        users,
      );
      assert.deepEqual(
        batch.map((r) => r.data.userName),
        ['m1', 'm2', 'm3'],
      );
      assert.equal(new Set(batch.map((r) => r.id)).size, 3);
      const found = await store.resources.query(tenantId, 'User', users, {
        filter: parseFilter('emails.value eq "M1@x.test"'),
        startIndex: 1,
        count: 5,
      });
      assert.deepEqual(
        found.records.map((r) => r.id),
        [batch[0]!.id],
        'index rows are written too',
      );
      await assert.rejects(
        store.resources.createMany(tenantId, 'User', [user('m4'), user('M2')], users),
        (e) => isStoreError(e, 'conflict') && e.subject === 'userName',
      );
      const all = await store.resources.query(tenantId, 'User', users, {
        startIndex: 1,
        count: 10,
      });
      assert.equal(all.totalResults, 3, 'the failed batch left nothing behind');
    });

    test('getUserWithGroups: the user and its groups in id order, names or none', async () => {
      const tenantId = await newTenant();
      const other = await newTenant();
      const a = await store.resources.create(tenantId, 'User', user('a'), users);
      const lonely = await store.resources.create(tenantId, 'User', user('lonely'), users);
      const named = await store.resources.create(tenantId, 'Group', { displayName: 'Zed' }, groups);
      const unnamed = await store.resources.create(tenantId, 'Group', {}, groups);
      for (const g of [named, unnamed])
        await store.resources.changeMembers(tenantId, g.id, { add: [a.id] });
      const found = await store.resources.getUserWithGroups(tenantId, a.id);
      assert.deepEqual(found?.record, await store.resources.get(tenantId, 'User', a.id));
      const expected = [
        { value: named.id, type: 'Group', display: 'Zed' },
        { value: unnamed.id, type: 'Group' },
      ].sort((x, y) => (x.value < y.value ? -1 : 1));
      assert.deepEqual(found?.groups, expected);
      assert.deepEqual(found?.groups, await store.resources.groupsOf(tenantId, a.id));
      assert.deepEqual((await store.resources.getUserWithGroups(tenantId, lonely.id))?.groups, []);
      assert.equal(
        await store.resources.getUserWithGroups(tenantId, named.id),
        undefined,
        'a group',
      );
      assert.equal(
        await store.resources.getUserWithGroups(other, a.id),
        undefined,
        'another tenant',
      );
      assert.equal(await store.resources.getUserWithGroups(tenantId, 'no-such-id'), undefined);
    });

    test('query withGroups: every listed user comes with its groups, on every path', async () => {
      const tenantId = await newTenant();
      const made = [];
      for (const name of ['a', 'b', 'c'])
        made.push(await store.resources.create(tenantId, 'User', user(name), users));
      const g = await store.resources.create(tenantId, 'Group', { displayName: 'G' }, groups);
      await store.resources.changeMembers(tenantId, g.id, { add: [made[0]!.id, made[2]!.id] });
      const expected = async (page: { records: { id: string }[] }) =>
        new Map(
          await Promise.all(
            page.records.map(
              async (r) => [r.id, await store.resources.groupsOf(tenantId, r.id)] as const,
            ),
          ),
        );
      for (const query of [
        { filter: parseFilter('userName eq "A"'), startIndex: 1, count: 10 },
        { filter: parseFilter('userName sw "b"'), startIndex: 1, count: 10 },
        { startIndex: 2, count: 10 },
        { cursor: '', startIndex: 1, count: 2 },
      ]) {
        const page = await store.resources.query(tenantId, 'User', users, {
          ...query,
          withGroups: true,
        });
        assert.ok(page.records.length > 0);
        assert.deepEqual(page.groups, await expected(page), JSON.stringify(query));
        const plain = await store.resources.query(tenantId, 'User', users, query);
        assert.equal(plain.groups, undefined, 'only when asked');
        assert.deepEqual(plain.records, page.records);
      }
      const [first] = (
        await store.resources.query(tenantId, 'User', users, {
          filter: parseFilter('userName eq "a"'),
          startIndex: 1,
          count: 1,
          withGroups: true,
        })
      ).records;
      assert.equal(first?.id, made[0]!.id);
    });

    test('reads asked in one turn each get their own answer (PostgreSQL batches them)', async () => {
      const tenantId = await newTenant();
      const other = await newTenant();
      const made = await createUsers(tenantId, 'batch', 450);
      const stranger = await store.resources.create(other, 'User', user('batch0'), users);
      const g = await store.resources.create(tenantId, 'Group', { displayName: 'B' }, groups);
      await store.resources.changeMembers(tenantId, g.id, { add: [made[1]!.id] });
      const expected = await Promise.all(
        made.map(async (u) => ({
          record: u,
          groups: await store.resources.groupsOf(tenantId, u.id),
        })),
      );
      const lookup = (tenant: string, name: string, withGroups: boolean) =>
        store.resources.query(tenant, 'User', users, {
          filter: parseFilter(`userName eq "${name}"`),
          startIndex: 1,
          count: 10,
          withGroups,
        });
      // More keys than one statement takes, duplicates, misses, the wrong kind or tenant.
      const [withGroups, byId, twice, wrongKind, foreign, missing, names, stranded, noGroups] =
        await Promise.all([
          Promise.all(made.map((u) => store.resources.getUserWithGroups(tenantId, u.id))),
          Promise.all(made.map((u) => store.resources.get(tenantId, 'User', u.id))),
          Promise.all([1, 1].map((i) => store.resources.getUserWithGroups(tenantId, made[i]!.id))),
          store.resources.get(tenantId, 'Group', made[0]!.id),
          store.resources.get(tenantId, 'User', stranger.id),
          store.resources.getUserWithGroups(tenantId, 'no-such-id'),
          Promise.all(made.map((_, i) => lookup(tenantId, `BATCH${i}`, true))),
          lookup(other, 'batch1', true),
          lookup(tenantId, 'batch1', false),
        ]);
      assert.deepEqual(withGroups, expected);
      assert.deepEqual(byId, made);
      assert.deepEqual(twice, [expected[1], expected[1]]);
      assert.deepEqual(twice[0]?.groups, [{ value: g.id, type: 'Group', display: 'B' }]);
      assert.equal(wrongKind, undefined);
      assert.equal(foreign, undefined);
      assert.equal(missing, undefined);
      names.forEach((page, i) => {
        assert.equal(page.totalResults, 1);
        assert.deepEqual(page.records, [made[i]]);
        assert.deepEqual(page.groups, new Map([[made[i]!.id, expected[i]!.groups]]));
      });
      assert.deepEqual(stranded, { totalResults: 0, records: [], groups: new Map() });
      assert.deepEqual(noGroups, { totalResults: 1, records: [made[1]] });
    });

    test('replaces asked in one turn each land or miss on their own (PostgreSQL batches them)', async () => {
      const tenantId = await newTenant();
      const made = await createUsers(tenantId, 'w', 250);
      const gone = made.pop()!;
      await store.resources.delete(tenantId, 'User', gone.id);
      // A title PATCH: the previous data given, no indexed column or value row changes.
      const titled = (r: ResourceRecord, title: string, version = r.version) =>
        store.resources.replace(
          tenantId,
          'User',
          r.id,
          { ...r.data, title },
          users,
          version,
          undefined,
          r.data,
        );
      const outcomes = await Promise.allSettled([
        ...made.map((r, i) => titled(r, `t${i}`)),
        titled(made[0]!, 'same version again'),
        titled(made[1]!, 'stale', made[1]!.version - 1),
        titled(gone, 'deleted'),
      ]);
      const [again, stale, deleted] = outcomes.slice(made.length);
      made.forEach((r, i) => {
        const outcome = outcomes[i]!;
        if (i === 0 && outcome.status === 'rejected') return; // `again` may have won instead
        assert.equal(outcome.status, 'fulfilled', `replace ${i}`);
        if (outcome.status !== 'fulfilled') return;
        assert.equal(outcome.value.version, r.version + 1);
        assert.equal(outcome.value.data.title, `t${i}`);
      });
      // Two replaces of one user from the same version: exactly one lands.
      const first = [outcomes[0]!, again!].filter((o) => o.status === 'fulfilled');
      assert.equal(first.length, 1);
      const loser = [outcomes[0]!, again!].find((o) => o.status === 'rejected');
      assert.ok(
        loser?.status === 'rejected' &&
          isStoreError(loser.reason, 'conflict') &&
          loser.reason.subject === 'version',
      );
      assert.ok(
        stale?.status === 'rejected' &&
          isStoreError(stale.reason, 'conflict') &&
          stale.reason.subject === 'version',
      );
      assert.ok(deleted?.status === 'rejected' && isStoreError(deleted.reason, 'notFound'));
      const stored = await Promise.all(
        made.map((r) => store.resources.get(tenantId, 'User', r.id)),
      );
      stored.forEach((r, i) => {
        assert.equal(r?.version, made[i]!.version + 1);
        if (i > 0) assert.equal(r?.data.title, `t${i}`);
      });
    });

    test('creates asked in one turn each land or fail on their own (PostgreSQL batches them)', async () => {
      const tenantId = await newTenant();
      const other = await newTenant();
      await store.resources.create(tenantId, 'User', user('taken'), users);
      await store.resources.create(other, 'User', user('c0'), users);
      const withEmail = (i: number) =>
        user(`c${i}`, { emails: [{ value: `c${i}@mail.test` }], externalId: `x${i}` });
      // One turn of creates that all succeed (on PostgreSQL: one statement).
      const made = await Promise.all(
        Array.from({ length: 250 }, (_, i) =>
          store.resources.create(tenantId, 'User', withEmail(i), users),
        ),
      );
      for (const [i, record] of made.entries()) {
        assert.equal(record.version, 1);
        assert.equal(record.data.userName, `c${i}`);
        assert.deepEqual(await store.resources.get(tenantId, 'User', record.id), record);
      }
      // One turn with conflicts among them: only those fail.
      const [taken, twice, Twice, fine, group] = await Promise.allSettled([
        store.resources.create(tenantId, 'User', user('TAKEN'), users),
        store.resources.create(tenantId, 'User', user('twice'), users),
        store.resources.create(tenantId, 'User', user('Twice'), users),
        store.resources.create(tenantId, 'User', user('fine'), users),
        store.resources.create(tenantId, 'Group', { displayName: 'made with users' }, groups),
      ]);
      const conflict = (o: PromiseSettledResult<unknown> | undefined) =>
        o?.status === 'rejected' &&
        isStoreError(o.reason, 'conflict') &&
        o.reason.subject === 'userName';
      assert.ok(conflict(taken), 'a taken userName');
      assert.equal([twice, Twice].filter(conflict).length, 1, 'one of two alike names');
      assert.equal([twice, Twice].filter((o) => o?.status === 'fulfilled').length, 1);
      assert.equal(fine?.status, 'fulfilled');
      assert.equal(group?.status, 'fulfilled');
      // The value rows and indexed columns were written with each row.
      for (const filter of [
        'emails.value eq "c7@mail.test"',
        'externalId eq "x7"',
        'userName eq "C7"',
      ]) {
        const page = await store.resources.query(tenantId, 'User', users, {
          filter: parseFilter(filter),
          startIndex: 1,
          count: 10,
        });
        assert.deepEqual(
          page.records.map((r) => r.data.userName),
          ['c7'],
          filter,
        );
      }
    });

    test('member additions to one group in one turn: each lands with a version of its own (PostgreSQL batches them)', async () => {
      const tenantId = await newTenant();
      const g = await store.resources.create(tenantId, 'Group', { displayName: 'G' }, groups);
      const made = await createUsers(tenantId, 'm', 120);
      const add = (ids: string[], group = g.id) =>
        store.resources.changeMembers(tenantId, group, { add: ids });
      const answers = await Promise.all([
        ...made.map((u) => add([u.id])),
        add([made[0]!.id, made[1]!.id]), // already members by then, or added here: both fine
      ]);
      const versions = answers.map((r) => r.version).sort((a, b) => a - b);
      assert.deepEqual(
        versions,
        answers.map((_, i) => g.version + i + 1),
        'one version per change',
      );
      assert.equal((await store.resources.get(tenantId, 'Group', g.id))?.version, versions.at(-1));
      assert.deepEqual(
        (await store.resources.members(tenantId, g.id)).map((m) => m.value).sort(),
        made.map((u) => u.id).sort(),
      );
      // A missing member fails its own change only; a missing group fails alone too.
      const more = [];
      for (let i = 0; i < 3; i++)
        more.push(await store.resources.create(tenantId, 'User', user(`n${i}`), users));
      const [good, missing, alsoGood, noGroup] = await Promise.allSettled([
        add([more[0]!.id]),
        add([more[1]!.id, 'no-such-user']),
        add([more[2]!.id]),
        add([more[0]!.id], 'no-such-group'),
      ]);
      assert.equal(good.status, 'fulfilled');
      assert.equal(alsoGood.status, 'fulfilled');
      assert.ok(
        missing.status === 'rejected' &&
          isStoreError(missing.reason, 'notFound') &&
          missing.reason.subject === 'member',
      );
      assert.ok(noGroup.status === 'rejected' && isStoreError(noGroup.reason, 'notFound'));
      const members = new Set((await store.resources.members(tenantId, g.id)).map((m) => m.value));
      assert.ok(members.has(more[0]!.id) && members.has(more[2]!.id));
      assert.equal(members.has(more[1]!.id), false, 'nothing of the failed change');
    });

    test('member removals in one turn, beside additions: each with a version of its own', async () => {
      const tenantId = await newTenant();
      const g = await store.resources.create(tenantId, 'Group', { displayName: 'R' }, groups);
      const made = await createUsers(tenantId, 'r', 80);
      const start = await store.resources.changeMembers(tenantId, g.id, {
        add: made.slice(0, 60).map((u) => u.id),
      });
      const change = (c: { add?: string[]; remove?: string[] }, group = g.id) =>
        store.resources.changeMembers(tenantId, group, c);
      // Remove 0–39 (one twice, one never a member), add 60–79, all in one turn.
      const answers = await Promise.all([
        ...made.slice(0, 40).map((u) => change({ remove: [u.id] })),
        change({ remove: [made[0]!.id, made[70]!.id] }),
        ...made.slice(60).map((u) => change({ add: [u.id] })),
      ]);
      assert.deepEqual(
        answers.map((r) => r.version).sort((a, b) => a - b),
        answers.map((_, i) => start.version + i + 1),
        'one version per change',
      );
      const members = (await store.resources.members(tenantId, g.id)).map((m) => m.value).sort();
      assert.deepEqual(
        members,
        made
          .slice(40)
          .map((u) => u.id)
          .sort(),
      );
      await assert.rejects(change({ remove: [made[41]!.id] }, 'no-such-group'), (e) =>
        isStoreError(e, 'notFound'),
      );
    });

    test('members: deltas, removeAll, unknown ids, groupsOf, delete cascades and bumps versions', async () => {
      const tenantId = await newTenant();
      const a = await store.resources.create(
        tenantId,
        'User',
        user('a', { displayName: 'Ann' }),
        users,
      );
      const b = await store.resources.create(tenantId, 'User', user('b'), users);
      const g = await store.resources.create(tenantId, 'Group', { displayName: 'Guides' }, groups);
      const nested = await store.resources.create(
        tenantId,
        'Group',
        { displayName: 'Inner' },
        groups,
      );
      let group = await store.resources.changeMembers(tenantId, g.id, {
        add: [a.id, b.id, nested.id, a.id],
      });
      assert.equal(group.version, 2);
      const members = await store.resources.members(tenantId, g.id);
      assert.deepEqual(members.map((m) => m.type).sort(), ['Group', 'User', 'User']);
      assert.equal(members.find((m) => m.value === a.id)?.display, 'Ann');
      assert.deepEqual(
        (await store.resources.groupsOf(tenantId, a.id)).map((m) => [m.value, m.display]),
        [[g.id, 'Guides']],
      );
      group = await store.resources.changeMembers(tenantId, g.id, { add: [a.id] });
      assert.equal(
        (await store.resources.members(tenantId, g.id)).length,
        3,
        'adding a present member changes nothing',
      );
      await assert.rejects(
        store.resources.changeMembers(tenantId, g.id, { add: ['no-such-id'] }),
        (e) =>
          isStoreError(e, 'notFound') && e.subject === 'member' && /no-such-id/.test(e.message),
      );
      assert.equal(
        (await store.resources.members(tenantId, g.id)).length,
        3,
        'a failed change applies nothing',
      );
      assert.equal((await store.resources.get(tenantId, 'Group', g.id))!.version, group.version);
      await assert.rejects(
        store.resources.changeMembers(tenantId, g.id, { add: [nested.id, 'gone'] }, group.version),
        (e) => isStoreError(e, 'notFound') && e.subject === 'member' && /"gone"/.test(e.message),
      );
      await assert.rejects(
        store.resources.changeMembers(tenantId, g.id, { add: [a.id] }, group.version - 1),
        (e) => isStoreError(e, 'conflict') && e.subject === 'version',
      );
      await assert.rejects(
        store.resources.changeMembers(tenantId, g.id, { remove: [b.id] }, 1),
        (e) => isStoreError(e, 'conflict') && e.subject === 'version',
      );
      await store.resources.changeMembers(tenantId, g.id, { remove: [b.id] });
      assert.deepEqual(
        (await store.resources.members(tenantId, g.id)).map((m) => m.value).sort(),
        [a.id, nested.id].sort(),
      );
      const before = (await store.resources.get(tenantId, 'Group', g.id))!.version;
      await store.resources.delete(tenantId, 'User', a.id);
      assert.deepEqual(
        (await store.resources.members(tenantId, g.id)).map((m) => m.value),
        [nested.id],
      );
      assert.ok((await store.resources.get(tenantId, 'Group', g.id))!.version > before);
      await store.resources.changeMembers(tenantId, g.id, { removeAll: true, add: [b.id] });
      assert.deepEqual(
        (await store.resources.members(tenantId, g.id)).map((m) => m.value),
        [b.id],
      );
      await assert.rejects(
        store.resources.changeMembers(tenantId, 'missing', { add: [b.id] }),
        (e) => isStoreError(e, 'notFound'),
      );
    });

    test('replace with member deltas is one transaction; delete honours a version', async () => {
      const tenantId = await newTenant();
      const a = await store.resources.create(tenantId, 'User', user('atomic-a'), users);
      const g = await store.resources.create(tenantId, 'Group', { displayName: 'Before' }, groups);
      const renamed = await store.resources.replace(
        tenantId,
        'Group',
        g.id,
        { displayName: 'After' },
        groups,
        g.version,
        { add: [a.id] },
      );
      assert.equal(renamed.data.displayName, 'After');
      assert.deepEqual(
        (await store.resources.members(tenantId, g.id)).map((m) => m.value),
        [a.id],
      );
      await assert.rejects(
        store.resources.replace(
          tenantId,
          'Group',
          g.id,
          { displayName: 'Lost' },
          groups,
          renamed.version,
          { add: ['nobody'] },
        ),
        (e) => isStoreError(e, 'notFound') && e.subject === 'member',
      );
      const after = await store.resources.get(tenantId, 'Group', g.id);
      assert.equal(
        after?.data.displayName,
        'After',
        'a failed member delta rolls the data change back',
      );
      assert.equal(after?.version, renamed.version);
      await assert.rejects(
        store.resources.delete(tenantId, 'Group', g.id, renamed.version - 1),
        (e) => isStoreError(e, 'conflict') && e.subject === 'version',
      );
      assert.ok(
        await store.resources.get(tenantId, 'Group', g.id),
        'a stale delete deletes nothing',
      );
      assert.equal(await store.resources.delete(tenantId, 'Group', 'missing', 1), false);
      assert.equal(await store.resources.delete(tenantId, 'Group', g.id, renamed.version), true);
    });

    test('concurrent member additions to one group all land', async () => {
      const tenantId = await newTenant();
      const g = await store.resources.create(tenantId, 'Group', { displayName: 'Busy' }, groups);
      const people = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          store.resources.create(tenantId, 'User', user(`p${i}`), users),
        ),
      );
      await Promise.all(
        people.map((p) => store.resources.changeMembers(tenantId, g.id, { add: [p.id] })),
      );
      assert.equal((await store.resources.members(tenantId, g.id)).length, 100);
      assert.equal((await store.resources.get(tenantId, 'Group', g.id))!.version, 101);
    });

    test('a 20,000-member group: one more member is a delta; filters on members use rows', async () => {
      const tenantId = await newTenant();
      const g = await store.resources.create(tenantId, 'Group', { displayName: 'All' }, groups);
      const ids: string[] = [];
      for (let i = 0; i < 20_000; i += 50) {
        const batch = Array.from({ length: 50 }, (_, j) =>
          store.resources.create(tenantId, 'User', user(`bulk${i + j}`), users),
        );
        for (const record of await Promise.all(batch)) ids.push(record.id);
      }
      await store.resources.changeMembers(tenantId, g.id, { add: ids.slice(0, 19_999) });
      await store.resources.changeMembers(tenantId, g.id, { add: [ids[19_999]!] });
      const page = await store.resources.query(tenantId, 'Group', groups, {
        filter: parseFilter(`members.value eq "${ids[19_999]}"`),
        startIndex: 1,
        count: 10,
      });
      assert.deepEqual(
        page.records.map((r) => r.id),
        [g.id],
      );
      assert.equal((await store.resources.members(tenantId, g.id)).length, 20_000);
    });

    test('query: filter, sort over the whole set, offset pages and cursor pages see each row once', async () => {
      const tenantId = await newTenant();
      const names = ['delta', 'Alpha', 'charlie', 'Bravo', 'echo', 'foxtrot', 'golf'];
      for (const [i, name] of names.entries()) {
        await store.resources.create(
          tenantId,
          'User',
          user(name, i % 2 ? { title: `T${i}` } : {}),
          users,
        );
      }
      const all = await store.resources.query(tenantId, 'User', users, {
        sortBy: { name: 'userName' },
        startIndex: 1,
        count: 100,
      });
      assert.deepEqual(
        all.records.map((r) => r.data.userName),
        ['Alpha', 'Bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf'],
      );
      const second = await store.resources.query(tenantId, 'User', users, {
        sortBy: { name: 'userName' },
        sortOrder: 'descending',
        startIndex: 3,
        count: 2,
      });
      assert.equal(second.totalResults, 7);
      assert.deepEqual(
        second.records.map((r) => r.data.userName),
        ['echo', 'delta'],
      );
      const byTitle = await store.resources.query(tenantId, 'User', users, {
        sortBy: { name: 'title' },
        startIndex: 1,
        count: 100,
      });
      assert.deepEqual(
        byTitle.records.map((r) => r.data.title ?? null),
        ['T1', 'T3', 'T5', null, null, null, null],
        'missing values sort last',
      );
      for (const sortOrder of ['ascending', 'descending'] as const) {
        const seen: string[] = [];
        let cursor: string | undefined = '';
        while (cursor !== undefined) {
          const page = await store.resources.query(tenantId, 'User', users, {
            sortBy: { name: 'title' },
            sortOrder,
            startIndex: 1,
            count: 2,
            cursor,
          });
          seen.push(...page.records.map((r) => r.data.userName as string));
          cursor = page.nextCursor;
        }
        assert.equal(seen.length, 7);
        assert.equal(new Set(seen).size, 7);
      }
      const filtered = await store.resources.query(tenantId, 'User', users, {
        filter: parseFilter('title pr and userName gt "b"'),
        startIndex: 1,
        count: 100,
      });
      assert.deepEqual(filtered.records.map((r) => r.data.userName).sort(), ['Bravo', 'foxtrot']);
      const none = await store.resources.query(tenantId, 'User', users, {
        startIndex: 1,
        count: 0,
      });
      assert.equal(none.totalResults, 7);
      assert.deepEqual(none.records, []);
      await assert.rejects(
        store.resources.query(tenantId, 'User', users, {
          startIndex: 1,
          count: 2,
          cursor: 'garbage!',
        }),
        /not one this server issued/,
      );
    });

    test('tenants never see each other: get, query, members, delete', async () => {
      const a = await newTenant();
      const b = await newTenant();
      const mine = await store.resources.create(a, 'User', user('same'), users);
      await store.resources.create(b, 'User', user('same'), users);
      assert.equal(await store.resources.get(b, 'User', mine.id), undefined);
      assert.equal(await store.resources.delete(b, 'User', mine.id), false);
      const page = await store.resources.query(b, 'User', users, {
        filter: parseFilter(`id eq "${mine.id}"`),
        startIndex: 1,
        count: 10,
      });
      assert.equal(page.totalResults, 0);
      const g = await store.resources.create(b, 'Group', { displayName: 'B' }, groups);
      await assert.rejects(store.resources.changeMembers(b, g.id, { add: [mine.id] }), (e) =>
        isStoreError(e, 'notFound'),
      );
    });
  });
}
