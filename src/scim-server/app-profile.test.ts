import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppProfileError, defaultAppProfile, parseAppProfile } from './app-profile.ts';

describe('parseAppProfile', () => {
  it('fills defaults: {} and null are the generic profile', () => {
    assert.deepEqual(parseAppProfile({}), defaultAppProfile);
    assert.deepEqual(parseAppProfile(null), defaultAppProfile);
    assert.deepEqual(defaultAppProfile, {
      groups: true,
      userNameIsEmail: false,
      allowedEmailDomains: [],
    });
  });

  it('reads a Wrike-like profile, normalising domains', () => {
    assert.deepEqual(
      parseAppProfile({
        groups: false,
        userNameIsEmail: true,
        allowedEmailDomains: ['@Acme.Test', 'acme.test', 'eu.acme.test'],
      }),
      { groups: false, userNameIsEmail: true, allowedEmailDomains: ['acme.test', 'eu.acme.test'] },
    );
  });

  const refused: [unknown, RegExp][] = [
    ['wrike', /must be a JSON object/],
    [{ groups: 'false' }, /"groups" must be true or false, got "false"/],
    [{ userNameIsMail: true }, /Unknown app profile key "userNameIsMail"/],
    [{ allowedEmailDomains: 'acme.test' }, /must be a list of domains/],
    [{ allowedEmailDomains: ['acme'] }, /"acme", which is not a domain name/],
    [{ allowedEmailDomains: ['*.acme.test'] }, /not a domain name/],
  ];
  for (const [input, message] of refused) {
    it(`refuses ${JSON.stringify(input)}`, () => {
      assert.throws(
        () => parseAppProfile(input),
        (error: unknown) => error instanceof AppProfileError && message.test(error.message),
      );
    });
  }
});
