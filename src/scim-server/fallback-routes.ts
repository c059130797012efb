/**
 * What answers when no route does (RFC 7644 §3.12 bodies throughout): 405 with `Allow` for a
 * known path and the wrong method, 404 for an unknown path. Registered after every route.
 *
 * Example: DELETE /scim/v2/acme/Users → 405, Allow: GET, POST
 */
import type { Hono } from 'hono';
import { quote } from '../scim/index.ts';
import { methodNotAllowed, notFound } from './http-error.ts';
import type { ScimEnv } from './tenant-scope.ts';

const allowed: readonly [string, readonly string[]][] = [
  ['/Users', ['GET', 'POST']],
  ['/Users/.search', ['POST']],
  ['/Users/:id', ['GET', 'PUT', 'PATCH', 'DELETE']],
  ['/Groups', ['GET', 'POST']],
  ['/Groups/.search', ['POST']],
  ['/Groups/:id', ['GET', 'PUT', 'PATCH', 'DELETE']],
  ['/Bulk', ['POST']],
  ['/.search', ['POST']],
  ['/ServiceProviderConfig', ['GET']],
  ['/Schemas', ['GET']],
  ['/Schemas/:id', ['GET']],
  ['/ResourceTypes', ['GET']],
  ['/ResourceTypes/:id', ['GET']],
];

export function registerFallbackRoutes(app: Hono<ScimEnv>, scimRoot: string, tenantRoot: string) {
  for (const [path, methods] of allowed) {
    const allow = methods.includes('GET') ? [...methods, 'HEAD'] : methods;
    app.all(`${tenantRoot}${path}`, (c) => {
      throw methodNotAllowed(c.req.method, allow);
    });
  }
  app.all(`${scimRoot}/*`, (c) => {
    throw notFound(`No SCIM endpoint at ${quote(new URL(c.req.url).pathname)}`);
  });
}
