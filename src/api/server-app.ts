/**
 * The whole HTTP surface of one Roster process: `/healthz`, `/metrics`, the admin API under
 * `/api/v1`, the tenants' SCIM endpoints under `/scim/v2/:tenant` (built by compose.ts and
 * passed in) and the web console at every other path. Requests outside /scim (which counts and
 * logs its own) are counted for Prometheus and logged without query strings, headers or bodies,
 * so no secret reaches the log.
 *
 * Example: const app = createServerApp({ api, ping: () => store.tenants.byId('-'), registry, log });
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Registry } from 'prom-client';
import { ApiError, errorResponse } from './api-error.ts';
import { type ConsoleOptions, serveConsole } from './console-static.ts';
import { type AdminApiOptions, createAdminApi } from './create-admin-api.ts';
import { createHttpMetrics, metricsHandler, routeOf } from './http-metrics.ts';

export interface ServerLog {
  debug(fields: Record<string, unknown>, message: string): void;
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface ServerAppDeps {
  api: AdminApiOptions;
  /** The SCIM app (routes under /scim/v2/:tenant), when there is one. */
  scim?: { fetch: (request: Request, env?: unknown) => Response | Promise<Response> } | undefined;
  /** Resolves when the database answers; healthz times it out. */
  ping: () => Promise<unknown>;
  registry: Registry;
  log: ServerLog;
  /** Largest admin API request body, bytes (default 64 KiB). */
  apiBodyBytes?: number;
  /** Largest body of POST /api/v1/directory/import, bytes (default 64 MiB). */
  importBodyBytes?: number;
  pingTimeoutMs?: number;
  /** The built web console, served at every path the server does not own (absent: none). */
  console?: ConsoleOptions | undefined;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createServerApp(deps: ServerAppDeps): Hono {
  const { log } = deps;
  const app = new Hono();

  // /scim counts and logs its own requests (roster_scim_* metrics); the rest is done here.
  const metrics = createHttpMetrics(deps.registry);
  app.use(async (c, next) => {
    const path = new URL(c.req.url).pathname;
    if (path.startsWith('/scim/')) return next();
    const started = performance.now();
    await metrics(c, next);
    const fields = {
      method: c.req.method,
      path,
      route: routeOf(c),
      status: c.res.status,
      ms: Math.round(performance.now() - started),
    };
    if (path === '/healthz' || path === '/metrics') log.debug(fields, 'http request');
    else log.info(fields, 'http request');
  });

  app.get('/healthz', async (c) => {
    try {
      await withTimeout(deps.ping(), deps.pingTimeoutMs ?? 2000);
      return c.json({ status: 'ok' });
    } catch (error) {
      log.error({ err: error }, 'health check failed: the database did not answer');
      return c.json({ status: 'unavailable', reason: 'the database did not answer' }, 503);
    }
  });
  app.get('/metrics', metricsHandler(deps.registry));

  const apiBytes = deps.apiBodyBytes ?? 64 * 1024;
  // A directory import carries a whole CSV or JSON file: it gets its own, larger limit.
  const importBytes = deps.importBodyBytes ?? 64 * 1024 * 1024;
  const limit = (maxSize: number, what: string) =>
    bodyLimit({
      maxSize,
      onError: (c) =>
        errorResponse(
          c,
          new ApiError(
            413,
            'tooLarge',
            `the request body is larger than ${maxSize} bytes, ${what}`,
          ),
        ),
    });
  const apiLimit = limit(apiBytes, "the admin API's limit");
  const importLimit = limit(
    importBytes,
    'the limit of a directory import (use the CLI for larger files)',
  );
  app.use('/api/v1/*', (c, next) =>
    c.req.path === '/api/v1/directory/import' ? importLimit(c, next) : apiLimit(c, next),
  );
  // The unversioned address of the OpenAPI document points at the current version's.
  app.get('/api/openapi.json', (c) => c.redirect('/api/v1/openapi.json', 308));
  app.route(
    '/api/v1',
    createAdminApi({
      ...deps.api,
      onUnexpected: (err) => log.error({ err }, 'admin API request failed'),
    }),
  );

  // The SCIM app keeps its own router (non-strict paths, its 404s and error bodies): delegate.
  const scim = deps.scim;
  if (scim) app.all('/scim/*', (c) => scim.fetch(c.req.raw, c.env));

  // ── The web console (src/console, built to dist/console): every other GET (and HEAD) path. ──
  if (deps.console) app.get('*', serveConsole(deps.console));
  return app;
}
