import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AttrPath } from '../filter/ast.ts';
import { stringifyAttrPath } from '../filter/stringify.ts';
import { parseAttributeList } from './attribute-list.ts';

const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const cases: [string | undefined, AttrPath[]][] = [
  [undefined, []],
  ['', []],
  [' , ,, ', []],
  ['userName', [{ name: 'userName' }]],
  [' userName ,displayName', [{ name: 'userName' }, { name: 'displayName' }]],
  ['name.givenName', [{ name: 'name', subAttr: 'givenName' }]],
  [`${enterprise}:manager.value`, [{ uri: enterprise, name: 'manager', subAttr: 'value' }]],
  [`${enterprise}:employeeNumber`, [{ uri: enterprise, name: 'employeeNumber' }]],
  // A schema URN alone: split at the last ':'; projection recognises it as a whole schema.
  [enterprise, [{ uri: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0', name: 'User' }]],
  ['members,,meta.lastModified', [{ name: 'members' }, { name: 'meta', subAttr: 'lastModified' }]],
  // Not an attribute name; kept as written so that projection can ignore it.
  ['emails[type eq "work"]', [{ name: 'emails[type eq "work"]' }]],
];

for (const [csv, expected] of cases) {
  test(`parseAttributeList(${JSON.stringify(csv)})`, () => {
    assert.deepEqual(parseAttributeList(csv), expected);
  });
}

test('stringifyAttrPath reverses parsing', () => {
  for (const text of ['userName', 'name.givenName', `${enterprise}:manager.value`, enterprise]) {
    assert.equal(stringifyAttrPath(parseAttributeList(text)[0]!), text);
  }
});
