// The SCIM client against Roster's own SCIM server, in-process (fetch = app.request), through
// the strict RFC target: every operation, paging, Bulk, Test Connection, and the SyncError kinds
// a real server produces.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createScimClient, isSyncError, type SyncError } from '../../src/client/index.ts';
import type { FilterNode } from '../../src/scim/index.ts';
import { baseUrl, createTargetHarness } from './support.ts';

const eq = (name: string, value: string): FilterNode => ({
  kind: 'compare',
  path: { name },
  op: 'eq',
  value,
});

async function failure(promise: Promise<unknown>): Promise<SyncError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(isSyncError(error), String(error));
    return error;
  }
  assert.fail('expected a SyncError');
}

describe('client against Roster', () => {
  it('create, get, search (awkward characters), patch, replace, delete', async () => {
    const { client, strict } = await createTargetHarness();
    const userName = 'ann+lee "the" & co@contoso.test';
    const created = await client.create('/Users', {
      userName,
      active: true,
      emails: [{ type: 'work', value: 'ann@contoso.test' }],
      'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { department: 'R&D' },
    });
    const id = created.id as string;
    assert.ok(id);
    assert.equal((await client.get('/Users', id)).userName, userName);

    const found = await client.search('/Users', eq('userName', userName), {
      count: 2,
      attributes: ['id'],
    });
    assert.equal(found.totalResults, 1);
    assert.equal(found.resources[0]!.id, id);
    const byEmail = await client.search('/Users', {
      kind: 'valuePath',
      path: { name: 'emails' },
      filter: { kind: 'and', left: eq('type', 'work'), right: eq('value', 'ann@contoso.test') },
    });
    assert.equal(byEmail.totalResults, 1);

    const patched = await client.patch('/Users', id, [
      { op: 'replace', path: 'active', value: false },
      { op: 'replace', path: 'emails[type eq "work"].value', value: 'ann.lee@contoso.test' },
      { op: 'add', path: 'name.givenName', value: 'Ann' },
    ]);
    assert.equal(patched?.active, false);
    assert.deepEqual(
      (patched!.emails as { value: string }[]).map((e) => e.value),
      ['ann.lee@contoso.test'],
    );

    const replaced = await client.replace('/Users', id, { ...patched!, nickName: 'Annie' });
    assert.equal(replaced.nickName, 'Annie');

    await client.delete('/Users', id);
    assert.equal((await failure(client.get('/Users', id))).kind, 'notFound');
    assert.equal((await failure(client.delete('/Users', id))).kind, 'notFound');
    assert.deepEqual(strict.violations, []);
  });

  it("maps the server's failures: 409 exists, 400 rejected, 404 notFound", async () => {
    const { client, strict } = await createTargetHarness();
    await client.create('/Users', { userName: 'bo@contoso.test' });
    const duplicate = await failure(client.create('/Users', { userName: 'BO@contoso.test' }));
    assert.equal(duplicate.kind, 'exists');
    assert.equal(duplicate.scimType, 'uniqueness');
    const bad = await failure(client.create('/Users', { userName: 'x', active: 'maybe' } as never));
    assert.equal(bad.kind, 'rejected');
    assert.equal(bad.status, 400);
    const unknown = await failure(
      client.patch('/Users', '00000000-0000-4000-8000-000000000000', [
        { op: 'replace', path: 'active', value: true },
      ]),
    );
    assert.equal(unknown.kind, 'notFound');
    assert.deepEqual(
      strict.violations.map((v) => v.problem),
      ['active is not a boolean'],
    );
  });

  it('groups: created empty, members added and removed as deltas, PATCH 204', async () => {
    const { client, strict } = await createTargetHarness();
    const ids: string[] = [];
    for (const name of ['a', 'b', 'c'])
      ids.push((await client.create('/Users', { userName: name })).id as string);
    const group = await client.create('/Groups', { displayName: 'Sales' });
    const gid = group.id as string;
    assert.equal(
      await client.patch('/Groups', gid, [
        { op: 'add', path: 'members', value: ids.map((value) => ({ value })) },
      ]),
      undefined,
    );
    await client.patch('/Groups', gid, [{ op: 'remove', path: `members[value eq "${ids[1]}"]` }]);
    const read = await client.get('/Groups', gid);
    assert.deepEqual(
      (read.members as { value: string }[]).map((m) => m.value).sort(),
      [ids[0], ids[2]].sort(),
    );
    const listed = await client.search('/Groups', eq('displayName', 'Sales'), {
      excludedAttributes: ['members'],
    });
    assert.equal(listed.resources[0]!.members, undefined);
    assert.deepEqual(strict.violations, []);
  });

  it('lists every user across pages', async () => {
    const { client, strict } = await createTargetHarness();
    for (let i = 0; i < 23; i++)
      await client.create('/Users', { userName: `user${String(i).padStart(2, '0')}` });
    const pages = [];
    for await (const page of client.listPages('/Users', { pageSize: 10, attributes: ['userName'] }))
      pages.push(page);
    assert.deepEqual(
      pages.map((p) => p.resources.length),
      [10, 10, 3],
    );
    assert.deepEqual(
      pages.map((p) => p.startIndex),
      [1, 11, 21],
    );
    const names = [];
    for await (const user of client.list('/Users', {
      filter: { kind: 'compare', path: { name: 'userName' }, op: 'sw', value: 'user1' },
      pageSize: 4,
    })) {
      names.push(user.userName);
    }
    assert.equal(names.length, 10);
    assert.deepEqual(strict.violations, []);
  });

  it('bulk: discovered, chunked, per-operation results', async () => {
    const { client, strict, harness } = await createTargetHarness({
      limits: { bulkMaxOperations: 3 },
    });
    const capabilities = await client.discover();
    assert.equal(capabilities.bulk.supported, true);
    assert.equal(capabilities.bulk.maxOperations, 3);
    const results = await client.bulk(
      Array.from({ length: 7 }, (_, i) => ({
        method: 'POST' as const,
        path: '/Users',
        data: { userName: `bulk${i}` },
      })),
    );
    assert.equal(results.length, 7);
    assert.ok(
      results.every((r) => r.status === 201 && r.id),
      JSON.stringify(results),
    );
    assert.equal(strict.requests.filter((r) => r.startsWith('POST /scim/v2/acme/Bulk')).length, 3);
    const second = await client.bulk([
      {
        method: 'PATCH',
        path: `/Users/${results[0]!.id}`,
        operations: [{ op: 'replace', path: 'active', value: false }],
      },
      { method: 'POST', path: '/Users', data: { userName: 'bulk1' } },
      { method: 'DELETE', path: `/Users/${results[2]!.id}` },
    ]);
    assert.deepEqual(
      second.map((r) => [r.status, r.error?.kind]),
      [
        [200, undefined],
        [409, 'exists'],
        [204, undefined],
      ],
    );
    assert.equal((await client.get('/Users', results[0]!.id!)).active, false);
    assert.deepEqual(strict.violations, []);
    void harness;
  });

  it('testConnection: ok, wrong token, wrong Tenant URL', async () => {
    const { client, harness } = await createTargetHarness();
    assert.deepEqual(await client.testConnection(), {
      ok: true,
      status: 200,
      message: 'The target answered the probe query as a SCIM service.',
    });
    const fetch = (url: string, init: RequestInit) => harness.app.request(url, init);
    const wrongToken = createScimClient({ baseUrl, token: 'nope', fetch });
    const result = await wrongToken.testConnection();
    assert.equal(result.ok, false);
    if (!result.ok) assert.equal(result.problem, 'unauthorized');
    const wrongUrl = createScimClient({
      baseUrl: 'https://roster.test/scim/v3/acme',
      token: harness.token,
      fetch,
    });
    const missing = await wrongUrl.testConnection();
    assert.equal(missing.ok, false);
    if (!missing.ok) assert.equal(missing.problem, 'notFound');
  });

  it('429 from the server is waited out on a shared fake clock, then the call succeeds', async () => {
    // One fake clock for both sides: the server's rate limiter reads it, the client's sleep
    // moves it. A timeout sleep (it has a signal) never fires: time passes only by waiting.
    let nowMs = Date.parse('2026-01-01T00:00:00Z');
    const waits: number[] = [];
    const { client, strict } = await createTargetHarness(
      { limits: { ratePerSecond: 1, burst: 1 }, now: () => new Date(nowMs) },
      {
        clock: () => nowMs,
        sleep: (ms, signal) => {
          if (signal)
            return new Promise((resolve) =>
              signal.addEventListener('abort', () => resolve(), { once: true }),
            );
          waits.push(ms);
          nowMs += ms;
          return Promise.resolve();
        },
      },
    );
    await client.create('/Users', { userName: 'first' });
    const second = await client.create('/Users', { userName: 'second' });
    assert.ok(second.id);
    assert.deepEqual(waits, [1000], "the server's Retry-After: 1");
    assert.equal(client.stats().retries, 1);
    assert.equal(strict.requests.length, 3);
  });
});
