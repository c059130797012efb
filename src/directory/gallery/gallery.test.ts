import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createGallery, GalleryError, loadGallery, parseTemplate } from './gallery.ts';

const gallery = loadGallery();
const wrike = gallery.get('wrike')!;
const generic = gallery.get('generic-scim')!;

test('the gallery holds Wrike and Generic SCIM 2.0, each with an inline logo and both roles', () => {
  assert.deepEqual(
    gallery.list().map((t) => t.name),
    ['Generic SCIM 2.0', 'Wrike'],
  );
  for (const t of [wrike, generic]) {
    assert.match(t.logo, /^data:image\/svg\+xml;base64,/);
    assert.match(Buffer.from(t.logo.split(',')[1]!, 'base64').toString(), /^<svg /);
    assert.deepEqual(
      t.appRoles.map((r) => [r.displayName, r.value, r.provisioned]),
      [
        ['User', 'User', true],
        ['Default Access', 'msiam_access', false],
      ],
    );
  }
});

test('Wrike: users only, matched on email which is also the userName, about 400 requests a minute', () => {
  const { objectMappings, limits } = wrike.provisioning;
  assert.deepEqual(
    objectMappings.map((m) => m.source),
    ['user'],
  );
  assert.equal(limits.groups, false);
  assert.equal(limits.requestsPerMinute, 400);
  const matching = objectMappings[0]!.attributeMappings.filter((m) => m.matchingPrecedence);
  assert.deepEqual(
    matching.map((m) => [m.source, m.target, m.matchingPrecedence]),
    [['mail', 'userName', 1]],
  );
  const targets = objectMappings[0]!.attributeMappings.map((m) => m.target);
  assert.ok(targets.includes('emails[type eq "work"].value'));
  assert.ok(targets.includes('active'));
});

test("Generic SCIM: Entra's default user and group mappings, userPrincipalName and displayName matching", () => {
  const [users, groups] = generic.provisioning.objectMappings;
  const map = Object.fromEntries(users!.attributeMappings.map((m) => [m.target, m]));
  assert.equal(map.userName?.source, 'userPrincipalName');
  assert.equal(map.userName?.matchingPrecedence, 1);
  assert.equal(map.active?.source, 'Switch([IsSoftDeleted], , "False", "True", "True", "False")');
  assert.equal(map['name.formatted']?.source, 'Join(" ", [givenName], [surname])');
  assert.equal(map.externalId?.source, 'mailNickname');
  assert.equal(map['phoneNumbers[type eq "fax"].value']?.source, 'facsimileTelephoneNumber');
  assert.equal(map['addresses[type eq "work"].locality']?.source, 'city');
  const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:';
  assert.equal(map[`${enterprise}employeeNumber`]?.source, 'employeeId');
  assert.equal(map[`${enterprise}manager`]?.source, 'manager');
  assert.equal(users!.attributeMappings.length, 22);
  assert.deepEqual(
    groups!.attributeMappings.map((m) => [m.source, m.target, m.matchingPrecedence ?? null]),
    [
      ['displayName', 'displayName', 1],
      ['objectId', 'externalId', null],
      ['members', 'members', null],
    ],
  );
  assert.equal(generic.provisioning.limits.groups, true);
});

const broken = (edit: (t: Record<string, unknown>) => void) => {
  const copy = structuredClone(wrike) as unknown as Record<string, unknown>;
  edit(copy);
  return copy;
};
const userMappings = (t: Record<string, unknown>) =>
  (t.provisioning as { objectMappings: { attributeMappings: Record<string, unknown>[] }[] })
    .objectMappings[0]!.attributeMappings;

const invalid: [string, (t: Record<string, unknown>) => void, RegExp][] = [
  ['a missing name', (t) => delete t.name, /name: /],
  ['an unknown field', (t) => (t.colour = 'red'), /Unrecognized key.*colour/],
  [
    'a logo that is a URL',
    (t) => (t.logo = 'https://x.test/logo.svg'),
    /logo: must be a data: URI/,
  ],
  [
    'a direct source the directory does not have',
    (t) => (userMappings(t)[2]!.source = 'favouriteColour'),
    /attributeMappings\.2\.source: "favouriteColour" is not a user attribute/,
  ],
  [
    'an expression naming an unknown attribute',
    (t) => (userMappings(t)[1]!.source = 'Switch([IsGone], , "False", "True")'),
    /"IsGone" is not a user attribute/,
  ],
  [
    'an expression that does not parse',
    (t) => (userMappings(t)[1]!.source = 'Jion(" ", [givenName])'),
    /attributeMappings\.1\.source: unknown function 'Jion' at 0–4: did you mean 'Join'\?/,
  ],
  [
    'a target that is not a SCIM path',
    (t) => (userMappings(t)[2]!.target = 'emails[type eq "work".value'),
    /attributeMappings\.2\.target: is not a SCIM attribute path/,
  ],
  [
    'no matching attribute',
    (t) => delete userMappings(t)[0]!.matchingPrecedence,
    /needs at least one matching attribute/,
  ],
  [
    'a gap in matching precedence',
    (t) => (userMappings(t)[0]!.matchingPrecedence = 2),
    /must be 1, 2, … without gaps or repeats; found 2/,
  ],
  [
    'a group mapping for a target without groups',
    (t) =>
      (t.provisioning as { objectMappings: unknown[] }).objectMappings.push({
        name: 'Groups',
        source: 'group',
        target: 'Group',
        enabled: true,
        actions: ['create'],
        attributeMappings: [
          { type: 'direct', source: 'displayName', target: 'displayName', matchingPrecedence: 1 },
        ],
      }),
    /limits\.groups is false/,
  ],
  [
    'a provisioned Default Access role',
    (t) => ((t.appRoles as { provisioned: boolean }[])[1]!.provisioned = true),
    /msiam_access\) must have provisioned: false/,
  ],
];

for (const [name, edit, message] of invalid) {
  test(`a template with ${name} is refused, naming the file and the path`, () => {
    assert.throws(
      () => parseTemplate(broken(edit), 'wrike.json'),
      (e) =>
        e instanceof GalleryError &&
        /^gallery template wrike\.json is not valid:/.test(e.message) &&
        message.test(e.message),
    );
  });
}

test('loadGallery: a file that is not JSON, or whose name differs from its id, stops the load', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-gallery-'));
  try {
    writeFileSync(path.join(dir, 'bad.json'), '{ nope');
    assert.throws(() => loadGallery(dir), /gallery template bad\.json is not JSON/);
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify(wrike));
    assert.throws(() => loadGallery(dir), /has id "wrike"; name the file wrike\.json/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('createGallery refuses two templates with one id', () => {
  assert.throws(() => createGallery([wrike, wrike]), /two gallery templates have the id "wrike"/);
});
