// Shared by the engine suites: both sides in one process on one SQLite :memory: store — the
// directory with an enterprise app from the gallery, and Roster's own SCIM app as the target
// (tenant "acme" with a Secret Token). The job's client reaches the target through
// `app.request` (optionally wrapped in the strict RFC target), so no port is opened.
import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import type { FetchLike } from '../../src/client/index.ts';
import { createDirectory } from '../../src/directory/index.ts';
import {
  type CycleReport,
  createProvisioning,
  createSecretBox,
  type ProvisioningDeps,
} from '../../src/engine/index.ts';
import type { ScimResource } from '../../src/scim/index.ts';
import { createScimApp, mintSecretToken } from '../../src/scim-server/index.ts';
import { openSqliteStore } from '../../src/store/sqlite/index.ts';
import type { ProvisioningLogEntry, Store } from '../../src/store/store.ts';
import { createStrictTarget } from '../client/strict-target.ts';
import { fastPasswords } from '../directory/support.ts';

export const tenantUrl = 'https://roster.test/scim/v2/acme';
export const enterprise = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export const silentLog = { info() {}, warn() {}, error() {} };

export interface EngineHarnessOptions {
  template?: 'generic-scim' | 'wrike';
  /** The target tenant's app profile (e.g. { preset: 'wrike' }). */
  profile?: Record<string, unknown>;
  strict?: boolean;
  /** Settings applied after mode=automatic. */
  settings?: Record<string, unknown>;
  pageSize?: number;
  /** The store both sides use (default SQLite :memory:). */
  open?: () => Promise<Store>;
  /** The engine's clock (default: the real one); the target keeps it too. */
  clock?: () => Date;
  /** Wraps the job's way to the target (e.g. to answer 503 while the target is "down"). */
  wrapFetch?: (fetch: FetchLike) => FetchLike;
  /** More provisioning deps: quarantine policy, mailer, publicUrl, log. */
  provisioning?: Partial<ProvisioningDeps>;
  /**
   * How the job reaches its target instead of `app.request` (a fake target over loopback HTTP
   * wraps `direct`), and the Tenant URL it is given.
   */
  target?: (direct: (url: string, init: RequestInit) => Promise<Response>) => {
    fetch: (url: string, init: RequestInit) => Promise<Response>;
    tenantUrl: string;
  };
  /** The job's client options (default: 5 s timeout, one attempt). */
  clientOptions?: Record<string, unknown>;
}

export async function createEngineHarness(options: EngineHarnessOptions = {}) {
  const store = options.open
    ? await options.open()
    : await openSqliteStore({ location: ':memory:' });
  const clock = options.clock ?? (() => new Date());
  const scim = createScimApp({
    store,
    log: silentLog,
    registry: new Registry(),
    publicUrl: 'https://roster.test',
    limits: { ratePerSecond: 0, authCacheMs: 0 },
  });
  const tenant = await store.tenants.create('acme', options.profile ?? {});
  const minted = mintSecretToken();
  const token = await store.tokens.create(tenant.id, minted.prefix, minted.hash);
  // The tests read the target with a token of their own, so revoking the job's leaves them reading.
  const reader = mintSecretToken();
  await store.tokens.create(tenant.id, reader.prefix, reader.hash);
  const direct = async (url: string, init: RequestInit) => scim.request(url, init);
  const strict = options.strict ? createStrictTarget(direct) : undefined;
  const custom = options.target?.(strict ? strict.fetch : direct);
  const directory = createDirectory({ store, clock, passwords: fastPasswords });
  const toTarget = strict ? strict.fetch : direct;
  const provisioning = createProvisioning({
    store,
    clock,
    fetch: options.wrapFetch
      ? options.wrapFetch(custom ? custom.fetch : toTarget)
      : custom
        ? custom.fetch
        : toTarget,
    secretBox: createSecretBox('test-secret-key-0123456789abcdef-0123'),
    log: silentLog,
    templates: directory.gallery,
    clientOptions: options.clientOptions ?? { timeoutMs: 5000, retry: { maxAttempts: 1 } },
    ...(options.pageSize && { pageSize: options.pageSize }),
    ...options.provisioning,
  });
  const app = await directory.apps.add({
    template: options.template ?? 'generic-scim',
    name: 'Acme',
  });
  await provisioning.jobs.setCredentials(app.id, {
    tenantUrl: custom?.tenantUrl ?? tenantUrl,
    secretToken: minted.token,
  });
  await provisioning.jobs.updateSettings(app.id, { mode: 'automatic', ...options.settings });

  /** Target resources of the tenant, through the store (no request counted). */
  async function targetUsers(): Promise<ScimResource[]> {
    const answer = await scim.request(`${tenantUrl}/Users?count=1000`, {
      headers: { authorization: `Bearer ${reader.token}` },
    });
    return ((await answer.json()) as { Resources: ScimResource[] }).Resources;
  }
  async function targetGroups(): Promise<ScimResource[]> {
    const answer = await scim.request(`${tenantUrl}/Groups?count=1000`, {
      headers: { authorization: `Bearer ${reader.token}` },
    });
    return ((await answer.json()) as { Resources: ScimResource[] }).Resources;
  }
  const userNamed = async (userName: string) =>
    (await targetUsers()).find((u) => String(u.userName).toLowerCase() === userName.toLowerCase());
  const groupNamed = async (name: string) =>
    (await targetGroups()).find((g) => g.displayName === name);
  const memberIds = (group: ScimResource | undefined) =>
    ((group?.members as { value: string }[] | undefined) ?? []).map((m) => m.value).sort();

  async function run(
    expected: CycleReport['status'] = 'succeeded',
    dryRun = false,
  ): Promise<CycleReport> {
    const report = await provisioning.runCycle(app.id, { dryRun });
    assert.equal(report.status, expected, `cycle ${report.kind}: ${report.error}`);
    return report;
  }

  async function logsOf(report: CycleReport): Promise<ProvisioningLogEntry[]> {
    return (
      await provisioning.logs(app.id, { cycleId: report.cycleId }, { limit: 1000 })
    ).entries.reverse();
  }

  /** "Action/Status identity" lines of a cycle's log, sorted, for compact assertions. */
  async function brief(report: CycleReport): Promise<string[]> {
    return (await logsOf(report)).map((e) => `${e.action}/${e.status} ${e.sourceIdentity}`).sort();
  }

  const addUser = (upn: string, extra: Record<string, unknown> = {}) =>
    directory.users.add({
      userPrincipalName: upn,
      mail: upn,
      givenName: upn.split('@')[0],
      surname: 'Test',
      displayName: upn.split('@')[0],
      accountEnabled: true,
      ...extra,
    });
  const assign = (principalType: 'user' | 'group', principal: string, role = 'User') =>
    directory.assignments.assign(app.id, { principalType, principal, role });

  return {
    store,
    scim,
    strict,
    token: minted.token,
    /** Revokes the job's Secret Token at the target: every call answers 401 from then on. */
    revokeToken: () => store.tokens.revoke(tenant.id, token.id),
    /** Mints another token at the target and gives it to the job. */
    async renewToken() {
      const next = mintSecretToken();
      await store.tokens.create(tenant.id, next.prefix, next.hash);
      await provisioning.jobs.setCredentials(app.id, { tenantUrl, secretToken: next.token });
    },
    directory,
    provisioning,
    app,
    run,
    logsOf,
    brief,
    addUser,
    assign,
    targetUsers,
    targetGroups,
    userNamed,
    groupNamed,
    memberIds,
    close: () => store.close(),
  };
}
