/**
 * Provision on demand through its two surfaces: `POST /api/v1/apps/{app}/provisioning/on-demand`
 * (manageApps; 200 with the results, 404 naming an unknown subject, 400 for a group of more
 * than 5 and for a body that is not the contract, 403 for a reader; in the OpenAPI document),
 * and `roster provisioning on-demand <app> <subject> [--type] [--json]` in-process, readable and
 * as JSON.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createHarness } from '../scim-server/support.ts';
import { cliRunner, mountAdminApi } from './api-support.ts';
import { createEngineHarness } from './support.ts';

describe('provision on demand over the admin API', () => {
  let h: Awaited<ReturnType<typeof createEngineHarness>>;
  let api: ReturnType<typeof mountAdminApi>['api'];
  let call: ReturnType<typeof mountAdminApi>['call'];
  let mintToken: ReturnType<typeof mountAdminApi>['mintToken'];
  let reader = '';
  const post = (body: unknown, bearer?: string) =>
    call('POST', `/apps/${h.app.id}/provisioning/on-demand`, body, bearer);

  before(async () => {
    h = await createEngineHarness();
    ({ api, call, mintToken } = mountAdminApi(h));
    reader = await mintToken('Global Reader');
  });
  after(() => h.close());

  test('200 with the contract: appId, cycleId, results with the trace and the export', async () => {
    const ann = await h.addUser('ann@contoso.test');
    await h.assign('user', ann.id);
    const answer = await post({ subject: 'ann@contoso.test' });
    assert.equal(answer.status, 200);
    assert.equal(answer.json.appId, h.app.id);
    assert.equal(typeof answer.json.cycleId, 'string');
    const [result] = answer.json.results;
    assert.deepEqual(Object.keys(result).sort(), [
      'action',
      'errorCode',
      'exported',
      'modifiedProperties',
      'objectType',
      'reason',
      'recommendedAction',
      'sourceId',
      'sourceIdentity',
      'status',
      'steps',
      'targetId',
    ]);
    assert.equal(result.action, 'Create');
    assert.equal(result.exported.userName, 'ann@contoso.test');
    const logs = await api.request(
      `/api/v1/apps/${h.app.id}/provisioning/logs?cycle=${answer.json.cycleId}`,
      { headers: { authorization: `Bearer ${reader}` } },
    );
    const entries = ((await logs.json()) as { entries: { sourceIdentity: string }[] }).entries;
    assert.deepEqual(
      entries.map((e) => e.sourceIdentity),
      ['ann@contoso.test'],
    );
    const cycles = await api.request(`/api/v1/apps/${h.app.id}/provisioning/cycles`, {
      headers: { authorization: `Bearer ${reader}` },
    });
    const listed = ((await cycles.json()) as { cycles: { id: string; kind: string }[] }).cycles;
    assert.equal(listed.find((c) => c.id === answer.json.cycleId)?.kind, 'onDemand');
  });

  test('errors in words: 404 unknown, 400 too large or a bad body, 403 for a reader', async () => {
    const unknown = await post({ subject: 'ghost@contoso.test', objectType: 'user' });
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json.error.field, 'subject');
    assert.match(unknown.json.error.message, /"ghost@contoso\.test"/);
    const big = await h.directory.groups.add({ displayName: 'Everyone', securityEnabled: true });
    const members = await Promise.all([1, 2, 3, 4, 5, 6, 7].map((n) => h.addUser(`m${n}@c.test`)));
    await h.directory.groups.addMembers(
      big.id,
      members.map((m) => m.id),
    );
    const tooBig = await post({ subject: 'Everyone' });
    assert.equal(tooBig.status, 400);
    assert.match(
      tooBig.json.error.message,
      /"Everyone" has 7 members; provision on demand takes a group of at most 5/,
    );
    const badType = await post({ subject: 'Everyone', objectType: 'device' });
    assert.equal(badType.status, 400);
    assert.equal(badType.json.error.field, 'objectType');
    const noSubject = await post({});
    assert.equal(noSubject.status, 400);
    assert.equal(noSubject.json.error.field, 'subject');
    assert.equal((await post({ subject: 'ann@contoso.test' }, reader)).status, 403);
    await h.provisioning.jobs.updateSettings(h.app.id, { mode: 'manual' });
    const manual = await post({ subject: 'ann@contoso.test' });
    assert.equal(manual.status, 400);
    assert.match(manual.json.error.message, /manual/);
    await h.provisioning.jobs.updateSettings(h.app.id, { mode: 'automatic' });
  });

  test('the OpenAPI document describes the operation', async () => {
    const doc = (await (
      await api.request('/api/v1/openapi.json', { headers: { authorization: `Bearer ${reader}` } })
    ).json()) as { paths: Record<string, Record<string, Record<string, unknown>>> };
    const operation = doc.paths['/apps/{app}/provisioning/on-demand']?.post;
    assert.ok(operation, 'documented');
    assert.match(String(operation.description), /manageApps/);
    assert.equal((operation.requestBody as { required: boolean }).required, true);
    assert.ok(JSON.stringify(operation.responses).includes('recommendedAction'));
  });
});

describe('roster provisioning on-demand (CLI)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-on-demand-cli-'));
  let target: Awaited<ReturnType<typeof createHarness>>;
  const cli = cliRunner(dir, () => target.app);
  before(async () => {
    target = await createHarness();
  });
  after(async () => {
    await target.store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  test('prints the step trace readably, or the answer as JSON', async () => {
    for (const args of [
      ['app', 'add', '--template', 'generic-scim', '--name', 'Demo'],
      ['user', 'add', 'ann@contoso.test', '--given-name', 'Ann', '--mail', 'ann@contoso.test'],
      ['app', 'assign', 'Demo', '--user', 'ann@contoso.test'],
      [
        'provisioning',
        'credentials',
        'Demo',
        '--tenant-url',
        'https://roster.test/scim/v2/acme',
        '--secret-token',
        target.token,
      ],
      ['provisioning', 'settings', 'Demo', '--mode', 'automatic'],
    ]) {
      const r = await cli(...args, '--json');
      assert.equal(r.code, 0, `${args.join(' ')}: ${r.stderr}`);
    }
    const human = await cli('provisioning', 'on-demand', 'Demo', 'ann@contoso.test');
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^user ann@contoso\.test \([\w-]+\): Create Success → target /);
    assert.match(human.stdout, /1\. import +Success +Received user ann@contoso\.test/);
    assert.match(human.stdout, /userPrincipalName: ann@contoso\.test/);
    assert.match(human.stdout, /2\. scope +Success +In scope/);
    assert.match(human.stdout, /assigned directly with role User/);
    assert.match(human.stdout, /3\. match +Success .*\n +userName eq "ann@contoso\.test": 0 found/);
    assert.match(human.stdout, /4\. action +Success +Created /);
    assert.match(human.stdout, /name\.givenName: \(none\) → Ann/);
    const again = await cli('provisioning', 'on-demand', 'Demo', 'ann@contoso.test', '--json');
    const report = JSON.parse(again.stdout);
    assert.equal(report.results[0].action, 'Other');
    assert.equal(report.results[0].errorCode, 'RedundantExport');
    const usage = await cli('provisioning', 'on-demand', 'Demo', 'ann', '--type', 'robot');
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /--type must be user or group/);
    const missing = await cli('provisioning', 'on-demand', 'Demo', 'zed@contoso.test', '--json');
    assert.equal(missing.code, 1);
    assert.equal(JSON.parse(missing.stderr).error.code, 'notFound');
  });
});
