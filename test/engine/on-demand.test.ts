/**
 * Provision on demand through the engine, into Roster's own SCIM app behind the strict RFC
 * target: the step trace of a user (import with the attributes read, scope with the
 * assignments, match with each filter and count, action with the exported resource), a match
 * of an existing target user, a group with its members, out-of-scope and scoping-filter skips,
 * a disable, the refusals (unknown subject, group too large, manual mode, no credentials, a
 * cycle holding the lease), and that the next cycle finds nothing left to do.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { isProvisioningError } from '../../src/engine/index.ts';
import { createEngineHarness, tenantUrl } from './support.ts';

type Harness = Awaited<ReturnType<typeof createEngineHarness>>;

const stepNames = (r: { steps: { name: string }[] }) => r.steps.map((s) => s.name);

async function refusal(promise: Promise<unknown>): Promise<{ kind: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    if (isProvisioningError(error)) return { kind: error.kind, message: error.message };
    throw error;
  }
  assert.fail('expected a refusal');
}

describe('provision on demand (engine)', () => {
  let h: Harness;
  before(async () => {
    h = await createEngineHarness({ strict: true });
  });
  after(() => h.close());

  test('an unassigned user is skipped with the reason; nothing reaches the target', async () => {
    await h.addUser('nobody@contoso.test');
    const report = await h.provisioning.onDemand(h.app.id, { subject: 'NOBODY@contoso.test' });
    assert.equal(report.results.length, 1);
    const [result] = report.results;
    assert.equal(result!.status, 'Skipped');
    assert.equal(result!.errorCode, 'NotEffectivelyEntitled');
    assert.deepEqual(stepNames(result!), ['import', 'scope', 'action']);
    const scope = result!.steps[1]!;
    assert.equal(scope.status, 'Skipped');
    assert.match(scope.description, /not assigned/);
    assert.deepEqual(scope.details?.assignments, [
      'no assignment with a provisioned role (Default Access does not count)',
    ]);
    assert.equal(result!.exported, null);
    assert.equal(await h.userNamed('nobody@contoso.test'), undefined);
  });

  test('a user: created, with the whole trace, logged under its own onDemand cycle', async () => {
    const ann = await h.addUser('ann@contoso.test', { jobTitle: 'Engineer' });
    await h.assign('user', ann.id);
    const watermark = (await h.provisioning.jobs.get(h.app.id)).watermark;
    const report = await h.provisioning.onDemand(h.app.id, { subject: ann.id });
    const [result] = report.results;
    assert.equal(result!.action, 'Create');
    assert.equal(result!.status, 'Success');
    assert.deepEqual(stepNames(result!), ['import', 'scope', 'match', 'action']);
    const [imported, scope, match, action] = result!.steps;
    assert.equal(
      (imported!.details!.attributes as Record<string, unknown>).jobTitle,
      'Engineer',
      'import shows what was read',
    );
    assert.deepEqual(scope!.details?.assignments, ['assigned directly with role User']);
    assert.deepEqual(match!.details?.attempts, [
      {
        attribute: 'userName',
        value: 'ann@contoso.test',
        filter: 'userName eq "ann@contoso.test"',
        found: 0,
      },
    ]);
    const exported = action!.details?.exported as Record<string, unknown>;
    assert.equal(exported.userName, 'ann@contoso.test');
    assert.equal(exported.title, 'Engineer');
    assert.deepEqual(result!.exported, exported);
    const target = await h.userNamed('ann@contoso.test');
    assert.equal(result!.targetId, target?.id);
    assert.ok(result!.modifiedProperties.some((p) => p.name === 'title' && p.new === 'Engineer'));

    // Its own cycle row, and its entries are found by it.
    const cycle = await h.store.provisioning.cycles.get(report.cycleId);
    assert.equal(cycle?.kind, 'onDemand');
    assert.equal(cycle?.status, 'succeeded');
    const logs = await h.provisioning.logs(h.app.id, { cycleId: report.cycleId });
    assert.deepEqual(
      logs.entries.map((e) => `${e.action}/${e.status} ${e.sourceIdentity}`),
      ['Create/Success ann@contoso.test'],
    );
    // The schedule and the watermark are the cycles'.
    const job = await h.provisioning.jobs.get(h.app.id);
    assert.equal(job.watermark, watermark);
    assert.equal((await h.provisioning.status(h.app.id)).statistics.cycles, 0);
    assert.equal(h.strict!.violations.length, 0, JSON.stringify(h.strict!.violations));
  });

  test('the next cycle sees no difference: nothing to write for what on demand did', async () => {
    const report = await h.run();
    const entries = await h.logsOf(report);
    const ann = entries.find((e) => e.sourceIdentity === 'ann@contoso.test');
    assert.equal(ann?.status, 'Skipped');
    assert.equal(ann?.errorCode, 'RedundantExport');
    assert.equal((await h.targetUsers()).length, 1, 'no duplicate');
    const again = await h.run();
    assert.deepEqual(
      (await h.logsOf(again)).filter((e) => e.status !== 'Skipped'),
      [],
      'the incremental cycle after it has nothing to do either',
    );
  });

  test('an existing target user is matched and linked; the trace shows the match', async () => {
    const created = await h.scim.request(`${tenantUrl}/Users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${h.token}`, 'content-type': 'application/scim+json' },
      body: JSON.stringify({
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
        userName: 'cy@contoso.test',
        displayName: 'old name',
      }),
    });
    const targetId = ((await created.json()) as { id: string }).id;
    const cy = await h.addUser('cy@contoso.test');
    await h.assign('user', cy.id);
    const { results } = await h.provisioning.onDemand(h.app.id, {
      subject: 'cy@contoso.test',
      objectType: 'user',
    });
    const [result] = results;
    assert.equal(result!.action, 'Update');
    assert.equal(result!.targetId, targetId);
    const match = result!.steps.find((s) => s.name === 'match')!;
    assert.match(match.description, /Matched/);
    assert.equal((match.details!.attempts as { found: number }[])[0]!.found, 1);
    assert.deepEqual(
      result!.modifiedProperties.find((p) => p.name === 'displayName'),
      { name: 'displayName', old: 'old name', new: 'cy' },
    );
    const operations = result!.steps.at(-1)!.details?.operations as { path: string }[];
    assert.ok(operations.some((o) => o.path === 'displayName'));
    assert.equal((await h.targetUsers()).filter((u) => u.userName === 'cy@contoso.test').length, 1);
  });

  test('a group with its members: the group first, then one result per member', async () => {
    const dee = await h.addUser('dee@contoso.test');
    const eli = await h.addUser('eli@contoso.test');
    const ops = await h.directory.groups.add({ displayName: 'Ops', securityEnabled: true });
    await h.directory.groups.addMembers(ops.id, [dee.id, eli.id]);
    await h.assign('group', ops.id);
    const { results } = await h.provisioning.onDemand(h.app.id, { subject: 'Ops' });
    assert.deepEqual(
      results.map((r) => `${r.objectType} ${r.sourceIdentity} ${r.action}/${r.status}`),
      [
        'group Ops Create/Success',
        'user dee@contoso.test Create/Success',
        'user eli@contoso.test Create/Success',
      ],
    );
    const group = await h.groupNamed('Ops');
    const ids = [
      (await h.userNamed('dee@contoso.test'))!.id,
      (await h.userNamed('eli@contoso.test'))!.id,
    ];
    assert.deepEqual(h.memberIds(group), ids.sort());
    assert.ok(
      results[0]!.modifiedProperties.some(
        (p) => p.name === 'members' && (p.new as { added: number }).added === 2,
      ),
    );
    assert.deepEqual(results[1]!.steps.find((s) => s.name === 'scope')!.details?.assignments, [
      'assigned through group Ops with role User',
    ]);
  });

  test('a scoping filter leaves a user out, with the clause that decided it', async () => {
    const mappings = await h.provisioning.jobs.getMappings(h.app.id);
    const users = mappings.objectMappings.find((m) => m.source === 'user')!;
    users.scopingFilters = [
      { clauses: [{ attribute: 'department', operator: 'EQUALS', value: 'Sales' }] },
    ];
    await h.provisioning.jobs.setMappings(h.app.id, mappings);
    const fay = await h.addUser('fay@contoso.test', { department: 'Legal' });
    await h.assign('user', fay.id);
    const [result] = (await h.provisioning.onDemand(h.app.id, { subject: 'fay@contoso.test' }))
      .results;
    assert.equal(result!.errorCode, 'OutOfScope');
    const scope = result!.steps.find((s) => s.name === 'scope')!;
    assert.ok((scope.details!.clauses as string[]).some((c) => /department/.test(c)));
    users.scopingFilters = [];
    await h.provisioning.jobs.setMappings(h.app.id, mappings);
  });

  test('an unassigned, provisioned user is disabled', async () => {
    const ann = await h.directory.users.get('ann@contoso.test');
    for (const a of await h.directory.assignments.ofPrincipal(ann.id))
      await h.directory.assignments.unassign(h.app.id, a.id);
    const [result] = (await h.provisioning.onDemand(h.app.id, { subject: ann.id })).results;
    assert.equal(result!.action, 'Disable');
    assert.equal(result!.status, 'Success');
    assert.equal((await h.userNamed('ann@contoso.test'))!.active, false);
  });

  test('refusals in words: unknown subject, a group of more than 5, manual mode, no credentials', async () => {
    const unknown = await refusal(h.provisioning.onDemand(h.app.id, { subject: 'ghost@x.test' }));
    assert.equal(unknown.kind, 'notFound');
    assert.match(unknown.message, /"ghost@x\.test"/);
    const big = await h.directory.groups.add({ displayName: 'Big', securityEnabled: true });
    const six = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => h.addUser(`big${n}@contoso.test`)));
    await h.directory.groups.addMembers(
      big.id,
      six.map((u) => u.id),
    );
    const tooBig = await refusal(
      h.provisioning.onDemand(h.app.id, { subject: 'Big', objectType: 'group' }),
    );
    assert.equal(tooBig.kind, 'invalid');
    assert.match(
      tooBig.message,
      /"Big" has 6 members; provision on demand takes a group of at most 5/,
    );
    const asGroup = await refusal(
      h.provisioning.onDemand(h.app.id, { subject: 'dee@contoso.test', objectType: 'group' }),
    );
    assert.equal(asGroup.kind, 'notFound');

    await h.provisioning.jobs.updateSettings(h.app.id, { mode: 'manual' });
    const manual = await refusal(
      h.provisioning.onDemand(h.app.id, { subject: 'dee@contoso.test' }),
    );
    assert.equal(manual.kind, 'invalid');
    assert.match(manual.message, /mode is manual/);
    await h.provisioning.jobs.updateSettings(h.app.id, { mode: 'automatic' });

    const other = await h.directory.apps.add({ template: 'generic-scim', name: 'NoCreds' });
    await h.provisioning.jobs.updateSettings(other.id, { mode: 'automatic' });
    const noCredentials = await refusal(
      h.provisioning.onDemand(other.id, { subject: 'dee@contoso.test' }),
    );
    assert.equal(noCredentials.kind, 'invalid');
    assert.match(noCredentials.message, /Tenant URL and Secret Token/);
  });

  test('a cycle holding the lease: on demand waits for it, or answers conflict', async () => {
    const now = new Date();
    const held = await h.store.provisioning.jobs.claim(
      h.app.id,
      'other-host:1/cycle',
      new Date(now.getTime() + 60_000).toISOString(),
      now.toISOString(),
    );
    assert.ok(held);
    const busy = await refusal(
      h.provisioning.onDemand(h.app.id, { subject: 'dee@contoso.test' }, { waitMs: 0 }),
    );
    assert.equal(busy.kind, 'conflict');
    assert.match(busy.message, /a cycle of Acme is running/);
    // The other process finishes while we wait: on demand goes ahead.
    let slept = 0;
    const report = await h.provisioning.onDemand(
      h.app.id,
      { subject: 'dee@contoso.test' },
      {
        waitMs: 10_000,
        sleep: async () => {
          slept++;
          await h.store.provisioning.jobs.release(h.app.id, 'other-host:1/cycle');
        },
      },
    );
    assert.equal(slept, 1);
    assert.equal(report.results[0]!.sourceIdentity, 'dee@contoso.test');

    // A real cycle running beside it: both go through, one after the other, no duplicates.
    const gus = await h.addUser('gus@contoso.test');
    await h.assign('user', gus.id);
    const [cycle, onDemand] = await Promise.all([
      h.provisioning.runCycle(h.app.id),
      h.provisioning.onDemand(h.app.id, { subject: 'gus@contoso.test' }, { waitMs: 60_000 }),
    ]);
    assert.equal(cycle.status, 'succeeded');
    assert.equal(onDemand.results[0]!.status === 'Failure', false);
    assert.equal(
      (await h.targetUsers()).filter((u) => u.userName === 'gus@contoso.test').length,
      1,
    );
  });
});
