/**
 * The provisioning routes of the admin API through app.request(): roles enforced (readers read,
 * Cloud Application Administrators write, User Administrators neither), credentials never
 * returned, Test Connection, settings, mappings with validation errors in words, the job
 * document round trip, run (dry run and wait), status, cycles, logs with filters and the CSV
 * download, and the OpenAPI document.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { mountAdminApi } from './api-support.ts';
import { createEngineHarness, tenantUrl } from './support.ts';

describe('provisioning admin API', () => {
  let h: Awaited<ReturnType<typeof createEngineHarness>>;
  let call: ReturnType<typeof mountAdminApi>['call'];
  let mintToken: ReturnType<typeof mountAdminApi>['mintToken'];
  const tokens: Record<string, string> = {};
  before(async () => {
    h = await createEngineHarness();
    ({ call, mintToken } = mountAdminApi(h));
    for (const role of ['Cloud Application Administrator', 'Global Reader', 'User Administrator']) {
      tokens[role] = await mintToken(role);
    }
    const ann = await h.addUser('ann@contoso.test');
    await h.assign('user', ann.id);
  });
  after(() => h.close());

  test('the job: read by readers, never the Secret Token; writes need manageApps', async () => {
    const base = `/apps/${h.app.id}/provisioning`;
    const job = await call('GET', base, undefined, tokens['Global Reader']);
    assert.equal(job.status, 200);
    assert.deepEqual(job.json.credentials, {
      tenantUrl,
      secretTokenSet: true,
      updated: job.json.credentials.updated,
    });
    assert.ok(!job.text.includes(h.token), 'the token is never returned');
    assert.equal(
      (await call('PATCH', base, { intervalSeconds: 30 }, tokens['Global Reader'])).status,
      403,
    );
    assert.equal(
      (await call('PATCH', base, { intervalSeconds: 30 }, tokens['User Administrator'])).status,
      403,
    );
    const patched = await call(
      'PATCH',
      base,
      { intervalSeconds: 30 },
      tokens['Cloud Application Administrator'],
    );
    assert.equal(patched.status, 200);
    assert.equal(patched.json.settings.intervalSeconds, 30);
    const bad = await call('PATCH', base, { intervalSecond: 30 });
    assert.equal(bad.status, 400);
    assert.equal(bad.json.error.field, 'intervalSecond');
    const missing = await call('GET', '/apps/nope/provisioning');
    assert.equal(missing.status, 404);
    assert.match(missing.json.error.message, /no enterprise app/);
  });

  test('credentials and Test Connection (stored, or candidate ones before saving)', async () => {
    const base = `/apps/${h.app.id}/provisioning`;
    const ok = await call('POST', `${base}/test-connection`);
    assert.equal(ok.status, 200);
    assert.equal(ok.json.ok, true);
    const wrong = await call('POST', `${base}/test-connection`, { secretToken: 'nope' });
    assert.equal(wrong.json.ok, false);
    assert.equal(wrong.json.problem, 'unauthorized');
    const badUrl = await call('PUT', `${base}/credentials`, {
      tenantUrl: 'ftp://x',
      secretToken: 't',
    });
    assert.equal(badUrl.status, 400);
    assert.equal(badUrl.json.error.field, 'tenantUrl');
    const saved = await call('PUT', `${base}/credentials`, { tenantUrl, secretToken: h.token });
    assert.equal(saved.status, 200);
  });

  test('mappings: validation errors in words; export, import and restore defaults; a change makes the next cycle initial', async () => {
    const base = `/apps/${h.app.id}/provisioning`;
    const mappings = (await call('GET', `${base}/mappings`)).json;
    assert.equal(mappings.objectMappings[0].attributeMappings[0].target, 'userName');
    const broken = structuredClone(mappings);
    broken.objectMappings[0].attributeMappings[1].target = 'emails[type eq "work"].valu';
    const refused = await call('PUT', `${base}/mappings`, broken);
    assert.equal(refused.status, 400);
    assert.match(refused.json.error.message, /valu/);
    assert.match(refused.json.error.field, /^objectMappings\[0\]\.attributeMappings\[\d+\]/);

    const exported = await call('GET', `${base}/export`);
    assert.equal(exported.json.format, 'roster.provisioning-job/1');
    assert.match(exported.headers.get('content-disposition') ?? '', /attachment/);
    exported.json.settings.scope = 'all';
    exported.json.mappings.objectMappings[0].attributeMappings.pop();
    const imported = await call('POST', `${base}/import`, exported.json);
    assert.equal(imported.status, 200, imported.text);
    assert.equal(imported.json.settings.scope, 'all');
    assert.equal(imported.json.initialPending, true);
    const restored = await call('POST', `${base}/mappings/restore-defaults`);
    assert.equal(
      restored.json.objectMappings[0].attributeMappings.length,
      mappings.objectMappings[0].attributeMappings.length,
    );
  });

  test('run: dry run and wait answer with the report; status, cycles and logs follow', async () => {
    const base = `/apps/${h.app.id}/provisioning`;
    const dry = await call('POST', `${base}/run`, { dryRun: true });
    assert.equal(dry.status, 200);
    assert.equal(dry.json.dryRun, true);
    assert.equal(dry.json.counts.Create, 1);
    const notYet = await call('POST', `${base}/run`, { wait: true }, tokens['Global Reader']);
    assert.equal(notYet.status, 403);
    const real = await call('POST', `${base}/run`, { wait: true });
    assert.equal(real.json.status, 'succeeded');
    assert.equal(real.json.kind, 'initial');
    const status = await call('GET', `${base}/status`, undefined, tokens['Global Reader']);
    assert.equal(status.json.lastCycle.kind, 'initial');
    assert.equal(status.json.statistics.counts.Create, 1);
    const cycles = await call('GET', `${base}/cycles?limit=5`);
    assert.deepEqual(
      cycles.json.cycles.map((c: { dryRun: boolean }) => c.dryRun),
      [false, true],
    );
    const logs = await call('GET', `${base}/logs?action=Create&identity=ANN`);
    assert.equal(logs.json.entries.length, 1);
    assert.equal(logs.json.entries[0].sourceIdentity, 'ann@contoso.test');
    assert.equal((await call('GET', `${base}/logs?status=Failure`)).json.entries.length, 0);
    assert.equal((await call('GET', `${base}/logs?status=Oops`)).status, 400);
    const csv = await call('GET', `${base}/logs?format=csv`);
    assert.match(csv.headers.get('content-type') ?? '', /^text\/csv/);
    const lines = csv.text.trim().split('\r\n');
    assert.match(lines[0]!, /^id,at,cycleId,changeId,objectType,sourceId,sourceIdentity/);
    assert.equal(lines.length, 2);
    const download = await call('GET', `${base}/logs?format=json`);
    assert.equal(JSON.parse(download.text).length, 1);
  });

  test('start, stop, restart, allow deletes', async () => {
    const base = `/apps/${h.app.id}/provisioning`;
    await call('PATCH', base, { mode: 'manual' });
    const refused = await call('POST', `${base}/start`);
    assert.equal(refused.status, 400);
    assert.equal(refused.json.error.field, 'mode');
    await call('PATCH', base, { mode: 'automatic' });
    const started = await call('POST', `${base}/start`);
    assert.equal(started.json.enabled, true);
    assert.ok(started.json.nextRunAt);
    const restarted = await call('POST', `${base}/restart`);
    assert.equal(restarted.json.initialPending, true);
    const stopped = await call('POST', `${base}/stop`);
    assert.equal(stopped.json.enabled, false);
    const notHeld = await call('POST', `${base}/allow-deletes`);
    assert.equal(notHeld.status, 400);
  });

  test('restart: reset scopes in the body, unknown ones refused naming them; status shows the quarantine and its next attempt', async () => {
    const base = `/apps/${h.app.id}/provisioning`;
    const standard = ['watermark', 'escrows', 'quarantine'];
    const plain = await call('POST', `${base}/restart`);
    assert.equal(plain.status, 200);
    assert.deepEqual(plain.json.reset, standard);
    assert.equal(plain.json.initialPending, true);
    assert.deepEqual((await call('POST', `${base}/restart`, { reset: [] })).json.reset, standard);
    assert.deepEqual((await call('POST', `${base}/restart`, {})).json.reset, standard);
    const escrows = await call('POST', `${base}/restart`, { reset: ['escrows'] });
    assert.deepEqual(escrows.json.reset, ['escrows']);
    const full = await call('POST', `${base}/restart`, { reset: ['full'] });
    assert.deepEqual(full.json.reset, [...standard, 'forceDeletes', 'full']);
    const bogus = await call('POST', `${base}/restart`, { reset: ['watermark', 'bogus'] });
    assert.equal(bogus.status, 400);
    assert.deepEqual(bogus.json.error, {
      code: 'invalid',
      message:
        '"bogus" (reset[1]) is not a reset scope: use watermark, escrows, quarantine, forceDeletes or full',
      field: 'reset',
    });
    const single = await call('POST', `${base}/restart`, { reset: 'full' });
    assert.equal(single.status, 400);
    assert.equal(single.json.error.field, 'reset');
    assert.match(single.json.error.message, /must be an array/);
    const unknown = await call('POST', `${base}/restart`, { scopes: ['full'] });
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json.error.field, 'scopes');
    const reader = await call('POST', `${base}/restart`, { reset: [] }, tokens['Global Reader']);
    assert.equal(reader.status, 403);

    const healthy = await call('GET', `${base}/status`);
    assert.deepEqual(
      [healthy.json.quarantine, healthy.json.disabledReason, healthy.json.hold],
      [null, null, null],
    );
    await call('POST', `${base}/start`);
    await h.revokeToken();
    const failed = await call('POST', `${base}/run`, { wait: true });
    assert.equal(failed.json.status, 'failed');
    assert.equal(failed.json.quarantine.event, 'entered');
    const status = await call('GET', `${base}/status`, undefined, tokens['Global Reader']);
    assert.equal(status.json.state, 'quarantined');
    assert.deepEqual(Object.keys(status.json.quarantine).sort(), [
      'detail',
      'nextAttemptAt',
      'reason',
      'since',
    ]);
    assert.equal(status.json.quarantine.reason, 'EncounteredQuarantineException');
    assert.equal(status.json.quarantine.nextAttemptAt, status.json.nextRunAt);
    assert.equal(
      Date.parse(status.json.quarantine.nextAttemptAt) - Date.parse(status.json.quarantine.since),
      6 * 3_600_000,
    );
    assert.equal(status.json.disabledReason, null);
    const job = await call('GET', base);
    assert.equal(job.json.quarantine.reason, 'EncounteredQuarantineException');
    const lifted = await call('POST', `${base}/restart`, { reset: ['quarantine'] });
    assert.equal(lifted.json.quarantine, null);
    assert.equal((await call('GET', `${base}/status`)).json.state, 'idle');
    await h.renewToken();
    await call('POST', `${base}/stop`);
  });

  test('the OpenAPI document lists the provisioning routes with their roles', async () => {
    const doc = (await call('GET', '/openapi.json')).json;
    const restart = doc.paths['/apps/{app}/provisioning/restart'].post;
    assert.deepEqual(
      restart.requestBody.content['application/json'].schema.properties.reset.items.enum,
      ['watermark', 'escrows', 'quarantine', 'forceDeletes', 'full'],
    );
    assert.equal(restart.requestBody.required, false);
    const restarted = restart.responses['200'].content['application/json'].schema;
    assert.ok(restarted.properties.reset);
    const status =
      doc.paths['/apps/{app}/provisioning/status'].get.responses['200'].content['application/json']
        .schema;
    assert.ok(status.properties.quarantine.anyOf[0].properties.nextAttemptAt);
    assert.ok(status.properties.disabledReason);
    const run = doc.paths['/apps/{app}/provisioning/run'].post;
    assert.match(run.description, /Cloud Application Administrator/);
    assert.ok(doc.paths['/apps/{app}/provisioning/logs'].get.responses['200'].content['text/csv']);
  });
});
