// Shared by the SCIM server suites: a real SQLite :memory: store, a tenant with a Secret Token
// made directly through the store, the app under test, a log recorder, and `call`, which sends
// one request through app.request() and parses the JSON answer.
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import {
  createScimApp,
  mintSecretToken,
  type ScimAppDeps,
  type ScimLimits,
  type ScimLog,
} from '../../src/scim-server/index.ts';
import { openSqliteStore } from '../../src/store/sqlite/index.ts';
import type { Store } from '../../src/store/store.ts';

export const coreUser = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const enterpriseUser = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';
export const coreGroup = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const adscimGroup =
  'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group';
export const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const listResponse = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const errorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';

export interface LogLine {
  level: 'info' | 'warn' | 'error';
  fields: Record<string, unknown>;
  message: string;
}

export function createLogRecorder(): ScimLog & { lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (fields: Record<string, unknown>, message: string) => {
    lines.push({ level, fields, message });
  };
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

export interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test assertions read arbitrary JSON
  body: any;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Raw body text, sent as is (for malformed JSON). */
  raw?: string;
  token?: string | null;
  headers?: Record<string, string>;
}

export interface Harness {
  store: Store;
  app: ReturnType<typeof createScimApp>;
  registry: Registry;
  log: ReturnType<typeof createLogRecorder>;
  tenant: { id: string; name: string };
  token: string;
  /** `path` relative to the tenant's SCIM root (`/Users`), or absolute when it starts with /scim. */
  call(method: string, path: string, options?: CallOptions): Promise<Answer>;
  addTenant(
    name: string,
    profile?: Record<string, unknown>,
  ): Promise<{ id: string; token: string }>;
}

export interface HarnessOptions {
  profile?: Record<string, unknown>;
  limits?: Partial<ScimLimits>;
  now?: () => Date;
  /** Opens the store (default: SQLite in memory); see test/store/databases.ts for PostgreSQL. */
  open?: () => Promise<Store>;
  /** Wraps the store the app sees (e.g. to count calls). */
  wrap?: (store: Store) => Store;
  deps?: Partial<ScimAppDeps>;
}

export async function createHarness(options: HarnessOptions = {}): Promise<Harness> {
  const store = await (options.open?.() ?? openSqliteStore({ location: ':memory:' }));
  const registry = new Registry();
  const log = createLogRecorder();
  const app = createScimApp({
    store: options.wrap ? options.wrap(store) : store,
    log,
    registry,
    publicUrl: 'https://roster.test',
    limits: { ratePerSecond: 0, authCacheMs: 0, ...options.limits },
    ...(options.now && { now: options.now }),
    ...options.deps,
  });
  const addTenant = async (name: string, profile: Record<string, unknown> = {}) => {
    const tenant = await store.tenants.create(name, profile);
    const minted = mintSecretToken();
    await store.tokens.create(tenant.id, minted.prefix, minted.hash);
    return { id: tenant.id, token: minted.token };
  };
  const acme = await addTenant('acme', options.profile);
  const call = async (method: string, path: string, call: CallOptions = {}): Promise<Answer> => {
    const headers: Record<string, string> = { ...call.headers };
    const token = call.token === undefined ? acme.token : call.token;
    if (token !== null) headers.Authorization ??= `Bearer ${token}`;
    let body: string | undefined = call.raw;
    if (call.body !== undefined) body = JSON.stringify(call.body);
    if (body !== undefined) headers['Content-Type'] ??= 'application/scim+json';
    const url = path.startsWith('/scim') ? path : `/scim/v2/acme${path}`;
    const response = await app.request(url, { method, headers, body });
    const text = await response.text();
    let parsed: unknown;
    if (text !== '') {
      assert.match(response.headers.get('content-type') ?? '', /^application\/scim\+json/);
      parsed = JSON.parse(text);
    }
    return { status: response.status, headers: response.headers, body: parsed, text };
  };
  return {
    store,
    app,
    registry,
    log,
    tenant: { id: acme.id, name: 'acme' },
    token: acme.token,
    call,
    addTenant,
  };
}

/** Asserts a SCIM error answer (RFC 7644 §3.12) and returns its detail. */
export function assertScimError(
  answer: Answer,
  status: number,
  scimType?: string,
  detail?: RegExp,
): string {
  assert.equal(answer.status, status, answer.text);
  assert.deepEqual(answer.body.schemas, [errorSchema]);
  assert.equal(answer.body.status, String(status));
  assert.equal(answer.body.scimType, scimType);
  if (detail) assert.match(answer.body.detail, detail);
  return answer.body.detail;
}

export const filterPath = (endpoint: string, filter: string, extra = '') =>
  `/${endpoint}?filter=${encodeURIComponent(filter)}${extra}`;
