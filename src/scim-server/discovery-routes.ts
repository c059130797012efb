/**
 * The discovery endpoints (RFC 7644 §4): /ServiceProviderConfig, /Schemas[/{id}],
 * /ResourceTypes[/{id}], shaped by the tenant's app profile (tenant-schemas.ts). They sit
 * behind the same bearer token as everything else: an unauthenticated answer would tell
 * anyone whether a tenant exists and what its profile is, and no IdP needs them anonymous.
 * A `filter` on them is 403, as RFC 7644 §4 advises.
 *
 * Example: GET /scim/v2/acme/ResourceTypes/User → the User ResourceType
 */
import type { Context, Hono } from 'hono';
import {
  resourceTypeRepresentation,
  resourceTypesListResponse,
  ScimError,
  schemaRepresentation,
  schemasListResponse,
  schemasOf,
} from '../scim/index.ts';
import { notFound } from './http-error.ts';
import { queryOf } from './http-input.ts';
import type { ScimLimits } from './scim-limits.ts';
import { scimResponse } from './scim-response.ts';
import { resourceSchemasFor, serviceProviderConfigFor } from './tenant-schemas.ts';
import type { ScimEnv } from './tenant-scope.ts';

function discovery(c: Context<ScimEnv>) {
  if (queryOf(c.req.url).has('filter')) {
    throw new ScimError(403, undefined, 'Discovery endpoints do not take a filter (RFC 7644 §4)');
  }
  const { profile, baseUrl } = c.get('scope');
  return { schemas: resourceSchemasFor(profile), baseUrl };
}

const ok = (body: unknown) => scimResponse({ status: 200, body });

export function registerDiscoveryRoutes(app: Hono<ScimEnv>, root: string, limits: ScimLimits) {
  app.get(`${root}/ServiceProviderConfig`, (c) =>
    ok(serviceProviderConfigFor(limits, discovery(c).baseUrl)),
  );
  app.get(`${root}/Schemas`, (c) => {
    const { schemas, baseUrl } = discovery(c);
    return ok(schemasListResponse(schemas, baseUrl));
  });
  app.get(`${root}/Schemas/:id`, (c) => {
    const { schemas, baseUrl } = discovery(c);
    const id = c.req.param('id').toLowerCase();
    const schema = schemasOf(schemas).find((s) => s.id.toLowerCase() === id);
    if (!schema) throw notFound(`No schema ${JSON.stringify(c.req.param('id'))} here`);
    return ok(schemaRepresentation(schema, baseUrl));
  });
  app.get(`${root}/ResourceTypes`, (c) => {
    const { schemas, baseUrl } = discovery(c);
    return ok(resourceTypesListResponse(schemas, baseUrl));
  });
  app.get(`${root}/ResourceTypes/:id`, (c) => {
    const { schemas, baseUrl } = discovery(c);
    const id = c.req.param('id').toLowerCase();
    const type = schemas.find((s) => s.resourceType.id.toLowerCase() === id)?.resourceType;
    if (!type) throw notFound(`No resource type ${JSON.stringify(c.req.param('id'))} here`);
    return ok(resourceTypeRepresentation(type, baseUrl));
  });
}
