/**
 * Request bodies over a real socket (the Node server, not app.request): with a Content-Length
 * the body is read whole, chunked bodies are counted as they stream, both stop at the limit
 * with 413, and UTF-8 (with or without a byte-order mark) arrives intact.
 */
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { serve } from '@hono/node-server';
import { coreUser, createHarness, type Harness } from './support.ts';

interface Reply {
  status: number;
  body: Record<string, unknown>;
}

describe('request bodies over HTTP', () => {
  let h: Harness;
  let server: ReturnType<typeof serve>;
  let port = 0;
  before(async () => {
    h = await createHarness({ limits: { bodyBytes: 4096 } });
    server = serve({ fetch: h.app.fetch, hostname: '127.0.0.1', port: 0 });
    await new Promise((resolve) => server.once('listening', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise((resolve) => server.close(resolve)));

  /** POSTs `chunks` to /Users: with Content-Length when `sized`, else chunked. */
  const post = (chunks: (string | Buffer)[], sized: boolean) =>
    new Promise<Reply>((resolve, reject) => {
      const bytes = chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c));
      const headers: Record<string, string> = {
        authorization: `Bearer ${h.token}`,
        'content-type': 'application/scim+json',
      };
      if (sized) headers['content-length'] = String(Buffer.concat(bytes).length);
      const req = request(
        { host: '127.0.0.1', port, method: 'POST', path: '/scim/v2/acme/Users', headers },
        (res) => {
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(text) }));
        },
      );
      req.on('error', reject);
      for (const chunk of bytes) req.write(chunk);
      req.end();
    });
  const user = (userName: string, displayName = 'Ann') =>
    JSON.stringify({ schemas: [coreUser], userName, displayName });

  it('reads a sized body whole and a chunked one piece by piece', async () => {
    const sized = await post([user('sized@example.test')], true);
    assert.equal(sized.status, 201);
    assert.equal(sized.body.userName, 'sized@example.test');
    const text = user('chunked@example.test');
    const chunked = await post([text.slice(0, 10), text.slice(10, 30), text.slice(30)], false);
    assert.equal(chunked.status, 201);
    assert.equal(chunked.body.userName, 'chunked@example.test');
  });

  it('413 past the limit, sized or chunked; nothing is created', async () => {
    const big = user('big@example.test', 'x'.repeat(5000));
    for (const sized of [true, false]) {
      const answer = await post([big.slice(0, 2000), big.slice(2000)], sized);
      assert.equal(answer.status, 413, `sized: ${sized}`);
      assert.match(String(answer.body.detail), /4096 bytes/);
    }
    const found = await h.call('GET', '/Users?filter=userName eq "big@example.test"');
    assert.equal((found.body as { totalResults: number }).totalResults, 0);
  });

  it('UTF-8 split inside a character, with a byte-order mark, arrives intact', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(user('zoë@example.test', 'Zoë Ångström 李')),
    ]);
    const cut = bytes.indexOf(0xc3) + 1; // between the two bytes of "ë"
    for (const [sized, name] of [
      [true, 'zoë@example.test'],
      [false, 'zoë2@example.test'],
    ] as const) {
      const body = Buffer.from(
        bytes.toString('utf8').replace('zoë@', name.replace('@example.test', '@')),
      );
      const answer = await post([body.subarray(0, cut), body.subarray(cut)], sized);
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      assert.equal(answer.body.userName, name);
      assert.equal(answer.body.displayName, 'Zoë Ångström 李');
    }
  });
});
