/**
 * The app side's SCIM 2.0 service provider (RFC 7643/7644): one Hono app serving every tenant
 * at `/scim/v2/{tenant}/…` — Users, Groups, Bulk, /.search, discovery — behind the tenant's
 * bearer token, with per-token rate limits, body limits, request logs and Prometheus metrics.
 * The composition root mounts it (`root.route('/', createScimApp(deps))`) next to /metrics and
 * /healthz.
 *
 * Example:
 *   const app = createScimApp({ store, log: pino(), registry });
 *   await app.request('/scim/v2/acme/Users?filter=userName eq "bjensen"', { headers: { Authorization: `Bearer ${token}` } })
 */
import { Hono } from 'hono';
import { Registry } from 'prom-client';
import { ScimError } from '../scim/index.ts';
import type { Store } from '../store/store.ts';
import { createAuthenticator } from './authenticate.ts';
import { registerBulkRoutes } from './bulk-routes.ts';
import { registerDiscoveryRoutes } from './discovery-routes.ts';
import { toScimError } from './error-mapping.ts';
import { registerFallbackRoutes } from './fallback-routes.ts';
import { createGuard } from './guard.ts';
import { createScimMetrics, type ScimMetrics } from './metrics.ts';
import { createRateLimiter } from './rate-limiter.ts';
import { createRepresentMemo } from './represent-memo.ts';
import { createRequestLog } from './request-log.ts';
import { registerResourceRoutes } from './resource-routes.ts';
import { createResourceService } from './resource-service.ts';
import { defaultScimLimits, type ScimLimits } from './scim-limits.ts';
import type { ScimLog } from './scim-log.ts';
import { errorResponse } from './scim-response.ts';
import { type ScimEnv, scimRoot } from './tenant-scope.ts';
import { createTokenTouch } from './token-touch.ts';

export interface ScimAppDeps {
  store: Store;
  log: ScimLog;
  /** prom-client registry the SCIM metrics register on (metrics.ts); a private one if absent. */
  registry?: Registry;
  /** The clock (token last-used, rate limits, auth cache). */
  now?: () => Date;
  /** Public origin for `meta.location`, e.g. 'https://roster.example.com'; else the request's. */
  publicUrl?: string;
  limits?: Partial<ScimLimits>;
  newRequestId?: () => string;
}

export function createScimApp(deps: ScimAppDeps): Hono<ScimEnv> {
  const limits: ScimLimits = { ...defaultScimLimits, ...deps.limits };
  const now = deps.now ?? (() => new Date());
  const { store, log } = deps;
  const metrics: ScimMetrics = createScimMetrics(deps.registry ?? new Registry());
  const service = createResourceService({
    resources: store.resources,
    groupCommit: store.dialect === 'sqlite',
    sharedDeltas: store.dialect === 'postgres',
    limits,
    memo: createRepresentMemo(),
  });
  const tenantRoot = `${scimRoot}/:tenant`;

  const unexpected = (error: unknown, requestId: string) => {
    log.error({ err: error, requestId }, 'unexpected error in a SCIM request');
    return new ScimError(500, undefined, `Internal server error; correlation id ${requestId}`);
  };

  const app = new Hono<ScimEnv>({ strict: false });
  app.use(`${scimRoot}/*`, createRequestLog({ log, metrics, newRequestId: deps.newRequestId }));
  app.use(
    `${tenantRoot}/*`,
    createGuard({
      authenticate: createAuthenticator({ store, cacheMs: limits.authCacheMs }),
      limiter: createRateLimiter({ ratePerSecond: limits.ratePerSecond, burst: limits.burst }),
      touch: createTokenTouch({ tokens: store.tokens, log, intervalMs: limits.touchIntervalMs }),
      metrics,
      now,
      publicUrl: deps.publicUrl,
    }),
  );
  registerDiscoveryRoutes(app, tenantRoot, limits);
  registerBulkRoutes(app, tenantRoot, { service, limits, unexpected });
  registerResourceRoutes(app, tenantRoot, { service, limits });
  registerFallbackRoutes(app, scimRoot, tenantRoot);
  app.onError((error, c) =>
    errorResponse(toScimError(error) ?? unexpected(error, c.get('requestId') ?? 'none')),
  );
  app.notFound(() => errorResponse(new ScimError(404, undefined, 'No SCIM endpoint here')));
  return app;
}
