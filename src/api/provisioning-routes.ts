/**
 * The provisioning service over HTTP (the tutorial's Provisioning blade), under
 * `/apps/{app}/provisioning`: job settings, admin credentials and Test Connection, mappings
 * (export / import / restore defaults), the whole job document, start / stop / restart / allow
 * deletes, run one cycle (or a dry run), provision one user or group on demand, status, cycles
 * and provisioning logs (filters, CSV and JSON download). Reading needs any identity role; everything else manageApps (Cloud
 * Application Administrator). ProvisioningErrors become the API's error bodies here.
 *
 * Example: PUT /api/v1/apps/Wrike/provisioning/credentials {"tenantUrl":"https://…/scim/v2","secretToken":"…"}
 */
import { Hono } from 'hono';
import type { Directory } from '../directory/index.ts';
import { isDirectoryError } from '../directory/index.ts';
import {
  isProvisioningError,
  type Provisioning,
  type ProvisioningErrorKind,
} from '../engine/index.ts';
import { ApiError, errorResponse } from './api-error.ts';
import { fromDirectoryError, type IdentityEnv, identityGuard } from './identity-auth.ts';
import {
  credentialsBody,
  cyclesQuery,
  logsQuery,
  onDemandBody,
  restartBody,
  runBody,
  settingsBody,
  testConnectionBody,
} from './provisioning-schemas.ts';
import { readBody, readQuery } from './read-body.ts';
import type { SessionStore } from './session-store.ts';

export interface ProvisioningApiDeps {
  directory: Directory;
  provisioning: Provisioning;
  /** The identity admins' sessions (shared with the identity routes). */
  sessions: SessionStore;
  adminToken?: string | undefined;
  /** Where a cycle started in the background reports an unexpected failure. */
  onUnexpected?: (error: unknown) => void;
}

const statuses: Record<ProvisioningErrorKind, 400 | 404 | 409> = {
  invalid: 400,
  notFound: 404,
  conflict: 409,
};

/** Any JSON body (the engine checks its meaning), or 415/400 in words. */
async function readJson(c: Parameters<typeof readBody>[0]): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new ApiError(
      415,
      'unsupportedMediaType',
      'send the request body as JSON, with Content-Type: application/json',
    );
  try {
    return JSON.parse(await c.req.text());
  } catch (error) {
    throw new ApiError(
      400,
      'invalid',
      `the request body is not valid JSON: ${(error as Error).message}`,
    );
  }
}

/** A body that may be absent (POST without one). */
async function optionalBody<S extends Parameters<typeof readBody>[1]>(
  c: Parameters<typeof readBody>[0],
  schema: S,
) {
  const length = c.req.header('content-length');
  if (!c.req.header('content-type') && (length === undefined || length === '0'))
    return schema.parse({});
  return readBody(c, schema);
}

// biome-ignore lint/suspicious/noExplicitAny: mounts into any Hono router (ApiEnv or plain)
export function registerProvisioningApi(api: Hono<any>, deps: ProvisioningApiDeps): void {
  const { provisioning } = deps;
  const { jobs } = provisioning;
  const routes = new Hono<IdentityEnv>();
  const auth = { directory: deps.directory, sessions: deps.sessions, adminToken: deps.adminToken };
  const read = identityGuard(auth, 'read');
  const write = identityGuard(auth, 'manageApps');
  const base = '/apps/:app/provisioning';
  const app = (c: { req: { param(name: 'app'): string } }) => c.req.param('app');

  routes.get(base, read, async (c) => c.json(await jobs.get(app(c))));
  routes.patch(base, write, async (c) =>
    c.json(await jobs.updateSettings(app(c), await readBody(c, settingsBody))),
  );
  routes.put(`${base}/credentials`, write, async (c) =>
    c.json(await jobs.setCredentials(app(c), await readBody(c, credentialsBody))),
  );
  routes.post(`${base}/test-connection`, write, async (c) =>
    c.json(await jobs.testConnection(app(c), await optionalBody(c, testConnectionBody))),
  );

  routes.get(`${base}/mappings`, read, async (c) => c.json(await jobs.getMappings(app(c))));
  routes.put(`${base}/mappings`, write, async (c) =>
    c.json(await jobs.setMappings(app(c), await readJson(c))),
  );
  routes.post(`${base}/mappings/restore-defaults`, write, async (c) =>
    c.json(await jobs.restoreDefaultMappings(app(c))),
  );
  routes.get(`${base}/export`, read, async (c) => {
    const document = await jobs.exportDocument(app(c));
    c.header(
      'Content-Disposition',
      `attachment; filename="provisioning-${document.app.name.replace(/[^\w.-]+/g, '_')}.json"`,
    );
    return c.json(document);
  });
  routes.post(`${base}/import`, write, async (c) =>
    c.json(await jobs.importDocument(app(c), await readJson(c))),
  );

  routes.post(`${base}/start`, write, async (c) => c.json(await jobs.start(app(c))));
  routes.post(`${base}/stop`, write, async (c) => c.json(await jobs.stop(app(c))));
  routes.post(`${base}/restart`, write, async (c) =>
    c.json(await jobs.restart(app(c), (await optionalBody(c, restartBody)).reset)),
  );
  routes.post(`${base}/allow-deletes`, write, async (c) => c.json(await jobs.allowDeletes(app(c))));
  routes.post(`${base}/run`, write, async (c) => {
    const body = await optionalBody(c, runBody);
    if (body.dryRun || body.wait)
      return c.json(await provisioning.runCycle(app(c), { dryRun: body.dryRun ?? false }));
    const status = await provisioning.status(app(c));
    if (status.state === 'running')
      throw new ApiError(
        409,
        'conflict',
        `a cycle of ${status.appName} is running (${status.currentCycle?.id})`,
        'app',
      );
    provisioning.runCycle(app(c)).catch((error: unknown) => {
      if (!isProvisioningError(error)) deps.onUnexpected?.(error);
    });
    return c.json({ started: true, appId: status.appId }, 202);
  });

  routes.post(`${base}/on-demand`, write, async (c) =>
    c.json(await provisioning.onDemand(app(c), await readBody(c, onDemandBody))),
  );

  routes.get(`${base}/status`, read, async (c) => c.json(await provisioning.status(app(c))));
  routes.get(`${base}/cycles`, read, async (c) =>
    c.json({ cycles: await provisioning.cycles(app(c), readQuery(c, cyclesQuery).limit ?? 20) }),
  );
  routes.get(`${base}/logs`, read, async (c) => {
    const q = readQuery(c, logsQuery);
    const filter = {
      ...(q.status && { status: q.status }),
      ...(q.action && { action: q.action }),
      ...(q.identity && { identity: q.identity }),
      ...(q.since && { since: q.since }),
      ...(q.until && { until: q.until }),
      ...(q.cycle && { cycleId: q.cycle }),
    };
    if (q.format) {
      const chunks = await provisioning.exportLogs(app(c), filter, q.format);
      const encoder = new TextEncoder();
      const stream = new ReadableStream<Uint8Array>({
        async pull(controller) {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        },
        async cancel() {
          await chunks.return(undefined);
        },
      });
      c.header(
        'Content-Type',
        q.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
      );
      c.header('Content-Disposition', `attachment; filename="provisioning-logs.${q.format}"`);
      return c.body(stream);
    }
    return c.json(
      await provisioning.logs(app(c), filter, {
        ...(q.limit && { limit: q.limit }),
        ...(q.before && { before: q.before }),
      }),
    );
  });

  routes.onError((error, c) => {
    if (isProvisioningError(error)) {
      const apiError = new ApiError(
        statuses[error.kind],
        error.kind,
        error.message,
        error.field ?? null,
      );
      if (!error.issues) return errorResponse(c, apiError);
      // Every mapping issue (path, message, span), so the console shows each by its field.
      return c.json(
        { error: { ...apiError.toJSON().error, issues: error.issues } },
        apiError.status,
      );
    }
    if (isDirectoryError(error)) return errorResponse(c, fromDirectoryError(error));
    throw error;
  });
  api.route('/', routes);
}
