/**
 * The identity side's services over a real store: users (attributes, manager, soft delete,
 * restore window, purge job), groups (nesting, cycles), apps from the gallery, assignments
 * with roles, and the change feed they all write to.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isDirectoryError } from '../../src/directory/index.ts';
import { createDirectoryFixture } from './support.ts';

const rejects = (kind: string, field: string | undefined, message: RegExp) => (e: unknown) => {
  assert.ok(isDirectoryError(e), String(e));
  assert.equal(e.kind, kind);
  assert.equal(e.field, field);
  assert.match(e.message, message);
  return true;
};

test('users: add with every attribute kind; defaults; immutable id; read by id or UPN', async () => {
  const { directory } = await createDirectoryFixture();
  const ann = await directory.users.add({
    userPrincipalName: ' Ann.Lee@Contoso.test ',
    givenName: 'Ann',
    surname: 'Lee',
    mail: 'ann@contoso.test',
    employeeId: 'E-100',
    jobTitle: 'Engineer',
    department: 'R&D',
    mobile: '+1 555 0100',
    telephoneNumber: '+1 555 0101',
    facsimileTelephoneNumber: '+1 555 0102',
    streetAddress: '1 Main St',
    city: 'Springfield',
    state: 'OR',
    postalCode: '97477',
    country: 'US',
    physicalDeliveryOfficeName: 'HQ',
    preferredLanguage: 'en-US',
    extensionAttribute3: 'cost-42',
    extensions: { extension_abc123_level: 7 },
  });
  assert.equal(ann.userPrincipalName, 'Ann.Lee@Contoso.test');
  assert.equal(ann.displayName, 'Ann Lee');
  assert.equal(ann.mailNickname, 'Ann.Lee');
  assert.equal(ann.accountEnabled, true);
  assert.deepEqual(ann.extensions, { extensionAttribute3: 'cost-42', extension_abc123_level: 7 });
  assert.equal((await directory.users.get('ann.lee@contoso.TEST')).id, ann.id);
  const renamed = await directory.users.update(ann.id, {
    userPrincipalName: 'ann@contoso.test',
    accountEnabled: 'false',
  });
  assert.equal(renamed.id, ann.id, 'the object id never changes');
  assert.equal(renamed.accountEnabled, false);
  const cleared = await directory.users.update(ann.id, {
    jobTitle: null,
    mobile: '',
    extensions: { extensionAttribute3: null },
  });
  assert.equal(cleared.jobTitle, undefined);
  assert.equal(cleared.mobile, undefined);
  assert.deepEqual(cleared.extensions, { extension_abc123_level: 7 });
});

test('users: bad input is refused naming the field', async () => {
  const { directory } = await createDirectoryFixture();
  await assert.rejects(
    directory.users.add({ givenName: 'x' }),
    rejects('invalid', 'userPrincipalName', /required/),
  );
  await assert.rejects(
    directory.users.add({ userPrincipalName: 'no-at-sign' }),
    rejects('invalid', 'userPrincipalName', /not a user principal name/),
  );
  await assert.rejects(
    directory.users.add({ userPrincipalName: 'a@x.test', mail: 'nope' }),
    rejects('invalid', 'mail', /"nope" is not an email address/),
  );
  await assert.rejects(
    directory.users.add({ userPrincipalName: 'a@x.test', employeeId: '12345678901234567' }),
    rejects('invalid', 'employeeId', /17 characters; at most 16/),
  );
  await assert.rejects(
    directory.users.add({ userPrincipalName: 'a@x.test', accountEnabled: 'maybe' }),
    rejects('invalid', 'accountEnabled', /true or false/),
  );
  await assert.rejects(
    directory.users.add({ userPrincipalName: 'a@x.test', shoeSize: 9 }),
    rejects('invalid', 'shoeSize', /"shoeSize" is not a user attribute/),
  );
  await assert.rejects(
    directory.users.add({ userPrincipalName: 'a@x.test', extensions: { favourite: 'x' } }),
    rejects('invalid', 'extensions.favourite', /not an extension attribute name/),
  );
  await directory.users.add({ userPrincipalName: 'taken@x.test' });
  await assert.rejects(
    directory.users.add({ userPrincipalName: 'TAKEN@x.test' }),
    rejects('conflict', 'userPrincipalName', /already taken by user/),
  );
});

test('users: manager by id or UPN, never oneself nor a deleted user', async () => {
  const { directory } = await createDirectoryFixture();
  const boss = await directory.users.add({ userPrincipalName: 'boss@x.test' });
  const ann = await directory.users.add({
    userPrincipalName: 'ann@x.test',
    manager: 'boss@x.test',
  });
  assert.equal(ann.manager, boss.id);
  await assert.rejects(
    directory.users.update(ann.id, { manager: ann.id }),
    rejects('invalid', 'manager', /own manager/),
  );
  await directory.users.delete(boss.id);
  await assert.rejects(
    directory.users.add({ userPrincipalName: 'bob@x.test', manager: boss.id }),
    rejects('conflict', 'manager', /is deleted/),
  );
});

test('soft delete: restorable for 30 days, then purged by the job; a deleted user holds its UPN', async () => {
  const { directory, clock } = await createDirectoryFixture();
  const ann = await directory.users.add({ userPrincipalName: 'ann@x.test' });
  const deleted = await directory.users.delete('ann@x.test');
  assert.ok(deleted.deleted);
  assert.equal(
    deleted.restorableUntil,
    new Date(Date.parse(deleted.deleted) + 30 * 86_400_000).toISOString(),
  );
  await assert.rejects(
    directory.users.add({ userPrincipalName: 'ann@x.test' }),
    rejects('conflict', 'userPrincipalName', /held by deleted user/),
  );
  await assert.rejects(
    directory.users.update(ann.id, { jobTitle: 'x' }),
    rejects('conflict', 'user', /is deleted/),
  );
  assert.equal((await directory.users.list({ startIndex: 1, count: 10 })).totalResults, 0);
  assert.equal(
    (await directory.users.list({ state: 'deleted', startIndex: 1, count: 10 })).totalResults,
    1,
  );
  assert.equal((await directory.users.restore(ann.id)).deleted, null);

  await directory.users.delete(ann.id);
  clock.advance(29 * 86_400);
  assert.deepEqual(await directory.purgeExpired(), { users: [], groups: [] });
  clock.advance(2 * 86_400);
  assert.deepEqual(await directory.purgeExpired(), { users: [ann.id], groups: [] });
  await assert.rejects(directory.users.get(ann.id), rejects('notFound', 'user', /no user with id/));
});

test('restore after the window purges instead', async () => {
  const { directory, clock } = await createDirectoryFixture();
  const ann = await directory.users.add({ userPrincipalName: 'late@x.test' });
  await directory.users.delete(ann.id);
  clock.advance(31 * 86_400);
  await assert.rejects(
    directory.users.restore(ann.id),
    rejects('notFound', 'user', /more than 30 days ago, and is now purged/),
  );
  await directory.users.add({ userPrincipalName: 'late@x.test' });
});

test('groups: nested members, transitive users, cycles refused, names resolve when unique', async () => {
  const { directory } = await createDirectoryFixture();
  const [ann, bob, cat] = await Promise.all(
    ['ann', 'bob', 'cat'].map((n) => directory.users.add({ userPrincipalName: `${n}@x.test` })),
  );
  const eng = await directory.groups.add({
    displayName: 'Engineering',
    description: 'All engineers',
  });
  const platform = await directory.groups.add({ displayName: 'Platform', securityEnabled: false });
  assert.equal(eng.securityEnabled, true);
  assert.equal(platform.securityEnabled, false);
  await directory.groups.addMembers('Engineering', [ann!.id, platform.id]);
  await directory.groups.addMembers(platform.id, [bob!.id, cat!.id]);
  await directory.users.delete(cat!.id);
  assert.deepEqual(
    (await directory.groups.transitiveUsers('engineering')).map((m) => m.id).sort(),
    [ann!.id, bob!.id].sort(),
  );
  await assert.rejects(
    directory.groups.addMembers('Platform', [eng.id]),
    rejects('invalid', 'members', /would make a cycle/),
  );
  await assert.rejects(
    directory.groups.addMembers(eng.id, [eng.id]),
    rejects('invalid', 'members', /member of itself/),
  );
  await assert.rejects(
    directory.groups.addMembers(eng.id, [cat!.id]),
    rejects('conflict', 'members', /is deleted/),
  );
  await assert.rejects(
    directory.groups.addMembers(eng.id, ['nope']),
    rejects('notFound', 'members', /no user or group/),
  );
  assert.deepEqual(
    (await directory.users.memberOf(ann!.id)).map((g) => g.displayName),
    ['Engineering'],
  );
  assert.deepEqual(await directory.groups.removeMembers(eng.id, [ann!.id, bob!.id]), {
    removed: [ann!.id],
  });
  await directory.groups.add({ displayName: 'Platform' });
  await assert.rejects(
    directory.groups.get('Platform'),
    rejects('conflict', 'group', /2 groups are named "Platform"/),
  );
  await assert.rejects(
    directory.groups.add({ description: 'x' }),
    rejects('invalid', 'displayName', /required/),
  );
});

test('apps from the gallery; roles; assignments with User and Default Access; the provisioning scope', async () => {
  const { directory } = await createDirectoryFixture();
  const wrike = await directory.apps.add({ template: 'wrike', name: 'Wrike' });
  assert.equal(wrike.templateId, 'wrike');
  assert.equal(wrike.provisioning.limits.requestsPerMinute, 400);
  assert.deepEqual(
    wrike.appRoles.map((r) => r.displayName),
    ['User', 'Default Access'],
  );
  await assert.rejects(
    directory.apps.add({ template: 'wrike', name: 'wrike' }),
    rejects('conflict', 'name', /already exists/),
  );
  await assert.rejects(
    directory.apps.add({ template: 'slack' }),
    rejects('notFound', 'template', /available: generic-scim, wrike/),
  );
  const generic = await directory.apps.add({ template: 'generic-scim' });
  assert.equal(generic.name, 'Generic SCIM 2.0');

  const ann = await directory.users.add({ userPrincipalName: 'ann@x.test' });
  const bob = await directory.users.add({ userPrincipalName: 'bob@x.test' });
  const eng = await directory.groups.add({ displayName: 'Engineering' });
  const a1 = await directory.assignments.assign('Wrike', {
    principalType: 'user',
    principal: 'ann@x.test',
  });
  assert.equal(a1.roleDisplayName, 'User');
  assert.equal(a1.provisioned, true);
  const a2 = await directory.assignments.assign('Wrike', {
    principalType: 'user',
    principal: bob.id,
    role: 'Default Access',
  });
  assert.equal(a2.provisioned, false);
  await directory.assignments.assign(wrike.id, {
    principalType: 'group',
    principal: 'Engineering',
    role: 'user',
  });
  await assert.rejects(
    directory.assignments.assign('Wrike', {
      principalType: 'user',
      principal: ann.id,
      role: 'User',
    }),
    rejects('conflict', 'principal', /already has role User/),
  );
  await assert.rejects(
    directory.assignments.assign('Wrike', {
      principalType: 'user',
      principal: ann.id,
      role: 'Admin',
    }),
    rejects('invalid', 'role', /no role "Admin" \(roles: User, Default Access\)/),
  );
  const listed = await directory.assignments.list('wrike');
  assert.deepEqual(listed.map((a) => a.principalDisplayName).sort(), ['Engineering', 'ann', 'bob']);
  assert.deepEqual(await directory.assignments.provisioningScope('Wrike'), {
    users: [ann.id],
    groups: [eng.id],
    excluded: 1,
  });
  await directory.assignments.unassign('Wrike', a1.id);
  await assert.rejects(
    directory.assignments.unassign('Generic SCIM 2.0', a2.id),
    rejects('notFound', 'assignment', /has no assignment/),
  );
  const renamed = await directory.apps.rename('Wrike', 'Wrike (prod)');
  assert.equal(renamed.name, 'Wrike (prod)');
  await directory.apps.delete('Wrike (prod)');
  assert.deepEqual(
    (await directory.apps.list()).map((a) => a.name),
    ['Generic SCIM 2.0'],
  );
});

test('the change feed records users, groups, memberships and assignments in order', async () => {
  const { directory } = await createDirectoryFixture();
  const app = await directory.apps.add({ template: 'generic-scim', name: 'Target' });
  const ann = await directory.users.add({ userPrincipalName: 'ann@x.test' });
  const group = await directory.groups.add({ displayName: 'G' });
  await directory.groups.addMembers(group.id, [ann.id]);
  const assignment = await directory.assignments.assign(app.id, {
    principalType: 'group',
    principal: group.id,
  });
  await directory.users.update(ann.id, { jobTitle: 'Lead' });
  await directory.users.update(ann.id, { jobTitle: 'Lead' });
  await directory.users.delete(ann.id);
  const { changes, head } = await directory.changes.since(0, 100);
  assert.equal(head, changes.length);
  assert.deepEqual(
    changes.map((c) => [c.objectType, c.kind, c.objectId]),
    [
      ['user', 'created', ann.id],
      ['group', 'created', group.id],
      ['membership', 'added', group.id],
      ['assignment', 'added', assignment.id],
      ['user', 'updated', ann.id],
      ['user', 'deleted', ann.id],
    ],
    'an update that changes nothing is not a change',
  );
  assert.deepEqual(
    (await directory.changes.since(4, 1)).changes.map((c) => c.sequence),
    [5],
  );
  await assert.rejects(directory.changes.since(-1), rejects('invalid', 'since', /whole number/));
});

test('the purge schedule runs at once, then on its interval, never overlapping, and stops', async () => {
  const { startPurgeSchedule } = await import('../../src/directory/index.ts');
  let calls = 0;
  let running = 0;
  let overlapped = false;
  const errors: unknown[] = [];
  const schedule = startPurgeSchedule({
    intervalMs: 5,
    purge: async () => {
      calls++;
      running++;
      if (running > 1) overlapped = true;
      await new Promise((resolve) => setTimeout(resolve, 12));
      running--;
      if (calls === 2) throw new Error('database away');
    },
    onError: (error) => errors.push(error),
  });
  await new Promise((resolve) => setTimeout(resolve, 80));
  schedule.stop();
  const after = calls;
  await new Promise((resolve) => setTimeout(resolve, 30));
  assert.ok(after >= 2, `ran ${after} times`);
  assert.ok(calls <= after + 1, 'stops (one run may still be finishing)');
  assert.equal(overlapped, false);
  assert.equal(errors.length, 1, 'a failed run is reported and the schedule goes on');
});
