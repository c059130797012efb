/**
 * The routes of /Users and /Groups (RFC 7644 §3.2–§3.6, §3.4.3): list, search, create, get,
 * replace, patch, delete. Each handler reads the request and hands it to the ResourceService;
 * what a verb means lives there and in src/scim.
 *
 * Example: GET /scim/v2/acme/Users?filter=userName eq "bjensen" → ListResponse
 */
import type { Context, Hono } from 'hono';
import { listParamsOf, optionsOf, queryOf, searchParamsOf } from './http-input.ts';
import { readJson } from './read-json.ts';
import type { ResourceService } from './resource-service.ts';
import type { ScimLimits } from './scim-limits.ts';
import { respond } from './scim-response.ts';
import type { ScimEnv } from './tenant-scope.ts';

export interface ResourceRoutesDeps {
  service: ResourceService;
  limits: ScimLimits;
}

export function registerResourceRoutes(app: Hono<ScimEnv>, root: string, deps: ResourceRoutesDeps) {
  const { service } = deps;
  const body = (c: Context<ScimEnv>) => readJson(c.req.raw, deps.limits.bodyBytes);
  const id = (c: Context<ScimEnv>) => c.req.param('id') ?? '';
  for (const [endpoint, kind] of [
    ['Users', 'User'],
    ['Groups', 'Group'],
  ] as const) {
    const path = `${root}/${endpoint}`;
    app.post(`${path}/.search`, async (c) =>
      respond(c, await service.list(c.get('scope'), kind, searchParamsOf(await body(c)))),
    );
    app.get(path, async (c) =>
      respond(c, await service.list(c.get('scope'), kind, listParamsOf(queryOf(c.req.url)))),
    );
    app.post(path, async (c) =>
      respond(c, await service.create(c.get('scope'), kind, await body(c), optionsOf(c))),
    );
    app.get(`${path}/:id`, async (c) =>
      respond(c, await service.get(c.get('scope'), kind, id(c), optionsOf(c))),
    );
    app.put(`${path}/:id`, async (c) =>
      respond(c, await service.replace(c.get('scope'), kind, id(c), await body(c), optionsOf(c))),
    );
    app.patch(`${path}/:id`, async (c) =>
      respond(c, await service.patch(c.get('scope'), kind, id(c), await body(c), optionsOf(c))),
    );
    app.delete(`${path}/:id`, async (c) =>
      respond(c, await service.remove(c.get('scope'), kind, id(c), optionsOf(c))),
    );
  }
}
