/**
 * The two servers the bench measures, each in a child process of its own so the load generator
 * (in the parent) never shares an event loop with them:
 *   node bench/servers.ts ceiling             → raw node:http hello-world JSON
 *   node bench/servers.ts roster <store-url>  → Roster's SCIM app on the given store
 * Each prints `listening <port>` on stdout once ready.
 */
import { createServer } from 'node:http';
import { serve } from '@hono/node-server';
import pino from 'pino';
import { createScimApp } from '../src/scim-server/index.ts';
import { openStore } from './store-url.ts';

const [kind, storeUrl] = process.argv.slice(2);

if (kind === 'ceiling') {
  const body = JSON.stringify({ hello: 'world' });
  const server = createServer((_req, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
  });
} else if (kind === 'roster' && storeUrl) {
  const store = await openStore(storeUrl, { migrate: false });
  // A bench must not be throttled by the per-token limit it is not measuring.
  const app = createScimApp({
    store,
    log: pino({ level: 'silent' }),
    limits: { ratePerSecond: 1e9, burst: 1e9 },
  });
  const server = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
    console.log(`listening ${info.port}`);
  });
  process.on('SIGTERM', () => server.close(() => store.close().then(() => process.exit(0))));
} else {
  console.error('usage: node bench/servers.ts ceiling | roster <store-url>');
  process.exit(2);
}
