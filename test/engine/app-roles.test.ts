/**
 * App roles to a SCIM app (Entra customize-application-attributes.md, § Provisioning a role to
 * a SCIM app), end to end with the generic SCIM template behind the strict RFC target: the
 * user's [appRoleAssignments] come from the app's assignments — direct and through assigned
 * groups — so AssertiveAppRoleAssignmentsComplex makes the target's roles exactly the assigned
 * ones (removing one unassigned), AppRoleAssignmentsComplex only adds (never removes), and
 * SingleAppRoleAssignment writes the one role to roles[primary eq "True"].value. Role changes
 * reach the target in incremental cycles.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createEngineHarness, tenantUrl } from './support.ts';

type Harness = Awaited<ReturnType<typeof createEngineHarness>>;

async function harnessWithRoles(source: string, target: string): Promise<Harness> {
  const h = await createEngineHarness({ strict: true });
  const record = (await h.store.directory.apps.get(h.app.id))!;
  const data = record.data as { appRoles: Record<string, unknown>[] };
  for (const value of ['Admin', 'Reader', 'Writer'])
    data.appRoles.push({
      id: `role-${value.toLowerCase()}`,
      displayName: value,
      value,
      description: `${value} in the app`,
      allowedMemberTypes: ['user', 'group'],
      provisioned: true,
    });
  await h.store.directory.apps.update({
    id: record.id,
    data: { name: record.name, data },
    ifVersion: record.version,
  });
  const mappings = await h.provisioning.jobs.getMappings(h.app.id);
  mappings.objectMappings
    .find((m) => m.source === 'user')!
    .attributeMappings.push({ type: 'expression', source, target });
  await h.provisioning.jobs.setMappings(h.app.id, mappings);
  return h;
}

const roleValues = async (h: Harness, userName: string) =>
  (((await h.userNamed(userName))?.roles as { value: string }[] | undefined) ?? [])
    .map((r) => r.value)
    .sort();

async function groupWithRole(h: Harness, name: string, members: string[], role: string) {
  const group = await h.directory.groups.add({ displayName: name, securityEnabled: true });
  await h.directory.groups.addMembers(group.id, members);
  return { group, assignment: await h.assign('group', group.id, role) };
}

describe('app roles from assignments to the target (generic SCIM template)', () => {
  test('AssertiveAppRoleAssignmentsComplex: exactly the assigned roles, direct and through groups', async () => {
    const h = await harnessWithRoles(
      'AssertiveAppRoleAssignmentsComplex([appRoleAssignments])',
      'roles',
    );
    try {
      const ann = await h.addUser('ann@contoso.test');
      await h.assign('user', ann.id, 'Admin');
      const { assignment } = await groupWithRole(h, 'Readers', [ann.id], 'Reader');
      await h.run();
      assert.deepEqual(await roleValues(h, 'ann@contoso.test'), ['Admin', 'Reader']);
      const roles = (await h.userNamed('ann@contoso.test'))!.roles as Record<string, unknown>[];
      assert.deepEqual(
        roles.find((r) => r.value === 'Admin'),
        {
          primary: false,
          type: 'WindowsAzureActiveDirectoryRole',
          display: 'Admin',
          value: 'Admin',
        },
      );

      // The group's assignment goes: its members lose the role on the next (incremental) cycle.
      await h.directory.assignments.unassign(h.app.id, assignment.id);
      const report = await h.run();
      assert.equal(report.kind, 'incremental');
      assert.deepEqual(await roleValues(h, 'ann@contoso.test'), ['Admin']);
      assert.equal(h.strict!.violations.length, 0, JSON.stringify(h.strict!.violations));
    } finally {
      await h.close();
    }
  });

  test('AppRoleAssignmentsComplex: roles are added, never removed', async () => {
    const h = await harnessWithRoles('AppRoleAssignmentsComplex([appRoleAssignments])', 'roles');
    try {
      const bo = await h.addUser('bo@contoso.test');
      const direct = await h.assign('user', bo.id, 'Admin');
      await h.run();
      assert.deepEqual(await roleValues(h, 'bo@contoso.test'), ['Admin']);
      await groupWithRole(h, 'Writers', [bo.id], 'Writer');
      const added = await h.run();
      const entry = (await h.logsOf(added)).find((e) => e.sourceIdentity === 'bo@contoso.test');
      assert.equal(entry?.action, 'Update');
      assert.ok(
        h.strict!.requests.some((r) => r.startsWith('PATCH /scim/v2/acme/Users/')),
        'sent as a PATCH',
      );
      assert.deepEqual(await roleValues(h, 'bo@contoso.test'), ['Admin', 'Writer']);
      // Unassigning the direct Admin role leaves it on the target (the group keeps Bo in scope).
      await h.directory.assignments.unassign(h.app.id, direct.id);
      await h.run();
      assert.deepEqual(await roleValues(h, 'bo@contoso.test'), ['Admin', 'Writer']);
      assert.equal(h.strict!.violations.length, 0, JSON.stringify(h.strict!.violations));
    } finally {
      await h.close();
    }
  });

  test('SingleAppRoleAssignment: the one role as roles[primary eq "True"].value', async () => {
    const h = await harnessWithRoles(
      'SingleAppRoleAssignment([appRoleAssignments])',
      'roles[primary eq "True"].value',
    );
    try {
      const cy = await h.addUser('cy@contoso.test');
      const reader = await h.assign('user', cy.id, 'Reader');
      await h.run();
      const created = await h.userNamed('cy@contoso.test');
      assert.deepEqual(created?.roles, [{ primary: true, value: 'Reader' }]);
      await h.directory.assignments.unassign(h.app.id, reader.id);
      await h.assign('user', cy.id, 'Writer');
      await h.run();
      assert.deepEqual((await h.userNamed('cy@contoso.test'))?.roles, [
        { primary: true, value: 'Writer' },
      ]);
      // Provision on demand shows the roles it read in the trace.
      const [result] = (await h.provisioning.onDemand(h.app.id, { subject: 'cy@contoso.test' }))
        .results;
      const read = result!.steps[0]!.details!.attributes as Record<string, unknown>;
      assert.deepEqual(
        (read.appRoleAssignments as { value: string }[]).map((a) => a.value),
        ['Writer'],
      );
      assert.ok(tenantUrl);
    } finally {
      await h.close();
    }
  });
});
