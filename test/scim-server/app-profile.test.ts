// A Wrike-like app profile (entra-scim-contract.md, "Wrike as a target"): users only, userName
// equal to the work email, approved domains only, each refusal a 400 saying why.
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { assertScimError, coreGroup, coreUser, createHarness, type Harness } from './support.ts';

const wrike = { groups: false, userNameIsEmail: true, allowedEmailDomains: ['acme.test'] };

const person = (userName: string, email?: string) => ({
  schemas: [coreUser],
  userName,
  ...(email !== undefined && { emails: [{ type: 'work', primary: true, value: email }] }),
});

describe('Wrike-like app profile', () => {
  let h: Harness;
  let id: string;

  before(async () => {
    h = await createHarness({ profile: wrike });
  });

  it('accepts a user whose userName is its work email in an allowed domain', async () => {
    const ok = await h.call('POST', '/Users', { body: person('Ann@Acme.test', 'ann@acme.test') });
    assert.equal(ok.status, 201, ok.text);
    id = ok.body.id;
    const noEmail = await h.call('POST', '/Users', { body: person('bob@acme.test') });
    assert.equal(noEmail.status, 201, 'with no email, userName itself must be an allowed address');
  });

  it('refuses a userName that is not the work email', async () => {
    assertScimError(
      await h.call('POST', '/Users', { body: person('ann.smith', 'ann.smith@acme.test') }),
      400,
      'invalidValue',
      /userName to equal the user's work email "ann.smith@acme.test", got "ann.smith"/,
    );
    assertScimError(
      await h.call('POST', '/Users', { body: person('carl') }),
      400,
      'invalidValue',
      /email address/,
    );
  });

  it('refuses emails outside the allowed domains, naming the domain and the list', async () => {
    assertScimError(
      await h.call('POST', '/Users', { body: person('eve@evil.test', 'eve@evil.test') }),
      400,
      'invalidValue',
      /"evil\.test", which this app does not accept \(allowed: acme\.test\)/,
    );
    assertScimError(
      await h.call('POST', '/Users', {
        body: {
          ...person('dan@acme.test', 'dan@acme.test'),
          emails: [
            { type: 'work', value: 'dan@acme.test' },
            { type: 'home', value: 'dan@home.test' },
          ],
        },
      }),
      400,
      'invalidValue',
      /dan@home\.test/,
    );
  });

  it('applies to PUT and PATCH writes of userName or emails, not to other changes', async () => {
    assertScimError(
      await h.call('PATCH', `/Users/${id}`, {
        body: {
          Operations: [
            { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ann@other.test' },
          ],
        },
      }),
      400,
      'invalidValue',
      /other\.test/,
    );
    assertScimError(
      await h.call('PUT', `/Users/${id}`, { body: person('ann@acme.test', 'x@acme.test') }),
      400,
      'invalidValue',
    );
    const both = await h.call('PATCH', `/Users/${id}`, {
      body: {
        Operations: [
          { op: 'Replace', path: 'userName', value: 'ann.new@acme.test' },
          { op: 'Replace', path: 'emails[type eq "work"].value', value: 'ann.new@acme.test' },
        ],
      },
    });
    assert.equal(both.status, 200, both.text);
    // A user stored before the profile got stricter can still be disabled.
    await h.store.tenants.setProfile(h.tenant.id, {
      ...wrike,
      allowedEmailDomains: ['acme.example'],
    });
    const disabled = await h.call('PATCH', `/Users/${id}`, {
      body: { Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
    });
    assert.equal(disabled.status, 200, disabled.text);
    await h.store.tenants.setProfile(h.tenant.id, wrike);
  });

  it('answers 404 for every Groups endpoint, saying groups are off for this app', async () => {
    assertScimError(await h.call('GET', '/Groups'), 404, undefined, /does not accept groups/);
    assertScimError(
      await h.call('POST', '/Groups', { body: { schemas: [coreGroup], displayName: 'G' } }),
      404,
      undefined,
      /groups/,
    );
    assertScimError(await h.call('GET', '/Groups/abc'), 404, undefined, /groups/);
    assertScimError(await h.call('POST', '/Groups/.search', { body: {} }), 404);
    const user = await h.call('GET', `/Users/${id}`);
    assert.equal(user.body.groups, undefined);
  });

  it('an invalid stored profile is a logged 500, not a client error', async () => {
    await h.store.tenants.setProfile(h.tenant.id, { groups: 'no' });
    const answer = await h.call('GET', '/Users');
    assert.equal(answer.status, 500);
    assert.match(
      String(h.log.lines.find((l) => l.level === 'error')?.fields.err),
      /"groups" must be true or false/,
    );
    await h.store.tenants.setProfile(h.tenant.id, wrike);
  });
});
