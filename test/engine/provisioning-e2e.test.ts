/**
 * Provisioning end to end, both sides in one process: the directory → the engine → Roster's
 * own SCIM app (through the strict RFC target). Initial cycle (create, match, manager, group
 * members), then incremental cycles for each kind of change, each checked on the target and in
 * the provisioning log.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createEngineHarness, enterprise } from './support.ts';

type Harness = Awaited<ReturnType<typeof createEngineHarness>>;

describe('provisioning into Roster, end to end (generic SCIM template, strict target)', () => {
  let h: Harness;
  const ids: Record<string, string> = {};
  before(async () => {
    h = await createEngineHarness({ strict: true });
  });
  after(() => h.close());

  test('initial cycle: create, match an existing user, manager link, group with its members', async () => {
    // bob is already on the target, unlinked: matching by userName finds him.
    const existing = await h.scim.request('https://roster.test/scim/v2/acme/Users', {
      method: 'POST',
      headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'BOB@contoso.test',
        nickName: 'kept',
      }),
    });
    assert.equal(existing.status, 201);
    const bob = await h.addUser('bob@contoso.test', { jobTitle: 'Lead' });
    const ann = await h.addUser('ann@contoso.test', { manager: bob.id, department: 'Sales' });
    const carl = await h.addUser('carl@contoso.test');
    const dave = await h.addUser('dave@contoso.test');
    const eve = await h.addUser('eve@contoso.test');
    const sales = await h.directory.groups.add({ displayName: 'Sales', securityEnabled: true });
    await h.directory.groups.addMembers(sales.id, [ann.id, bob.id, carl.id]);
    Object.assign(ids, {
      bob: bob.id,
      ann: ann.id,
      carl: carl.id,
      dave: dave.id,
      eve: eve.id,
      sales: sales.id,
    });
    await h.assign('group', sales.id);
    await h.assign('user', eve.id);
    await h.assign('user', dave.id, 'Default Access'); // never provisioned

    const report = await h.run();
    assert.equal(report.kind, 'initial');
    assert.deepEqual(await h.brief(report), [
      'Create/Success Sales',
      'Create/Success ann@contoso.test',
      'Create/Success carl@contoso.test',
      'Create/Success eve@contoso.test',
      'Update/Success Sales',
      'Update/Success bob@contoso.test',
    ]);
    const logs = await h.logsOf(report);
    const bobEntry = logs.find((e) => e.sourceIdentity === 'bob@contoso.test')!;
    assert.deepEqual(
      bobEntry.steps.map((s) => s.name),
      ['import', 'scope', 'match', 'action'],
    );
    assert.match(bobEntry.steps[2]!.description, /Matched/);
    // bob (ann's manager) was matched ahead of ann, so ann was created with her manager set.
    const annCreate = logs.find((e) => e.sourceIdentity === 'ann@contoso.test')!;
    assert.ok(
      annCreate.modifiedProperties.some((p) => p.name === `${enterprise}:manager`),
      JSON.stringify(annCreate.modifiedProperties),
    );
    const group = logs.find((e) => e.sourceIdentity === 'Sales' && e.action === 'Update')!;
    assert.deepEqual((group.modifiedProperties[0]!.new as { added: number }).added, 3);

    const bobOnTarget = (await h.userNamed('bob@contoso.test'))!;
    assert.equal(bobOnTarget.nickName, 'kept', 'an unmapped attribute is never touched');
    assert.equal(bobOnTarget.title, 'Lead');
    const annOnTarget = (await h.userNamed('ann@contoso.test'))!;
    assert.equal(
      (annOnTarget[enterprise] as { manager: { value: string } }).manager.value,
      bobOnTarget.id,
    );
    assert.equal(annOnTarget.active, true);
    assert.equal(
      await h.userNamed('dave@contoso.test'),
      undefined,
      'Default Access is not provisioned',
    );
    assert.equal(h.memberIds(await h.groupNamed('Sales')).length, 3);
    assert.deepEqual(h.strict!.violations, [], 'every request was RFC 7644');

    const status = await h.provisioning.status(h.app.id);
    assert.equal(status.lastCycle?.kind, 'initial');
    assert.equal(status.initialPending, false);
    assert.equal(status.links.users, 4);
    assert.equal(status.statistics.counts.Create, 4);
  });

  test('no changes: an incremental cycle with nothing to do', async () => {
    const report = await h.run();
    assert.equal(report.kind, 'incremental');
    assert.deepEqual(report.counts, {});
  });

  test('update and rename: minimal PATCH, modified properties old → new', async () => {
    await h.directory.users.update(ids.ann!, { jobTitle: 'Director', surname: 'Lee' });
    await h.directory.users.update(ids.bob!, { userPrincipalName: 'robert@contoso.test' });
    const report = await h.run();
    assert.deepEqual(await h.brief(report), [
      'Update/Success ann@contoso.test',
      'Update/Success robert@contoso.test',
    ]);
    const ann = (await h.logsOf(report)).find((e) => e.sourceIdentity === 'ann@contoso.test')!;
    assert.deepEqual(
      ann.modifiedProperties.map((p) => [p.name, p.old, p.new]),
      [
        ['title', null, 'Director'],
        ['name.familyName', 'Test', 'Lee'],
        ['name.formatted', 'ann Test', 'ann Lee'],
      ],
    );
    assert.ok(ann.changeId !== null, 'the change id that brought it in');
    assert.ok(await h.userNamed('robert@contoso.test'), 'renamed on the target');
    assert.equal(await h.userNamed('bob@contoso.test'), undefined);
  });

  test('group membership add and remove; leaving the assigned group disables the user; coming back re-enables with the group', async () => {
    await h.directory.groups.addMembers(ids.sales!, [ids.eve!]);
    await h.directory.groups.removeMembers(ids.sales!, [ids.carl!]);
    let report = await h.run();
    assert.deepEqual(await h.brief(report), [
      'Disable/Success carl@contoso.test',
      'Other/Skipped eve@contoso.test',
      'Update/Success Sales',
    ]);
    const carl = (await h.userNamed('carl@contoso.test'))!;
    const eve = (await h.userNamed('eve@contoso.test'))!;
    assert.equal(carl.active, false, 'out of scope: active=false');
    let members = h.memberIds(await h.groupNamed('Sales'));
    assert.ok(members.includes(eve.id as string) && !members.includes(carl.id as string));

    await h.directory.groups.addMembers(ids.sales!, [ids.carl!]);
    report = await h.run();
    assert.deepEqual(await h.brief(report), [
      'Update/Success Sales',
      'Update/Success carl@contoso.test',
    ]);
    assert.equal((await h.userNamed('carl@contoso.test'))!.active, true);
    members = h.memberIds(await h.groupNamed('Sales'));
    assert.ok(members.includes(carl.id as string), 'back in the group on the target');
  });

  test('unassign → disabled; re-assign → re-enabled', async () => {
    const eveAssignment = (await h.directory.assignments.list(h.app.id)).find(
      (a) => a.principalId === ids.eve,
    )!;
    await h.directory.groups.removeMembers(ids.sales!, [ids.eve!]);
    await h.directory.assignments.unassign(h.app.id, eveAssignment.id);
    let report = await h.run();
    assert.deepEqual(await h.brief(report), [
      'Disable/Success eve@contoso.test',
      'Update/Success Sales',
    ]);
    const disable = (await h.logsOf(report)).find((e) => e.action === 'Disable')!;
    assert.equal(disable.reason, 'no longer assigned to the app');
    assert.deepEqual(disable.modifiedProperties, [{ name: 'active', old: true, new: false }]);
    assert.equal((await h.userNamed('eve@contoso.test'))!.active, false);

    await h.assign('user', ids.eve!);
    report = await h.run();
    assert.deepEqual(await h.brief(report), ['Update/Success eve@contoso.test']);
    assert.equal((await h.userNamed('eve@contoso.test'))!.active, true);
  });

  test('a re-enabled user gets its group memberships back, even when the target dropped them', async () => {
    await h.directory.users.update(ids.carl!, { accountEnabled: false });
    let report = await h.run();
    assert.deepEqual(await h.brief(report), ['Disable/Success carl@contoso.test']);
    // Some apps drop a deactivated user's memberships; Entra never restores them.
    const carl = (await h.userNamed('carl@contoso.test'))!;
    const sales = (await h.groupNamed('Sales'))!;
    const dropped = await h.scim.request(`https://roster.test/scim/v2/acme/Groups/${sales.id}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: [{ op: 'remove', path: `members[value eq "${carl.id}"]` }],
      }),
    });
    assert.ok(dropped.ok);
    await h.directory.users.update(ids.carl!, { accountEnabled: true });
    report = await h.run();
    const entry = (await h.logsOf(report)).find((e) => e.sourceIdentity === 'carl@contoso.test')!;
    assert.equal(entry.action, 'Update');
    assert.match(entry.reason ?? '', /re-enabled; its membership in 1 group\(s\) restored/);
    assert.ok(h.memberIds(await h.groupNamed('Sales')).includes(carl.id as string));
  });

  test('a manager that comes into scope later is linked without a restart', async () => {
    const hank = await h.addUser('hank@contoso.test');
    const gina = await h.addUser('gina@contoso.test', { manager: hank.id });
    await h.assign('user', gina.id);
    let report = await h.run();
    assert.deepEqual(await h.brief(report), [
      'Create/Success gina@contoso.test',
      'Other/Skipped hank@contoso.test',
    ]);
    const skipped = (await h.logsOf(report)).find((e) => e.sourceIdentity === 'hank@contoso.test')!;
    assert.equal(skipped.errorCode, 'NotEffectivelyEntitled');
    const ginaOnTarget = (await h.userNamed('gina@contoso.test'))!;
    assert.equal(ginaOnTarget[enterprise], undefined, 'no manager yet: hank is not in scope');

    await h.assign('user', hank.id);
    report = await h.run();
    assert.equal(report.kind, 'incremental');
    assert.deepEqual(await h.brief(report), [
      'Create/Success hank@contoso.test',
      'Update/Success gina@contoso.test',
    ]);
    const hankOnTarget = (await h.userNamed('hank@contoso.test'))!;
    assert.equal(
      ((await h.userNamed('gina@contoso.test'))![enterprise] as { manager: { value: string } })
        .manager.value,
      hankOnTarget.id,
    );
  });

  test('soft delete → disabled; purge → deleted', async () => {
    await h.directory.users.delete(ids.ann!);
    let report = await h.run();
    assert.deepEqual(await h.brief(report), ['Disable/Success ann@contoso.test']);
    const annOnTarget = (await h.userNamed('ann@contoso.test'))!;
    assert.equal(annOnTarget.active, false);
    await h.directory.users.purge(ids.ann!);
    report = await h.run();
    assert.ok((await h.brief(report)).includes('Delete/Success ann@contoso.test'));
    assert.equal(await h.userNamed('ann@contoso.test'), undefined);
    const deleted = (await h.logsOf(report)).find((e) => e.action === 'Delete')!;
    assert.equal(deleted.reason, 'purged from the directory');
    assert.equal(deleted.targetId, annOnTarget.id);
  });

  test('a scoping change makes the next cycle initial; objects that left scope are disabled', async () => {
    const mappings = await h.provisioning.jobs.getMappings(h.app.id);
    mappings.objectMappings[0]!.scopingFilters = [
      {
        clauses: [
          { attribute: 'userPrincipalName', operator: 'ENDS_WITH', value: 'a@contoso.test' },
        ],
      },
    ];
    await h.provisioning.jobs.setMappings(h.app.id, mappings);
    assert.equal((await h.provisioning.status(h.app.id)).initialPending, true);
    const report = await h.run();
    assert.equal(report.kind, 'initial');
    const brief = await h.brief(report);
    assert.ok(brief.includes('Other/Skipped gina@contoso.test'), brief.join('\n'));
    for (const upn of ['carl', 'eve', 'hank', 'robert'])
      assert.ok(
        brief.includes(`Disable/Success ${upn}@contoso.test`),
        `${upn}: ${brief.join('\n')}`,
      );
    assert.equal((await h.userNamed('hank@contoso.test'))!.active, false);
    assert.equal((await h.userNamed('gina@contoso.test'))!.active, true);
    assert.equal((await h.provisioning.status(h.app.id)).initialPending, false);
    assert.deepEqual(h.strict!.violations, []);
  });
});
