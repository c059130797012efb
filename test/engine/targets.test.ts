/**
 * The engine against targets that differ: Wrike (users only, matched by email, approved domains,
 * 400 requests a minute), a target used through /Bulk, bad credentials; and the job-level
 * behaviours: dry run, per-object failures that never stop a cycle, the accidental-deletion
 * threshold, nested groups flattened.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createEngineHarness, enterprise } from './support.ts';

test('Wrike: users only (an assigned group provisions its members), matched by email; a refused user fails alone', async (t) => {
  const h = await createEngineHarness({
    template: 'wrike',
    strict: true,
    profile: { groups: false, userNameIsEmail: true, allowedEmailDomains: ['contoso.test'] },
  });
  t.after(() => h.close());
  const job = await h.provisioning.jobs.get(h.app.id);
  assert.deepEqual(job.limits, { requestsPerMinute: 400, groups: false, bulk: false });

  // On Wrike already, under the email (Wrike's userName): matched, not duplicated.
  const existing = await h.scim.request('https://roster.test/scim/v2/acme/Users', {
    method: 'POST',
    headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/scim+json' },
    body: JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: 'ann.lee@contoso.test',
      emails: [{ type: 'work', value: 'ann.lee@contoso.test', primary: true }],
    }),
  });
  assert.equal(existing.status, 201);
  const ann = await h.addUser('ann@corp.contoso.test', {
    mail: 'ann.lee@contoso.test',
    givenName: 'Ann',
  });
  const bob = await h.addUser('bob@contoso.test');
  const zed = await h.addUser('zed@contoso.test', { mail: 'zed@elsewhere.test' });
  const team = await h.directory.groups.add({ displayName: 'Team', securityEnabled: true });
  await h.directory.groups.addMembers(team.id, [ann.id, bob.id, zed.id]);
  await h.assign('group', team.id);

  const report = await h.run();
  assert.deepEqual(await h.brief(report), [
    'Create/Failure zed@contoso.test',
    'Create/Success bob@contoso.test',
    'Update/Success ann@corp.contoso.test',
  ]);
  const users = await h.targetUsers();
  assert.deepEqual(users.map((u) => u.userName).sort(), [
    'ann.lee@contoso.test',
    'bob@contoso.test',
  ]);
  assert.equal(users.find((u) => u.userName === 'ann.lee@contoso.test')!.name !== undefined, true);
  assert.ok(!h.strict!.requests.some((r) => r.includes('/Groups')), 'Wrike never sees a group');

  const failure = (await h.logsOf(report)).find((e) => e.sourceIdentity === 'zed@contoso.test')!;
  assert.equal(failure.errorCode, 'TargetRejected');
  assert.match(failure.reason ?? '', /elsewhere\.test/);
  assert.ok(failure.recommendedAction);
  const escrows = await h.store.provisioning.escrows.list(h.app.id, 10);
  assert.deepEqual(
    escrows.map((e) => [e.sourceId, e.attempts, e.kind, e.errorCode]),
    [[zed.id, 1, 'rejected', 'TargetRejected']],
  );

  // Fixing the data fixes the object; its escrow goes away.
  await h.directory.users.update(zed.id, { mail: 'zed@contoso.test' });
  const again = await h.run();
  assert.deepEqual(await h.brief(again), ['Create/Success zed@contoso.test']);
  assert.equal(await h.store.provisioning.escrows.count(h.app.id), 0);

  // A group mapping is refused for a users-only target.
  const mappings = await h.provisioning.jobs.getMappings(h.app.id);
  await assert.rejects(
    h.provisioning.jobs.setMappings(h.app.id, {
      objectMappings: [
        ...mappings.objectMappings,
        {
          name: 'Provision groups',
          source: 'group',
          target: 'Group',
          enabled: true,
          actions: ['create'],
          attributeMappings: [
            { type: 'direct', source: 'displayName', target: 'displayName', matchingPrecedence: 1 },
          ],
        },
      ],
    }),
    /syncs users only/,
  );
});

test('Bulk: with useBulk and a target that advertises it, writes go as /Bulk requests', async (t) => {
  const h = await createEngineHarness({ strict: true, settings: { useBulk: true, scope: 'all' } });
  t.after(() => h.close());
  const boss = await h.addUser('boss@contoso.test');
  const users = [boss];
  for (let i = 0; i < 6; i++)
    users.push(await h.addUser(`u${i}@contoso.test`, { manager: boss.id }));
  const group = await h.directory.groups.add({ displayName: 'All', securityEnabled: true });
  await h.directory.groups.addMembers(
    group.id,
    users.map((u) => u.id),
  );
  const report = await h.run();
  assert.equal(report.counts.Create, 8);
  assert.deepEqual(h.strict!.violations, []);
  const posts = h.strict!.requests.filter((r) => r.startsWith('POST'));
  assert.ok(
    posts.every((r) => r.endsWith('/Bulk')),
    posts.join('\n'),
  );
  assert.equal((await h.targetUsers()).length, 7);
  assert.equal(h.memberIds(await h.groupNamed('All')).length, 7);
  const target = await h.targetUsers();
  const bossId = target.find((u) => u.userName === 'boss@contoso.test')!.id;
  for (const u of target.filter((x) => x.userName !== 'boss@contoso.test'))
    assert.equal((u[enterprise] as { manager: { value: string } }).manager.value, bossId);
});

test('dry run: reports what the cycle would do, writes nothing to the target or the job', async (t) => {
  const h = await createEngineHarness({ strict: true });
  t.after(() => h.close());
  const ann = await h.addUser('ann@contoso.test');
  const bob = await h.addUser('bob@contoso.test', { manager: ann.id });
  const group = await h.directory.groups.add({ displayName: 'G', securityEnabled: true });
  await h.directory.groups.addMembers(group.id, [ann.id, bob.id]);
  await h.assign('group', group.id);
  const dry = await h.run('succeeded', true);
  assert.equal(dry.dryRun, true);
  assert.equal(dry.kind, 'initial');
  assert.equal(dry.counts.Create, 3);
  assert.deepEqual(
    dry.entries!.map((e) => `${e.action} ${e.sourceIdentity}`).sort(),
    // ann (bob's manager) goes first, so bob is created with his manager; the group's members
    // are added by the reference pass.
    ['Create G', 'Create ann@contoso.test', 'Create bob@contoso.test', 'Update G'],
  );
  assert.deepEqual(await h.targetUsers(), []);
  assert.ok(!h.strict!.requests.some((r) => !r.startsWith('GET')), 'only reads');
  const status = await h.provisioning.status(h.app.id);
  assert.equal(status.initialPending, true);
  assert.equal(status.links.users, 0);
  assert.equal((await h.provisioning.logs(h.app.id, {})).entries.length, 0);
  const real = await h.run();
  assert.equal(real.counts.Create, 3);
});

test('bad credentials stop the cycle (Unauthorized); Test Connection explains', async (t) => {
  const h = await createEngineHarness();
  t.after(() => h.close());
  await h.addUser('ann@contoso.test');
  await h.provisioning.jobs.updateSettings(h.app.id, { scope: 'all' });
  await h.provisioning.jobs.setCredentials(h.app.id, {
    tenantUrl: 'https://roster.test/scim/v2/acme',
    secretToken: 'wrong-token',
  });
  const probe = await h.provisioning.jobs.testConnection(h.app.id);
  assert.equal(probe.ok, false);
  assert.match(probe.message, /check the Secret Token/);
  const report = await h.run('failed');
  assert.match(report.error ?? '', /401/);
  const status = await h.provisioning.status(h.app.id);
  assert.equal(status.lastCycle?.status, 'failed');
  assert.equal(status.initialPending, true, 'the initial cycle is still to come');
  assert.equal(await h.store.provisioning.escrows.count(h.app.id), 0, 'a stop is not an escrow');
});

test('accidental deletions: over the threshold the cycle is held and logs StagedDelete; allow deletes lets them through', async (t) => {
  const h = await createEngineHarness({ settings: { deletionThreshold: 2 } });
  t.after(() => h.close());
  const users = [];
  for (const name of ['a', 'b', 'c']) {
    const user = await h.addUser(`${name}@contoso.test`);
    users.push(user);
    await h.assign('user', user.id);
  }
  await h.run();
  for (const a of await h.directory.assignments.list(h.app.id))
    await h.directory.assignments.unassign(h.app.id, a.id);
  const held = await h.run('held');
  assert.match(held.error ?? '', /TooManyDeletes/);
  assert.deepEqual(await h.brief(held), [
    'StagedDelete/Skipped a@contoso.test',
    'StagedDelete/Skipped b@contoso.test',
    'StagedDelete/Skipped c@contoso.test',
  ]);
  assert.ok(
    (await h.targetUsers()).every((u) => u.active === true),
    'nothing disabled',
  );
  const status = await h.provisioning.status(h.app.id);
  assert.equal(status.state, 'held');
  assert.equal(status.hold?.count, 3);

  await h.provisioning.jobs.allowDeletes(h.app.id);
  const through = await h.run();
  assert.equal(through.counts.Disable, 3);
  assert.ok((await h.targetUsers()).every((u) => u.active === false));
});

test('nested groups: left out by default (as Entra), provisioned as members of the assigned group when flattened', async (t) => {
  const h = await createEngineHarness({ strict: true });
  t.after(() => h.close());
  const outer = await h.directory.groups.add({ displayName: 'Outer', securityEnabled: true });
  const inner = await h.directory.groups.add({ displayName: 'Inner', securityEnabled: true });
  const ann = await h.addUser('ann@contoso.test');
  const bob = await h.addUser('bob@contoso.test');
  await h.directory.groups.addMembers(inner.id, [bob.id]);
  await h.directory.groups.addMembers(outer.id, [ann.id, inner.id]);
  await h.assign('group', outer.id);
  await h.run();
  assert.deepEqual(
    (await h.targetUsers()).map((u) => u.userName),
    ['ann@contoso.test'],
  );

  await h.provisioning.jobs.updateSettings(h.app.id, { flattenNestedGroups: true });
  const report = await h.run();
  assert.equal(report.kind, 'initial', 'what is in scope changed');
  assert.deepEqual((await h.targetUsers()).map((u) => u.userName).sort(), [
    'ann@contoso.test',
    'bob@contoso.test',
  ]);
  const users = await h.targetUsers();
  assert.deepEqual(
    h.memberIds(await h.groupNamed('Outer')),
    users.map((u) => u.id as string).sort(),
  );
  assert.equal(await h.groupNamed('Inner'), undefined);

  // A change deep down reaches the flattened group.
  const carl = await h.addUser('carl@contoso.test');
  await h.directory.groups.addMembers(inner.id, [carl.id]);
  await h.run();
  const carlOnTarget = (await h.targetUsers()).find((u) => u.userName === 'carl@contoso.test');
  assert.ok(carlOnTarget);
  assert.ok(h.memberIds(await h.groupNamed('Outer')).includes(carlOnTarget.id as string));
  assert.deepEqual(h.strict!.violations, []);
});
