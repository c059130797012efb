// The Entra ID user request sequence of docs entra-scim-contract.md ("Requests Entra sends",
// Users 1–11), replayed in order against the server: once as Entra sends it by default and once
// with the aadOptscim062020 flag (boolean active, path-less dotted/URN replaces).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, describe, it } from 'node:test';
import {
  assertScimError,
  coreUser,
  createHarness,
  enterpriseUser,
  filterPath,
  type Harness,
  listResponse,
  patchOp,
} from './support.ts';

/** Entra encodes filters with `+` for spaces. */
const entraFilter = (filter: string, extra = '') =>
  `/Users?filter=${encodeURIComponent(filter).replace(/%20/g, '+')}${extra}`;

const entraCreate = (userName: string, externalId: string, mail: string) => ({
  schemas: [coreUser, enterpriseUser],
  externalId,
  userName,
  active: true,
  emails: [{ primary: true, type: 'work', value: mail }],
  meta: { resourceType: 'User' },
  name: { formatted: 'Barbara Jensen', familyName: 'Jensen', givenName: 'Barbara' },
  roles: [],
});

for (const form of ['default', 'aadOptscim062020'] as const) {
  const flag = form === 'aadOptscim062020';
  const False = flag ? false : 'False';
  const True = flag ? true : 'True';

  describe(`Entra user sequence (${form})`, () => {
    const upn = 'Barbara.Jensen@contoso.test';
    let h: Harness;
    let id: string;
    before(async () => {
      h = await createHarness();
    });

    it('1. test connection: random userName → 200 empty ListResponse, random id → 404', async () => {
      // 1. Test connection: a random userName is a 200 with an empty ListResponse; a random id is 404.
      const probe = await h.call('GET', entraFilter(`userName eq "${randomUUID()}"`));
      assert.equal(probe.status, 200);
      assert.deepEqual(probe.body, {
        schemas: [listResponse],
        totalResults: 0,
        itemsPerPage: 0,
        startIndex: 1,
        Resources: [],
      });
      assertScimError(await h.call('GET', `/Users/${randomUUID()}`), 404, undefined, /not found/);
    });

    it('2. match before create finds nothing by any matching attribute', async () => {
      // 2. Match before create: nothing, by every matching attribute Entra uses.
      for (const filter of [
        `userName eq "${upn}"`,
        'externalId eq "bjensen"',
        'externalId eq bjensen',
        `emails[type eq "work"].value eq "${upn}"`,
      ]) {
        const none = await h.call('GET', entraFilter(filter));
        assert.equal(none.status, 200, filter);
        assert.equal(none.body.totalResults, 0, filter);
      }
    });

    it('3. create with the exact Entra payload → 201, id, meta, Location, ETag; duplicates → 409', async () => {
      // 3. Create with the exact payload; 201 with id, meta, Location and ETag.
      const created = await h.call('POST', '/Users', { body: entraCreate(upn, 'bjensen', upn) });
      assert.equal(created.status, 201, created.text);
      id = created.body.id;
      assert.match(id, /^[0-9a-f-]{36}$/);
      assert.equal(created.headers.get('location'), `https://roster.test/scim/v2/acme/Users/${id}`);
      assert.equal(created.headers.get('etag'), 'W/"1"');
      assert.deepEqual(created.body.meta, {
        resourceType: 'User',
        created: created.body.meta.created,
        lastModified: created.body.meta.created,
        location: `https://roster.test/scim/v2/acme/Users/${id}`,
        version: 'W/"1"',
      });
      assert.equal(created.body.userName, upn);
      assert.equal(created.body.active, true);
      assert.equal(created.body.roles, undefined, 'roles: [] is unassigned');
      assert.deepEqual(created.body.emails, [{ value: upn, type: 'work', primary: true }]);

      // Duplicate → 409 uniqueness, also when only the case differs.
      assertScimError(
        await h.call('POST', '/Users', { body: entraCreate(upn, 'other', upn) }),
        409,
        'uniqueness',
        /Barbara\.Jensen@contoso\.test/,
      );
      assertScimError(
        await h.call('POST', '/Users', { body: entraCreate(upn.toUpperCase(), 'x', upn) }),
        409,
        'uniqueness',
      );
    });

    it('3b. older payloads: explicit nulls and a mistyped extension URN are ignored', async () => {
      // Older payloads: explicit nulls and a mistyped extension URN are ignored.
      const older = await h.call('POST', '/Users', {
        body: {
          schemas: [coreUser, 'urn:ietf:params:scim:schemas:extension:enterprise:2.0User'],
          externalId: 'old',
          userName: 'old.payload@contoso.test',
          active: true,
          addresses: null,
          displayName: 'Old Payload',
          emails: [{ primary: true, type: 'work', value: 'old.payload@contoso.test' }],
          meta: { resourceType: 'User' },
          name: { familyName: 'Payload', givenName: 'Old', formatted: null },
          phoneNumbers: null,
          title: null,
          [enterpriseUser]: { department: null, manager: null },
        },
      });
      assert.equal(older.status, 201, older.text);
      assert.deepEqual(older.body.schemas, [coreUser]);
      assert.equal(older.body.title, undefined);
      assert.deepEqual(older.body.name, { familyName: 'Payload', givenName: 'Old' });
    });

    it('3c. match (step 2) after create finds exactly the user by each attribute', async () => {
      // 2 again. Match after create: exactly one, by each attribute.
      for (const filter of [
        `userName eq "${upn}"`,
        `userName eq "${upn.toLowerCase()}"`,
        'externalId eq "bjensen"',
        'externalId eq bjensen',
        `emails[type eq "work"].value eq "${upn}"`,
      ]) {
        const one = await h.call('GET', entraFilter(filter));
        assert.equal(one.body.totalResults, 1, filter);
        assert.equal(one.body.Resources[0].id, id, filter);
      }
    });

    it('4. get by id', async () => {
      // 4. Get.
      const got = await h.call('GET', `/Users/${id}`);
      assert.equal(got.status, 200);
      assert.equal(got.body.userName, upn);
    });

    it('5. update: several ops in one request → 200 with the resource', async () => {
      // 5. Update: several ops in one request → 200 with the resource.
      const updated = await h.call('PATCH', `/Users/${id}`, {
        body: {
          schemas: [patchOp],
          Operations: [
            { op: 'Replace', path: 'emails[type eq "work"].value', value: 'babs@contoso.test' },
            { op: 'Replace', path: 'name.familyName', value: 'Jensen-Smith' },
          ],
        },
      });
      assert.equal(updated.status, 200, updated.text);
      assert.deepEqual(updated.body.emails, [
        { value: 'babs@contoso.test', type: 'work', primary: true },
      ]);
      assert.equal(updated.body.name.familyName, 'Jensen-Smith');
      assert.equal(updated.headers.get('etag'), 'W/"2"');
    });

    it('6. disable/enable; a disabled user is still returned by GET and filters', async () => {
      // 6. Disable and enable: "False"/"True" strings by default, booleans with the flag.
      for (const [value, expected] of [
        [False, false],
        [True, true],
        [False, false],
      ] as const) {
        const toggled = await h.call('PATCH', `/Users/${id}`, {
          body: { Operations: [{ op: 'Replace', path: 'active', value }] },
        });
        assert.equal(toggled.status, 200, toggled.text);
        assert.equal(toggled.body.active, expected);
      }
      // A disabled user is still returned by GET and by filters.
      assert.equal((await h.call('GET', `/Users/${id}`)).body.active, false);
      const disabled = await h.call('GET', entraFilter(`userName eq "${upn}"`));
      assert.equal(disabled.body.totalResults, 1);
      assert.equal(disabled.body.Resources[0].active, false);
      const inactive = await h.call('GET', filterPath('Users', 'active eq false'));
      assert.deepEqual(
        inactive.body.Resources.map((u: { id: string }) => u.id),
        [id],
      );
    });

    it('7. first-time values arrive as Add', async () => {
      // 7. First-time values arrive as Add.
      const nick = await h.call('PATCH', `/Users/${id}`, {
        body: { Operations: [{ op: 'Add', path: 'nickName', value: 'Babs' }] },
      });
      assert.equal(nick.body.nickName, 'Babs');
    });

    it('8. several attributes in one request (flag: path-less dotted/URN keys)', async () => {
      // 8. (flag) several replaces as one path-less op with dotted and URN-qualified keys.
      if (flag) {
        const multi = await h.call('PATCH', `/Users/${id}`, {
          body: {
            schemas: [patchOp],
            Operations: [
              {
                op: 'replace',
                value: {
                  displayName: 'Babs Jensen',
                  'name.givenName': 'Babs',
                  [`${enterpriseUser}:employeeNumber`]: '7',
                },
              },
            ],
          },
        });
        assert.equal(multi.status, 200, multi.text);
        assert.equal(multi.body.displayName, 'Babs Jensen');
        assert.equal(multi.body.name.givenName, 'Babs');
        assert.equal(multi.body[enterpriseUser].employeeNumber, '7');
        assert.ok(multi.body.schemas.includes(enterpriseUser));
      } else {
        const dept = await h.call('PATCH', `/Users/${id}`, {
          body: {
            Operations: [
              { op: 'Add', path: `${enterpriseUser}:department`, value: 'Sales' },
              { op: 'Replace', path: 'displayName', value: 'Babs Jensen' },
            ],
          },
        });
        assert.equal(dept.body[enterpriseUser].department, 'Sales');
        assert.equal(dept.body.displayName, 'Babs Jensen');
      }
    });

    it('9. manager as a bare string and as a list, check query, removal by filter', async () => {
      // 9. Manager: a bare string, then a list; the check query; removal by filter.
      const boss1 = (
        await h.call('POST', '/Users', {
          body: entraCreate('boss1@contoso.test', 'b1', 'boss1@contoso.test'),
        })
      ).body.id;
      const boss2 = (
        await h.call('POST', '/Users', {
          body: entraCreate('boss2@contoso.test', 'b2', 'boss2@contoso.test'),
        })
      ).body.id;
      const managed = await h.call('PATCH', `/Users/${id}`, {
        body: {
          Operations: [{ op: 'Add', path: `${enterpriseUser}:manager`, value: boss1 }],
        },
      });
      assert.equal(managed.status, 200, managed.text);
      assert.equal(managed.body[enterpriseUser].manager.value, boss1);
      const check = await h.call(
        'GET',
        entraFilter(`id eq "${id}" and manager eq "${boss1}"`, '&attributes=id'),
      );
      assert.equal(check.body.totalResults, 1);
      assert.deepEqual(Object.keys(check.body.Resources[0]).sort(), ['id', 'schemas']);
      assert.equal(check.body.Resources[0].id, id);
      const listed = await h.call('PATCH', `/Users/${id}`, {
        body: {
          Operations: [
            {
              op: 'Add',
              path: 'manager',
              value: [{ $ref: `https://roster.test/scim/v2/acme/Users/${boss2}`, value: boss2 }],
            },
          ],
        },
      });
      assert.equal(listed.status, 200, listed.text);
      assert.equal(listed.body[enterpriseUser].manager.value, boss2);
      const stale = await h.call(
        'GET',
        entraFilter(`id eq "${id}" and manager eq "${boss1}"`, '&attributes=id'),
      );
      assert.equal(stale.body.totalResults, 0);
      // Removing the old manager by filter must never remove the newer one.
      const keep = await h.call('PATCH', `/Users/${id}`, {
        body: { Operations: [{ op: 'remove', path: `manager[value eq "${boss1}"]` }] },
      });
      assert.equal(keep.status, 200, keep.text);
      assert.equal(keep.body[enterpriseUser].manager.value, boss2);
      const removed = await h.call('PATCH', `/Users/${id}`, {
        body: { Operations: [{ op: 'remove', path: `manager[value eq "${boss2}"]` }] },
      });
      assert.equal(removed.body[enterpriseUser]?.manager, undefined);
    });

    it('10. roles as JSON strings and roles[primary eq "True"].value', async () => {
      // 10. Roles: a role as a JSON string holding an object, then roles[primary eq "True"].value.
      const roles = await h.call('PATCH', `/Users/${id}`, {
        body: {
          Operations: [
            {
              op: 'Add',
              path: 'roles',
              value: [
                '{"value":"Admin","primary":"True","type":"WindowsAzureActiveDirectoryRole"}',
              ],
            },
          ],
        },
      });
      assert.equal(roles.status, 200, roles.text);
      assert.deepEqual(roles.body.roles, [
        { value: 'Admin', type: 'WindowsAzureActiveDirectoryRole', primary: true },
      ]);
      const primaryRole = await h.call('PATCH', `/Users/${id}`, {
        body: {
          Operations: [{ op: 'Replace', path: 'roles[primary eq "True"].value', value: 'Reader' }],
        },
      });
      assert.equal(primaryRole.body.roles[0].value, 'Reader');
    });

    it('11. delete → 204, then 404 and no match', async () => {
      // 11. Delete → 204; then 404 by id and nothing by filter.
      const deleted = await h.call('DELETE', `/Users/${id}`);
      assert.equal(deleted.status, 204);
      assert.equal(deleted.text, '');
      assertScimError(await h.call('GET', `/Users/${id}`), 404);
      assert.equal((await h.call('GET', entraFilter(`userName eq "${upn}"`))).body.totalResults, 0);
      assertScimError(await h.call('DELETE', `/Users/${id}`), 404);
    });
  });
}
