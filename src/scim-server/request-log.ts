/**
 * The outermost middleware of the SCIM app: gives each request an id (a sane incoming
 * `X-Request-Id`, else a fresh UUID, echoed in the response), then logs one structured line
 * per request — method, route template, status, tenant, duration in ms, request id — and
 * counts it in the metrics. Never logged: the Authorization header, the token, bodies, query
 * strings (filters hold user names).
 *
 * Example: app.use('/scim/*', createRequestLog({ log, metrics }))
 */
import type { MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { ScimMetrics } from './metrics.ts';
import type { ScimLog } from './scim-log.ts';
import type { ScimEnv } from './tenant-scope.ts';

export interface RequestLogDeps {
  log: ScimLog;
  metrics: ScimMetrics;
  newRequestId?: () => string;
}

const saneId = /^[\w.:-]{1,128}$/;

/** The tenant segment of /scim/v2/{tenant}/…, for requests that never got a scope (401). */
const tenantInPath = (path: string) => path.split('/')[3]?.slice(0, 64) || undefined;

export function createRequestLog(deps: RequestLogDeps): MiddlewareHandler<ScimEnv> {
  const newId = deps.newRequestId ?? (() => crypto.randomUUID());
  // The labelled children, once per method/route/status: prom-client hashes labels otherwise.
  const series = new Map<string, { count: { inc(): void }; time: { observe(v: number): void } }>();
  const seriesOf = (method: string, route: string, status: string) => {
    const k = `${method} ${status} ${route}`;
    let found = series.get(k);
    if (!found) {
      const labels = { method, route, status };
      found = {
        count: deps.metrics.requests.labels(labels),
        time: deps.metrics.duration.labels(labels),
      };
      if (series.size < 1000) series.set(k, found);
    }
    return found;
  };
  return async (c, next) => {
    const started = performance.now();
    const incoming = c.req.header('x-request-id');
    const requestId = incoming !== undefined && saneId.test(incoming) ? incoming : newId();
    c.set('requestId', requestId);
    await next();
    if (!c.get('requestIdSent')) c.res.headers.set('X-Request-Id', requestId);
    const seconds = (performance.now() - started) / 1000;
    const route = routePath(c) || 'unmatched';
    const status = String(c.res.status);
    const { method } = c.req;
    const counted = seriesOf(method, route, status);
    counted.count.inc();
    counted.time.observe(seconds);
    deps.log.info(
      {
        requestId,
        method,
        route,
        status: c.res.status,
        tenant: c.get('scope')?.tenant.name ?? tenantInPath(c.req.path),
        durationMs: Math.round(seconds * 1e6) / 1000,
      },
      'scim request',
    );
  };
}
