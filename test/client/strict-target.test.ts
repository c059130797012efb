// The strict target must catch what it is there to catch, or its silence proves nothing.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkRequest } from './strict-target.ts';

const headers = (body: boolean) =>
  new Headers({
    Authorization: 'Bearer t',
    ...(body && { 'Content-Type': 'application/scim+json' }),
  });
const url = (path: string) => new URL(`https://roster.test/scim/v2/acme${path}`);
const patch = (Operations: unknown[]) =>
  JSON.stringify({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });

describe('strict target', () => {
  const entraShapes: [string, string, string, string | undefined, RegExp][] = [
    [
      'string boolean',
      'PATCH',
      '/Users/x',
      patch([{ op: 'Replace', path: 'active', value: 'False' }]),
      /op "Replace"|active must be a boolean/,
    ],
    [
      'remove with a value list',
      'PATCH',
      '/Groups/g',
      patch([{ op: 'remove', path: 'members', value: [{ value: 'u' }] }]),
      /remove with a value/,
    ],
    [
      'add through a value filter',
      'PATCH',
      '/Users/x',
      patch([{ op: 'add', path: 'emails[type eq "work"].value', value: 'a@b' }]),
      /add through a value filter/,
    ],
    [
      'path-less dotted keys',
      'PATCH',
      '/Users/x',
      patch([{ op: 'replace', value: { 'name.givenName': 'A' } }]),
      /dotted keys/,
    ],
    [
      'Entra matching filter',
      'GET',
      `/Users?filter=${encodeURIComponent('emails[type eq "work"].value eq "a@b"')}`,
      undefined,
      /Entra-style filter/,
    ],
    [
      'unquoted filter value',
      'GET',
      `/Users?filter=${encodeURIComponent('externalId eq jyoung')}`,
      undefined,
      /unquoted/,
    ],
    [
      '+ for a space',
      'GET',
      '/Users?filter=userName+eq+%22a%22',
      undefined,
      /encode spaces as %20/,
    ],
    [
      'POST without schemas, with id, meta and nulls',
      'POST',
      '/Users',
      JSON.stringify({ id: 'x', meta: {}, userName: 'a', nickName: null }),
      /missing schemas/,
    ],
  ];
  for (const [name, method, path, body, problem] of entraShapes) {
    it(`refuses ${name}`, () => {
      const problems = checkRequest(method, url(path), headers(body !== undefined), body);
      assert.ok(
        problems.some((p) => problem.test(p)),
        problems.join('; '),
      );
    });
  }

  it('accepts the RFC forms', () => {
    const ok: [string, string, string | undefined][] = [
      [
        'GET',
        `/Users?filter=${encodeURIComponent('emails[type eq "work" and value eq "a b"]')}&count=2`,
        undefined,
      ],
      [
        'PATCH',
        '/Users/x',
        patch([
          { op: 'replace', path: 'active', value: false },
          { op: 'remove', path: 'emails[type eq "work"]' },
          { op: 'add', path: 'emails', value: [{ type: 'work', value: 'a@b' }] },
        ]),
      ],
      [
        'POST',
        '/Users',
        JSON.stringify({
          schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
          userName: 'a',
          active: true,
        }),
      ],
    ];
    for (const [method, path, body] of ok) {
      assert.deepEqual(
        checkRequest(method, url(path), headers(body !== undefined), body),
        [],
        path,
      );
    }
  });
});
