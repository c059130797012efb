// Okta's connectivity and import queries, index and RFC 9865 cursor paging, sorting,
// projection and POST /.search (RFC 7644 §3.4.2–§3.4.3).
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { assertScimError, coreGroup, coreUser, createHarness, type Harness } from './support.ts';

const total = 250;
const searchRequest = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';

describe('paging, sorting, projection and search', () => {
  let h: Harness;
  const ids = new Set<string>();

  before(async () => {
    h = await createHarness({ limits: { maxResults: 120 } });
    for (let i = 0; i < total; i++) {
      const n = String(i).padStart(3, '0');
      const user = await h.call('POST', '/Users', {
        body: {
          schemas: [coreUser],
          userName: `user${n}@okta.test`,
          displayName: `User ${n}`,
          emails: [{ value: `user${n}@okta.test`, type: 'work', primary: true }],
        },
      });
      assert.equal(user.status, 201);
      ids.add(user.body.id);
    }
    await h.call('POST', '/Groups', { body: { schemas: [coreGroup], displayName: 'User group' } });
  });

  it('userName eq (one query, no count) answers as the general filter path does', async () => {
    const q = (filter: string, extra: string) =>
      h.call('GET', `/Users?filter=${encodeURIComponent(filter)}${extra}`);
    for (const name of ['USER007@okta.test', 'user007@okta.test', 'nobody@okta.test']) {
      for (const extra of ['', '&startIndex=2', '&count=0', '&cursor=', '&attributes=id']) {
        const fast = await q(`userName eq "${name}"`, extra);
        // An `or` of the same test takes the general path (count, then page).
        const general = await q(`userName eq "${name}" or userName eq "${name}"`, extra);
        assert.equal(fast.status, 200);
        assert.deepEqual(fast.body, general.body, `${name} ${extra}`);
      }
    }
    const hit = await q('userName eq "USER007@okta.test"', '');
    assert.equal(hit.body.totalResults, 1);
  });

  it('Okta connectivity: GET /Users?startIndex=1&count=2', async () => {
    const page = await h.call('GET', '/Users?startIndex=1&count=2');
    assert.equal(page.status, 200);
    assert.equal(page.body.totalResults, total);
    assert.equal(page.body.itemsPerPage, 2);
    assert.equal(page.body.startIndex, 1);
    assert.equal(page.body.Resources.length, 2);
  });

  it('Okta import: paged GETs of 100 return every user exactly once', async () => {
    const seen: string[] = [];
    for (let start = 1; start <= total; start += 100) {
      const page = await h.call('GET', `/Users?startIndex=${start}&count=100`);
      assert.equal(page.body.totalResults, total);
      assert.equal(page.body.startIndex, start);
      assert.equal(page.body.itemsPerPage, Math.min(100, total - start + 1));
      seen.push(...page.body.Resources.map((u: { id: string }) => u.id));
    }
    assert.equal(seen.length, total);
    assert.deepEqual(new Set(seen), ids);
  });

  it('count is clamped to maxResults; lenient startIndex and count; non-integers are 400', async () => {
    assert.equal((await h.call('GET', '/Users?count=5000')).body.itemsPerPage, 120);
    const zero = await h.call('GET', '/Users?startIndex=0&count=-3');
    assert.equal(zero.body.startIndex, 1);
    assert.deepEqual(zero.body.Resources, []);
    assert.equal(zero.body.totalResults, total);
    assertScimError(await h.call('GET', '/Users?count=ten'), 400, 'invalidValue', /"ten"/);
  });

  it('cursor paging walks every result exactly once, in sort order', async () => {
    for (const sort of ['', '&sortBy=userName&sortOrder=descending']) {
      const seen: string[] = [];
      let cursor = '';
      let pages = 0;
      for (;;) {
        const page = await h.call(
          'GET',
          `/Users?count=40&cursor=${encodeURIComponent(cursor)}${sort}`,
        );
        assert.equal(page.status, 200, page.text);
        assert.equal(page.body.totalResults, total);
        assert.equal(page.body.startIndex, undefined);
        seen.push(...page.body.Resources.map((u: { userName: string }) => u.userName));
        pages++;
        if (page.body.nextCursor === undefined) break;
        cursor = page.body.nextCursor;
      }
      assert.equal(pages, Math.ceil(total / 40));
      assert.equal(seen.length, total);
      assert.equal(new Set(seen).size, total);
      if (sort) assert.deepEqual(seen, [...seen].sort().reverse());
    }
    assertScimError(
      await h.call('GET', '/Users?cursor=not-ours'),
      400,
      'invalidCursor',
      /not-ours/,
    );
  });

  it('sortBy/sortOrder over the whole set; an unknown sortBy is 400 invalidValue', async () => {
    const page = await h.call('GET', '/Users?sortBy=displayName&sortOrder=descending&count=3');
    assert.deepEqual(
      page.body.Resources.map((u: { displayName: string }) => u.displayName),
      ['User 249', 'User 248', 'User 247'],
    );
    assertScimError(await h.call('GET', '/Users?sortBy=shoeSize'), 400, 'invalidValue', /shoeSize/);
  });

  it('attributes and excludedAttributes; an empty attributes= means no restriction', async () => {
    const only = await h.call('GET', '/Users?count=1&attributes=userName');
    assert.deepEqual(Object.keys(only.body.Resources[0]).sort(), ['id', 'schemas', 'userName']);
    const without = await h.call('GET', '/Users?count=1&excludedAttributes=emails,meta');
    assert.equal(without.body.Resources[0].emails, undefined);
    assert.equal(without.body.Resources[0].meta, undefined);
    assert.ok(without.body.Resources[0].userName);
    const empty = await h.call('GET', '/Users?count=1&attributes=');
    assert.ok(empty.body.Resources[0].emails && empty.body.Resources[0].meta);
  });

  it('POST /Users/.search takes a SearchRequest', async () => {
    const found = await h.call('POST', '/Users/.search', {
      body: {
        schemas: [searchRequest],
        filter: 'userName sw "user01"',
        attributes: ['userName', 'displayName'],
        sortBy: 'userName',
        startIndex: 1,
        count: 5,
      },
    });
    assert.equal(found.status, 200, found.text);
    assert.equal(found.body.totalResults, 10);
    assert.deepEqual(
      found.body.Resources.map((u: { userName: string }) => u.userName),
      [
        'user010@okta.test',
        'user011@okta.test',
        'user012@okta.test',
        'user013@okta.test',
        'user014@okta.test',
      ],
    );
    assert.equal(found.body.Resources[0].emails, undefined);
  });

  it('POST /.search at the root spans Users and Groups', async () => {
    const both = await h.call('POST', '/.search', {
      body: {
        schemas: [searchRequest],
        filter: 'displayName sw "User"',
        startIndex: 249,
        count: 10,
      },
    });
    assert.equal(both.status, 200, both.text);
    assert.equal(both.body.totalResults, total + 1);
    assert.deepEqual(
      both.body.Resources.map((r: { meta: { resourceType: string } }) => r.meta.resourceType),
      ['User', 'User', 'Group'],
    );
    // userName is no Group attribute: the Groups simply do not match.
    const users = await h.call('POST', '/.search', {
      body: { filter: 'userName eq "user007@okta.test"' },
    });
    assert.equal(users.body.totalResults, 1);
    assertScimError(
      await h.call('POST', '/.search', { body: { filter: 'shoeSize eq 42' } }),
      400,
      'invalidFilter',
    );
  });
});
