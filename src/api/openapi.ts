/**
 * The admin API's OpenAPI 3.1 document, generated from the zod schemas the routes validate
 * with (zod 4's `z.toJSONSchema`), so the document and the checks cannot disagree.
 *
 * Example: GET /api/v1/openapi.json
 */
import { z } from 'zod';
import {
  createTenantBody,
  errorView,
  listQuery,
  mintedTokenView,
  mintTokenBody,
  resourcePage,
  scimEndpointView,
  sessionView,
  signInBody,
  tenantList,
  tenantView,
  tokenList,
} from './schemas.ts';

type Auth = 'operator' | 'tenant' | 'none';

interface Operation {
  method: 'get' | 'post' | 'delete';
  path: string;
  summary: string;
  auth: Auth;
  body?: z.ZodType;
  query?: z.ZodObject;
  status: 200 | 201 | 204;
  response?: z.ZodType;
}

const operations: Operation[] = [
  {
    method: 'post',
    path: '/tenants',
    summary: 'Create a tenant and its first admin',
    auth: 'operator',
    body: createTenantBody,
    status: 201,
    response: tenantView,
  },
  {
    method: 'get',
    path: '/tenants',
    summary: 'List tenants',
    auth: 'operator',
    status: 200,
    response: tenantList,
  },
  {
    method: 'get',
    path: '/tenants/{tenant}',
    summary: 'Read a tenant',
    auth: 'tenant',
    status: 200,
    response: tenantView,
  },
  {
    method: 'get',
    path: '/tenants/{tenant}/scim',
    summary: "The tenant's SCIM Base URL",
    auth: 'tenant',
    status: 200,
    response: scimEndpointView,
  },
  {
    method: 'post',
    path: '/tenants/{tenant}/session',
    summary: 'Sign a tenant admin in',
    auth: 'none',
    body: signInBody,
    status: 201,
    response: sessionView,
  },
  {
    method: 'delete',
    path: '/tenants/{tenant}/session',
    summary: 'Sign out',
    auth: 'tenant',
    status: 204,
  },
  {
    method: 'post',
    path: '/tenants/{tenant}/tokens',
    summary: 'Mint a Secret Token (password re-entry; shown once)',
    auth: 'tenant',
    body: mintTokenBody,
    status: 201,
    response: mintedTokenView,
  },
  {
    method: 'get',
    path: '/tenants/{tenant}/tokens',
    summary: 'List Secret Tokens (never the secrets)',
    auth: 'tenant',
    status: 200,
    response: tokenList,
  },
  {
    method: 'delete',
    path: '/tenants/{tenant}/tokens/{id}',
    summary: 'Revoke a Secret Token',
    auth: 'tenant',
    status: 204,
  },
  {
    method: 'get',
    path: '/tenants/{tenant}/users',
    summary: 'Provisioned users',
    auth: 'tenant',
    query: listQuery,
    status: 200,
    response: resourcePage('users'),
  },
  {
    method: 'get',
    path: '/tenants/{tenant}/groups',
    summary: 'Provisioned groups',
    auth: 'tenant',
    query: listQuery,
    status: 200,
    response: resourcePage('groups'),
  },
];

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

const security: Record<Auth, unknown[]> = {
  operator: [{ operatorToken: [] }],
  tenant: [{ operatorToken: [] }, { sessionToken: [] }, { sessionCookie: [] }],
  none: [],
};

function describe(op: Operation): Record<string, unknown> {
  const pathParams = [...op.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const queryParams = op.query
    ? Object.entries(
        (jsonSchema(op.query, 'input').properties ?? {}) as Record<string, unknown>,
      ).map(([name, schema]) => ({ name, in: 'query', required: false, schema }))
    : [];
  const error = {
    description: 'An error in words, naming the field',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  return {
    summary: op.summary,
    security: security[op.auth],
    parameters: [...pathParams, ...queryParams],
    ...(op.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: jsonSchema(op.body, 'input') } },
          },
        }
      : {}),
    responses: {
      [op.status]: op.response
        ? {
            description: 'OK',
            content: { 'application/json': { schema: jsonSchema(op.response, 'output') } },
          }
        : { description: 'Done' },
      '4XX': error,
      '5XX': error,
    },
  };
}

export function createOpenApiDocument(version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of operations) {
    paths[op.path] ??= {};
    paths[op.path]![op.method] = describe(op);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Roster admin API',
      version,
      description:
        'Tenants, admin sessions and Secret Tokens of the app side, and what was provisioned.',
    },
    servers: [{ url: '/api/v1' }],
    paths,
    components: {
      schemas: { Error: jsonSchema(errorView, 'output') },
      securitySchemes: {
        operatorToken: { type: 'http', scheme: 'bearer', description: 'ROSTER_ADMIN_TOKEN' },
        sessionToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The session from POST /tenants/{tenant}/session',
        },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'roster_session' },
      },
    },
  };
}
