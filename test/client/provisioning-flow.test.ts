// The two rings together, as the engine will drive them, into Roster's own SCIM server through
// the strict RFC target: initial cycle (match → create or link → update), reference pass
// (manager, group members), update as a minimal PATCH, disable, delete — converging to "no
// operations" and never sending a request a strict RFC 7644 server would refuse.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { isSyncError, type ScimClient } from '../../src/client/index.ts';
import {
  type CompiledObjectMapping,
  compileMappings,
  decideMatch,
  diffMembers,
  diffToPatch,
  exportObject,
  type MappingConfig,
  type MatchResult,
  planDeprovision,
  planMatch,
  planMemberPatches,
  resolveReferences,
  type SourceObject,
} from '../../src/sync/index.ts';
import { createTargetHarness } from './support.ts';

const now = new Date('2026-03-01T00:00:00Z');
const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
const config = JSON.parse(
  readFileSync(
    new URL('../../src/sync/fixtures/entra-default-mappings.json', import.meta.url),
    'utf8',
  ),
) as MappingConfig;

/** One object of an initial cycle: match, then create or link and update (the engine's recipe). */
async function provision(
  client: ScimClient,
  mapping: CompiledObjectMapping,
  source: SourceObject,
  links: Map<string, string>,
): Promise<string> {
  const objectId = source.objectId as string;
  const linked = links.get(objectId);
  if (linked === undefined) {
    const desired = exportObject(source, mapping, { mode: 'create', now });
    const results: MatchResult[] = [];
    for (const candidate of planMatch(desired, mapping)) {
      const found = await client.search(mapping.endpoint, candidate.filter, {
        count: 2,
        attributes: ['id'],
      });
      results.push({
        candidate,
        ids: found.resources.map((r) => r.id as string),
        totalResults: found.totalResults,
      });
      if (found.totalResults > 0) break;
    }
    const decision = decideMatch(results);
    if (decision.kind === 'create') {
      const body = resolveReferences(desired, (id) => links.get(id)).exported.resource;
      const created = await client.create(mapping.endpoint, body);
      links.set(objectId, created.id as string);
      return 'created';
    }
    assert.equal(decision.kind, 'link', JSON.stringify(decision));
    if (decision.kind === 'link') links.set(objectId, decision.id);
  }
  return update(client, mapping, source, links);
}

/** Update (and the reference pass): read the target, diff, PATCH only what differs. */
async function update(
  client: ScimClient,
  mapping: CompiledObjectMapping,
  source: SourceObject,
  links: Map<string, string>,
  isSoftDeleted = false,
): Promise<string> {
  const id = links.get(source.objectId as string)!;
  const exported = exportObject(source, mapping, { mode: 'update', now, isSoftDeleted });
  const { exported: desired, members } = resolveReferences(exported, (sourceId) =>
    links.get(sourceId),
  );
  const current = await client.get(
    mapping.endpoint,
    id,
    mapping.source === 'group' ? { excludedAttributes: ['members'] } : {},
  );
  const operations = diffToPatch(current, desired, mapping);
  if (operations.length > 0) await client.patch(mapping.endpoint, id, operations);
  for (const { targetIds } of members) {
    const group = await client.get('/Groups', id);
    const now = ((group.members as { value: string }[] | undefined) ?? []).map((m) => m.value);
    for (const batch of planMemberPatches(diffMembers(now, targetIds), { batchSize: 2 })) {
      await client.patch('/Groups', id, batch);
    }
  }
  return operations.length > 0 ? 'updated' : 'unchanged';
}

describe('provisioning flow: sync + client into Roster, strictly', () => {
  it('initial cycle, references, update, disable, delete, converged', async () => {
    const compiled = compileMappings(config);
    assert.ok(compiled.ok);
    const users = compiled.value.bySource.user!;
    const groups = compiled.value.bySource.group!;
    const { client, strict } = await createTargetHarness();
    const links = new Map<string, string>();

    // Already on the target, unlinked: matching must find it rather than duplicate it.
    const existing = await client.create('/Users', {
      userName: 'bob@contoso.test',
      nickName: 'kept',
    });

    const ann: SourceObject = {
      objectId: 'o-ann',
      userPrincipalName: 'ann@contoso.test',
      mail: 'ann@contoso.test',
      givenName: 'Ann',
      surname: 'Lee',
      displayName: 'Ann Lee',
      department: 'R&D',
      manager: 'o-bob',
      accountEnabled: true,
    };
    const bob: SourceObject = {
      objectId: 'o-bob',
      userPrincipalName: 'bob@contoso.test',
      mail: 'bob@contoso.test',
      givenName: 'Bob',
      mobile: '+47 555 0101',
      accountEnabled: true,
    };
    const sales: SourceObject = {
      objectId: 'g-sales',
      displayName: 'Sales',
      members: ['o-ann', 'o-bob'],
    };

    // Pass 1: objects (ann's manager is not linked yet, so it waits).
    assert.equal(await provision(client, users, ann, links), 'created');
    assert.equal(
      await provision(client, users, bob, links),
      'updated',
      'matched by userName, then updated',
    );
    assert.equal(links.get('o-bob'), existing.id);
    assert.equal(await provision(client, groups, sales, links), 'created');

    // Pass 2: references.
    assert.equal(await update(client, users, ann, links), 'updated');
    assert.equal(await update(client, groups, sales, links), 'unchanged');
    const annOnTarget = await client.get('/Users', links.get('o-ann')!);
    assert.equal(
      (annOnTarget[enterprise] as { manager: { value: string } }).manager.value,
      existing.id,
    );
    assert.deepEqual(annOnTarget.emails, [{ type: 'work', value: 'ann@contoso.test' }]);
    assert.equal(annOnTarget.active, true);
    const bobOnTarget = await client.get('/Users', existing.id as string);
    assert.equal(bobOnTarget.nickName, 'kept', 'an unmapped attribute is never touched');
    const group = await client.get('/Groups', links.get('g-sales')!);
    assert.deepEqual(
      (group.members as { value: string }[]).map((m) => m.value).sort(),
      [links.get('o-ann'), links.get('o-bob')].sort(),
    );

    // Converged: nothing more to send.
    for (const [mapping, source] of [
      [users, ann],
      [users, bob],
      [groups, sales],
    ] as const) {
      assert.equal(await update(client, mapping, source, links), 'unchanged');
    }

    // Incremental changes: a rename, a new mail, a member leaves.
    const renamed = { ...ann, surname: 'Li', mail: 'ann.li@contoso.test' };
    assert.equal(await update(client, users, renamed, links), 'updated');
    assert.deepEqual((await client.get('/Users', links.get('o-ann')!)).name, {
      givenName: 'Ann',
      familyName: 'Li',
      formatted: 'Ann Li',
    });
    await update(client, groups, { ...sales, members: ['o-bob'] }, links);
    const after = await client.get('/Groups', links.get('g-sales')!);
    assert.deepEqual(
      (after.members as { value: string }[]).map((m) => m.value),
      [links.get('o-bob')],
    );

    // Unassigned: disable (an update with IsSoftDeleted), then purge: delete.
    const plan = planDeprovision(
      {
        linked: true,
        assigned: false,
        inScope: true,
        disabled: false,
        softDeleted: false,
        purged: false,
      },
      users,
    );
    assert.deepEqual(plan, { kind: 'disable', reason: 'unassigned' });
    await update(client, users, renamed, links, true);
    assert.equal((await client.get('/Users', links.get('o-ann')!)).active, false);
    assert.equal(
      await update(client, users, renamed, links),
      'updated',
      're-enabled when back in scope',
    );
    assert.equal((await client.get('/Users', links.get('o-ann')!)).active, true);

    const purge = planDeprovision(
      {
        linked: true,
        assigned: false,
        inScope: false,
        disabled: false,
        softDeleted: true,
        purged: true,
      },
      users,
    );
    assert.deepEqual(purge, { kind: 'delete', reason: 'purged' });
    await client.delete('/Users', links.get('o-ann')!);
    await assert.rejects(
      client.get('/Users', links.get('o-ann')!),
      (e) => isSyncError(e) && e.kind === 'notFound',
    );

    assert.deepEqual(strict.violations, [], 'every request was RFC 7644');
  });

  it('a 409 on create is matched and linked (EntryConflict), never duplicated', async () => {
    const compiled = compileMappings(config);
    assert.ok(compiled.ok);
    const users = compiled.value.bySource.user!;
    const { client } = await createTargetHarness();
    await client.create('/Users', { userName: 'CY@contoso.test' });
    const desired = exportObject(
      { objectId: 'o-cy', userPrincipalName: 'cy@contoso.test' },
      users,
      { mode: 'create', now },
    );
    const error = await client.create('/Users', desired.resource).catch((e: unknown) => e);
    assert.ok(isSyncError(error) && error.kind === 'exists');
    const [candidate] = planMatch(desired, users);
    const found = await client.search('/Users', candidate!.filter, { count: 2 });
    const decision = decideMatch([
      { candidate: candidate!, ids: found.resources.map((r) => r.id as string) },
    ]);
    assert.equal(decision.kind, 'link');
  });
});
