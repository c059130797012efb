/**
 * The middleware in front of every tenant route: authenticate the bearer token for the URL's
 * tenant (authenticate.ts), apply the token's rate limit (429 + Retry-After), note the token's
 * last use (throttled, not awaited), and put the TenantScope on the context.
 *
 * Example: app.use('/scim/v2/:tenant/*', createGuard({ authenticate, limiter, touch, metrics, now }))
 */
import type { MiddlewareHandler } from 'hono';
import type { Authenticator } from './authenticate.ts';
import { tooManyRequests } from './http-error.ts';
import type { ScimMetrics } from './metrics.ts';
import type { RateLimiter } from './rate-limiter.ts';
import { type ScimEnv, scimRoot } from './tenant-scope.ts';
import type { TokenTouch } from './token-touch.ts';

export interface GuardDeps {
  authenticate: Authenticator;
  limiter: RateLimiter;
  touch: TokenTouch;
  metrics: ScimMetrics;
  now: () => Date;
  /** Public origin for `meta.location` (e.g. https://roster.example.com); else the request's. */
  publicUrl?: string;
}

/** `scheme://host[:port]` of an absolute URL, as URL.origin gives it, without parsing it all. */
function originOf(url: string): string {
  const start = url.indexOf('//') + 2;
  const end = url.indexOf('/', start);
  const origin = end === -1 ? url : url.slice(0, end);
  // Anything unusual (upper case, userinfo, default port) gets the full parser.
  return /^https?:\/\/[a-z0-9.\-[\]:]+$/.test(origin) && !/:(80|443)$/.test(origin)
    ? origin
    : new URL(url).origin;
}

export function createGuard(deps: GuardDeps): MiddlewareHandler<ScimEnv> {
  const origin = deps.publicUrl?.replace(/\/+$/, '');
  return async (c, next) => {
    const tenantName = c.req.param('tenant') ?? '';
    const now = deps.now();
    const found = await deps.authenticate(tenantName, c.req.header('authorization'), now);
    const wait = deps.limiter.take(found.token.id, now.getTime());
    if (wait > 0) {
      deps.metrics.rateLimited.inc();
      throw tooManyRequests(wait);
    }
    deps.touch(found.token.id, now);
    const base = origin ?? originOf(c.req.url);
    c.set('scope', { ...found, baseUrl: `${base}${scimRoot}/${encodeURIComponent(tenantName)}` });
    await next();
  };
}
