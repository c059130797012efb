// The Entra ID group request sequence of entra-scim-contract.md (Groups 1–7), replayed in order,
// in the default form and in the aadOptscim062020 form (member removal by value filter).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  adscimGroup,
  assertScimError,
  coreGroup,
  coreUser,
  createHarness,
  type Harness,
  patchOp,
} from './support.ts';

const groupsByName = (name: string) =>
  `/Groups?excludedAttributes=members&filter=${encodeURIComponent(`displayName eq "${name}"`).replace(/%20/g, '+')}`;

for (const form of ['default', 'aadOptscim062020'] as const) {
  const flag = form === 'aadOptscim062020';

  describe(`Entra group sequence (${form})`, () => {
    let h: Harness;
    let groupId: string;
    const users: string[] = [];
    const memberIds = async () =>
      (await h.call('GET', `/Groups/${groupId}?attributes=members`)).body.members
        .map((m: { value: string }) => m.value)
        .sort();

    before(async () => {
      h = await createHarness();
      for (let i = 0; i < 12; i++) {
        const user = await h.call('POST', '/Users', {
          body: { schemas: [coreUser], userName: `member${i}@contoso.test` },
        });
        users.push(user.body.id);
      }
    });

    it('1. match by displayName with excludedAttributes=members: nothing yet', async () => {
      const none = await h.call('GET', groupsByName('Sales'));
      assert.equal(none.status, 200);
      assert.equal(none.body.totalResults, 0);
      assert.deepEqual(none.body.Resources, []);
    });

    it('2. create with the ADSCIM schema → 201 with members: []', async () => {
      const created = await h.call('POST', '/Groups', {
        body: {
          schemas: [coreGroup, adscimGroup],
          externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
          displayName: 'Sales',
          meta: { resourceType: 'Group' },
        },
      });
      assert.equal(created.status, 201, created.text);
      groupId = created.body.id;
      assert.deepEqual(created.body.members, []);
      assert.deepEqual(created.body.schemas, [coreGroup]);
      assert.equal(created.body.externalId, '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159');
      assert.equal(
        created.headers.get('location'),
        `https://roster.test/scim/v2/acme/Groups/${groupId}`,
      );
      const found = await h.call('GET', groupsByName('Sales'));
      assert.equal(found.body.totalResults, 1);
      assert.equal('members' in found.body.Resources[0], false);
    });

    it('3. get with excludedAttributes=members has no members key', async () => {
      const got = await h.call('GET', `/Groups/${groupId}?excludedAttributes=members`);
      assert.equal(got.status, 200);
      assert.equal(got.body.displayName, 'Sales');
      assert.equal('members' in got.body, false);
    });

    it('4. PATCH displayName → 204 with the new ETag', async () => {
      const renamed = await h.call('PATCH', `/Groups/${groupId}`, {
        body: {
          schemas: [patchOp],
          Operations: [
            { op: flag ? 'replace' : 'Replace', path: 'displayName', value: 'Sales EMEA' },
          ],
        },
      });
      assert.equal(renamed.status, 204, renamed.text);
      assert.equal(renamed.text, '');
      assert.equal(renamed.headers.get('etag'), 'W/"2"');
      const got = await h.call('GET', `/Groups/${groupId}?excludedAttributes=members`);
      assert.equal(got.body.displayName, 'Sales EMEA');
    });

    it('5. add many members in one request → 204', async () => {
      const added = await h.call('PATCH', `/Groups/${groupId}`, {
        body: {
          schemas: [patchOp],
          Operations: [
            {
              op: flag ? 'add' : 'Add',
              path: 'members',
              value: users.slice(0, 10).map((value) => ({ $ref: null, value })),
            },
          ],
        },
      });
      assert.equal(added.status, 204, added.text);
      assert.deepEqual(await memberIds(), users.slice(0, 10).sort());
      // Adding members already present changes nothing and is not an error.
      const again = await h.call('PATCH', `/Groups/${groupId}`, {
        body: { Operations: [{ op: 'Add', path: 'members', value: [{ value: users[0] }] }] },
      });
      assert.equal(again.status, 204);
      const user = await h.call('GET', `/Users/${users[0]}`);
      assert.deepEqual(
        user.body.groups.map((g: { value: string; display: string }) => [g.value, g.display]),
        [[groupId, 'Sales EMEA']],
      );
    });

    it('6. remove members: only those listed', async () => {
      const [a, b, c] = users as [string, string, string];
      const body = flag
        ? {
            Operations: [
              { op: 'remove', path: `members[value eq "${a}"]` },
              { op: 'remove', path: `members[value eq "${b}"]` },
            ],
          }
        : {
            schemas: [patchOp],
            Operations: [
              {
                op: 'Remove',
                path: 'members',
                value: [
                  { $ref: null, value: a },
                  { $ref: null, value: b },
                ],
              },
            ],
          };
      const removed = await h.call('PATCH', `/Groups/${groupId}`, { body });
      assert.equal(removed.status, 204, removed.text);
      const left = await memberIds();
      assert.equal(left.length, 8);
      assert.ok(!left.includes(a) && !left.includes(b) && left.includes(c));
      // Removing a member that is not there succeeds without a change.
      const absent = await h.call('PATCH', `/Groups/${groupId}`, {
        body: { Operations: [{ op: 'remove', path: `members[value eq "${users[11]}"]` }] },
      });
      assert.equal(absent.status, 204);
      assert.equal((await memberIds()).length, 8);
    });

    it('5b. adding an id that is no user of this tenant → 400 invalidValue naming it', async () => {
      const missing = '00000000-0000-4000-8000-000000000000';
      const answer = await h.call('PATCH', `/Groups/${groupId}`, {
        body: { Operations: [{ op: 'Add', path: 'members', value: [{ value: missing }] }] },
      });
      assertScimError(answer, 400, 'invalidValue', new RegExp(missing));
      assert.equal((await memberIds()).length, 8);
    });

    it('7. delete → 204, then 404; its members keep existing without the group', async () => {
      assert.equal((await h.call('DELETE', `/Groups/${groupId}`)).status, 204);
      assertScimError(await h.call('GET', `/Groups/${groupId}`), 404);
      const user = await h.call('GET', `/Users/${users[5]}`);
      assert.equal(user.status, 200);
      assert.equal(user.body.groups, undefined);
    });
  });
}
