// Concurrent writes never lose an update (RFC 7644 §3.14 without If-Match): member PATCHes on
// one group, attribute PATCHes on one user, also across two app instances sharing one store
// (two processes: no shared lock, only the store's version check and the retry).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { createScimApp } from '../../src/scim-server/index.ts';
import {
  coreGroup,
  coreUser,
  createHarness,
  createLogRecorder,
  enterpriseUser,
  type Harness,
} from './support.ts';

const attributes: [string, unknown][] = [
  ['displayName', 'Barbara Jensen'],
  ['nickName', 'Babs'],
  ['title', 'Tour Guide'],
  ['userType', 'Employee'],
  ['preferredLanguage', 'en-US'],
  ['locale', 'en-US'],
  ['timezone', 'America/Los_Angeles'],
  ['profileUrl', 'https://login.example.com/bjensen'],
  ['name.givenName', 'Barbara'],
  ['name.familyName', 'Jensen'],
  ['name.middleName', 'Jane'],
  ['name.honorificPrefix', 'Ms.'],
  ['name.honorificSuffix', 'III'],
  ['name.formatted', 'Ms. Barbara J Jensen III'],
  ['externalId', 'bjensen'],
  [`${enterpriseUser}:employeeNumber`, '701984'],
  [`${enterpriseUser}:costCenter`, '4130'],
  [`${enterpriseUser}:organization`, 'Universal Studios'],
  [`${enterpriseUser}:division`, 'Theme Park'],
  [`${enterpriseUser}:department`, 'Tour Operations'],
];

const read = (resource: Record<string, unknown>, path: string): unknown => {
  const colon = path.lastIndexOf(':');
  if (colon !== -1)
    return (resource[path.slice(0, colon)] as Record<string, unknown>)?.[path.slice(colon + 1)];
  const [name, sub] = path.split('.') as [string, string | undefined];
  return sub === undefined ? resource[name] : (resource[name] as Record<string, unknown>)?.[sub];
};

/** Creates `count` users named `${prefix}0`… one after the other; their ids in order. */
async function createUsers(h: Harness, prefix: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const body = { schemas: [coreUser], userName: `${prefix}${i}` };
    ids.push((await h.call('POST', '/Users', { body })).body.id);
  }
  return ids;
}

describe('concurrent writes', () => {
  it('50 concurrent PATCHes adding different members to one group all land', async () => {
    const h = await createHarness();
    const users = await createUsers(h, 'm', 50);
    const group = (
      await h.call('POST', '/Groups', { body: { schemas: [coreGroup], displayName: 'G' } })
    ).body.id;
    const answers = await Promise.all(
      users.map((value) =>
        h.call('PATCH', `/Groups/${group}`, {
          body: { Operations: [{ op: 'Add', path: 'members', value: [{ value }] }] },
        }),
      ),
    );
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([204]));
    const got = await h.call('GET', `/Groups/${group}`);
    assert.deepEqual(
      got.body.members.map((m: { value: string }) => m.value).sort(),
      [...users].sort(),
    );
    assert.equal(got.body.meta.version, 'W/"51"');
  });

  it('member additions racing renames and removals of one group all land', async () => {
    const h = await createHarness();
    const users = await createUsers(h, 'r', 30);
    const group = (
      await h.call('POST', '/Groups', {
        body: { schemas: [coreGroup], displayName: 'G0', members: [{ value: users[0] }] },
      })
    ).body.id;
    const patch = (Operations: unknown[]) =>
      h.call('PATCH', `/Groups/${group}`, { body: { Operations } });
    const answers = await Promise.all([
      ...users.slice(1).map((value) => patch([{ op: 'Add', path: 'members', value: [{ value }] }])),
      ...[1, 2, 3].map((n) => patch([{ op: 'Replace', path: 'displayName', value: `G${n}` }])),
      patch([{ op: 'Remove', path: `members[value eq "${users[0]}"]` }]),
      patch([
        { op: 'Replace', path: 'externalId', value: 'ext' },
        { op: 'Add', path: 'members', value: [{ value: users[0] }] },
      ]),
    ]);
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([204]));
    const got = await h.call('GET', `/Groups/${group}`);
    assert.equal(got.body.externalId, 'ext');
    assert.match(got.body.displayName, /^G[123]$/);
    // The removal and the re-addition of users[0] ran in some order; every other add landed.
    const members = new Set(got.body.members.map((m: { value: string }) => m.value));
    for (const id of users.slice(1)) assert.ok(members.has(id), id);
  });

  it('20 concurrent PATCHes of different attributes of one user all land', async () => {
    const h = await createHarness();
    const id = (
      await h.call('POST', '/Users', { body: { schemas: [coreUser], userName: 'bjensen' } })
    ).body.id;
    const answers = await Promise.all(
      attributes.map(([path, value]) =>
        h.call('PATCH', `/Users/${id}`, { body: { Operations: [{ op: 'Replace', path, value }] } }),
      ),
    );
    assert.deepEqual(new Set(answers.map((a) => a.status)), new Set([200]));
    const user = (await h.call('GET', `/Users/${id}`)).body;
    for (const [path, value] of attributes) assert.equal(read(user, path), value, path);
    assert.equal(user.meta.version, `W/"${attributes.length + 1}"`);
  });

  it('two app instances on one store (no shared lock) still lose nothing', async () => {
    const h = await createHarness({ limits: { writeAttempts: 100 } });
    let conflicts = 0;
    const counting = {
      ...h.store,
      resources: {
        ...h.store.resources,
        replace: (...args: Parameters<typeof h.store.resources.replace>) =>
          h.store.resources.replace(...args).catch((error: { subject?: string }) => {
            if (error.subject === 'version') conflicts++;
            throw error;
          }),
      },
    };
    const other = createScimApp({
      store: counting,
      log: createLogRecorder(),
      registry: new Registry(),
      limits: { ratePerSecond: 0, authCacheMs: 0, writeAttempts: 100 },
    });
    const id = (
      await h.call('POST', '/Users', { body: { schemas: [coreUser], userName: 'bjensen' } })
    ).body.id;
    const users: string[] = [];
    for (let i = 0; i < 20; i++) {
      users.push(
        (await h.call('POST', '/Users', { body: { schemas: [coreUser], userName: `m${i}` } })).body
          .id,
      );
    }
    const group = (
      await h.call('POST', '/Groups', { body: { schemas: [coreGroup], displayName: 'G' } })
    ).body.id;
    const send = (n: number, path: string, body: unknown) =>
      n % 2 === 0
        ? h.call('PATCH', path, { body })
        : other.request(`/scim/v2/acme${path}`, {
            method: 'PATCH',
            headers: {
              Authorization: `Bearer ${h.token}`,
              'Content-Type': 'application/scim+json',
            },
            body: JSON.stringify(body),
          });
    const answers = await Promise.all([
      ...attributes.map(([path, value], n) =>
        send(n, `/Users/${id}`, { Operations: [{ op: 'Replace', path, value }] }),
      ),
      // Renaming the group while members are added: the rename retries, the rows stay.
      ...users.map((value, n) =>
        send(n, `/Groups/${group}`, {
          Operations: [
            { op: 'Add', path: 'members', value: [{ value }] },
            { op: 'Replace', path: 'displayName', value: `G${n}` },
          ],
        }),
      ),
    ]);
    for (const answer of answers) assert.ok(answer.status < 300, String(answer.status));
    const user = (await h.call('GET', `/Users/${id}`)).body;
    for (const [path, value] of attributes) assert.equal(read(user, path), value, path);
    const got = (await h.call('GET', `/Groups/${group}`)).body;
    assert.equal(got.members.length, users.length);
    assert.match(got.displayName, /^G\d+$/);
    assert.ok(conflicts > 0, 'the instances did race, and the retries resolved it');
  });
});
