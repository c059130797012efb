/**
 * The SCIM app's own cost per request, without sockets: requests go to `app.fetch` one at a
 * time, and the CPU time (user + system) and wall time per request are printed per scenario.
 * For profiles (`node --cpu-prof bench/in-process.ts`) and for comparing two versions of the
 * code on a shared machine. Uses the database bench/cpu-per-request.ts seeded.
 *
 *   DB=/tmp/roster-cpu-bench-100000.db N=5000 ONLY=get [CONCURRENCY=50] node bench/in-process.ts
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { createScimApp } from '../src/scim-server/index.ts';
import type { Seeded } from './seed.ts';
import { openStore } from './store-url.ts';

const file = process.env.DB ?? path.join(tmpdir(), 'roster-cpu-bench-100000.db');
const data: Seeded = JSON.parse(readFileSync(`${file}.json`, 'utf8'));
const store = await openStore(`sqlite:${file}`, { migrate: false });
const app = createScimApp({
  store,
  log: pino({ level: process.env.LOG ?? 'silent' }, pino.destination('/dev/null')),
  limits: { ratePerSecond: 1e9, burst: 1e9 },
});
const n = Number(process.env.N ?? 5000);
// Requests in flight at once (CONCURRENCY=50 is what the HTTP bench's connections do).
const concurrency = Number(process.env.CONCURRENCY ?? 1);
const headers = { authorization: `Bearer ${data.token}`, 'content-type': 'application/scim+json' };
const base = `http://127.0.0.1/scim/v2/${data.tenant}`;
const pick = <T>(items: T[]) => items[Math.floor(Math.random() * items.length)]!;
const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const run = `${process.pid}-${Date.now()}`;
let posted = 0;
let spare = 0;
type Call = [url: string, method?: string, body?: string];
const scenarios: Record<string, () => Call> = {
  spc: () => [`${base}/ServiceProviderConfig`],
  get: () => [`${base}/Users/${pick(data.userIds)}`],
  filter: () => [
    `${base}/Users?filter=${encodeURIComponent(`userName eq "user${Math.floor(Math.random() * data.userIds.length)}@bench.test"`)}`,
  ],
  post: () => [
    `${base}/Users`,
    'POST',
    JSON.stringify({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
      userName: `ip-${run}-${posted++}@bench.test`,
      active: true,
      emails: [{ type: 'work', value: `ip${posted}@bench.test`, primary: true }],
    }),
  ],
  patch: () => [
    `${base}/Users/${pick(data.userIds)}`,
    'PATCH',
    JSON.stringify({
      schemas: [patchOp],
      Operations: [{ op: 'Replace', path: 'title', value: `T${Math.random()}` }],
    }),
  ],
  member: () => [
    `${base}/Groups/${data.groupId}`,
    'PATCH',
    JSON.stringify({
      schemas: [patchOp],
      Operations: [
        {
          op: 'Add',
          path: 'members',
          value: [{ value: data.spareIds[spare++ % data.spareIds.length] }],
        },
      ],
    }),
  ],
};
for (const [name, next] of Object.entries(scenarios)) {
  if (process.env.ONLY && !process.env.ONLY.split(',').includes(name)) continue;
  for (let round = 0; round < 2; round++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    let sent = 0;
    const client = async () => {
      while (sent++ < n) {
        const [url, method = 'GET', body] = next();
        const response = await app.fetch(new Request(url, { method, headers, body }));
        const text = await response.text();
        if (response.status >= 300) throw new Error(`${name}: ${response.status} ${text}`);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, client));
    const used = process.cpuUsage(cpu);
    const wall = performance.now() - started;
    if (round === 1)
      console.log(
        `${name.padEnd(8)} ${((used.user + used.system) / n).toFixed(0).padStart(5)} µs CPU  ${((wall * 1000) / n).toFixed(0).padStart(5)} µs wall per request`,
      );
  }
}
await store.close();
