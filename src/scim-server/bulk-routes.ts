/**
 * POST /Bulk (RFC 7644 §3.7, with its own payload limit, maxPayloadSize) and POST /.search at
 * the root (§3.4.3).
 *
 * Example: POST /scim/v2/acme/Bulk { schemas: [BulkRequest], Operations: [...] } → BulkResponse
 */
import type { Hono } from 'hono';
import type { ScimError } from '../scim/index.ts';
import { parseBulkRequest } from './bulk-request.ts';
import { runBulk } from './bulk-run.ts';
import { searchParamsOf } from './http-input.ts';
import { readJson } from './read-json.ts';
import type { ResourceService } from './resource-service.ts';
import type { ScimLimits } from './scim-limits.ts';
import { respond } from './scim-response.ts';
import type { ScimEnv } from './tenant-scope.ts';

export interface BulkRoutesDeps {
  service: ResourceService;
  limits: ScimLimits;
  /** Logs an unexpected failure of one operation and gives the 500 error to report for it. */
  unexpected: (error: unknown, requestId: string) => ScimError;
}

export function registerBulkRoutes(app: Hono<ScimEnv>, root: string, deps: BulkRoutesDeps) {
  const { service, limits } = deps;
  app.post(`${root}/Bulk`, async (c) => {
    const body = await readJson(
      c.req.raw,
      limits.bulkMaxPayloadBytes,
      'bulk request (maxPayloadSize)',
    );
    const request = parseBulkRequest(body, limits.bulkMaxOperations);
    const onUnexpected = (error: unknown) => deps.unexpected(error, c.get('requestId'));
    return respond(c, await runBulk(service, c.get('scope'), request, onUnexpected));
  });
  app.post(`${root}/.search`, async (c) =>
    respond(
      c,
      await service.search(
        c.get('scope'),
        searchParamsOf(await readJson(c.req.raw, limits.bodyBytes)),
      ),
    ),
  );
}
