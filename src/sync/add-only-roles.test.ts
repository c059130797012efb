// AppRoleAssignmentsComplex only adds roles to the target (Entra customize-application-
// attributes.md): the roles the target lacks go out in one `add`, present ones (compared by
// `value`) and roles the target has beyond the assignments are left alone; the Assertive
// variant replaces the list, so roles no longer assigned are removed. SingleAppRoleAssignment's
// target `roles[primary eq "True"].value` selects the element whose boolean primary is true.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createUserSchema } from '../scim/index.ts';
import { diffToPatch } from './diff-to-patch.ts';
import { exportObject } from './export-object.ts';
import { resolveTargetSlot } from './target-slot.ts';
import { compileUsers } from './test-support.ts';

const now = new Date('2026-03-01T00:00:00Z');
const role = (value: string) => ({
  primary: false,
  type: 'WindowsAzureActiveDirectoryRole',
  display: value,
  value,
});
const source = {
  userPrincipalName: 'ann@contoso.test',
  appRoleAssignments: [
    { id: 'r1', value: 'Admin', displayName: 'Admin' },
    { id: 'r2', value: 'Reader', displayName: 'Reader' },
  ],
};
const mappingWith = (fn: string) =>
  compileUsers([
    { type: 'direct', source: 'userPrincipalName', target: 'userName', matchingPrecedence: 1 },
    { type: 'expression', source: `${fn}([appRoleAssignments])`, target: 'roles' },
  ]);
const current = (roles: unknown[]) => ({
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
  id: 't1',
  userName: 'ann@contoso.test',
  roles,
});

describe('role mappings: add-only and assertive', () => {
  it('AppRoleAssignmentsComplex adds the missing roles and removes none', () => {
    const mapping = mappingWith('AppRoleAssignmentsComplex');
    const exported = exportObject(source, mapping, { mode: 'update', now });
    const extra = { value: 'Legacy', display: 'Legacy' };
    // The target drops `type` and keeps a role of its own: only Reader is missing.
    const ops = diffToPatch(
      current([{ value: 'Admin', display: 'Admin' }, extra]),
      exported,
      mapping,
    );
    assert.deepEqual(ops, [{ op: 'add', path: 'roles', value: [role('Reader')] }]);
    assert.deepEqual(
      diffToPatch(current([role('Reader'), extra, role('Admin')]), exported, mapping),
      [],
    );
    const none = exportObject({ ...source, appRoleAssignments: [] }, mapping, {
      mode: 'update',
      now,
    });
    assert.deepEqual(diffToPatch(current([role('Admin')]), none, mapping), [], 'never removes');
    assert.deepEqual(diffToPatch(current([]), exported, mapping), [
      { op: 'add', path: 'roles', value: [role('Admin'), role('Reader')] },
    ]);
  });

  it('AssertiveAppRoleAssignmentsComplex makes the list exactly the assigned roles', () => {
    const mapping = mappingWith('AssertiveAppRoleAssignmentsComplex');
    const exported = exportObject(source, mapping, { mode: 'update', now });
    assert.deepEqual(diffToPatch(current([role('Admin'), role('Legacy')]), exported, mapping), [
      { op: 'replace', path: 'roles', value: [role('Admin'), role('Reader')] },
    ]);
    const none = exportObject({ ...source, appRoleAssignments: [] }, mapping, {
      mode: 'update',
      now,
    });
    const ops = diffToPatch(current([role('Admin')]), none, mapping);
    assert.equal(ops.length, 1);
    assert.ok(
      ops[0]!.op === 'remove' || (ops[0]!.op === 'replace' && Array.isArray(ops[0]!.value)),
    );
  });

  it('roles[primary eq "True"] tests the boolean primary, as Entra spells it', () => {
    const resolved = resolveTargetSlot('roles[primary eq "True"].value', createUserSchema());
    assert.ok(resolved.ok);
    assert.deepEqual(resolved.slot.selector, [['primary', true]]);
  });
});
