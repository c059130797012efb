/**
 * The identity side's part of the OpenAPI document (merged into /api/v1/openapi.json by
 * createAdminApi), generated from the zod schemas its routes validate with. Each operation
 * says which permission it needs, and so which roles may call it.
 *
 * Example: addIdentityOpenApi(createOpenApiDocument('0.1.0'))
 */
import { z } from 'zod';
import { identityRoleNames, identityRoles, type Permission } from '../directory/index.ts';
import * as s from './identity-schemas.ts';

interface Operation {
  method: 'get' | 'post' | 'patch' | 'delete';
  path: string;
  summary: string;
  /** 'none' for sign-in. */
  permission: Permission | 'none';
  body?: z.ZodType;
  /** Raw (non-JSON-object) request bodies: their media types. */
  rawBody?: string[];
  query?: z.ZodObject;
  status: 200 | 201 | 204;
  response?: z.ZodType;
}

const op = (
  method: Operation['method'],
  path: string,
  summary: string,
  permission: Operation['permission'],
  status: Operation['status'],
  extra: Partial<Operation> = {},
): Operation => ({ method, path, summary, permission, status, ...extra });

const operations: Operation[] = [
  op('post', '/identity/session', 'Sign an identity admin in', 'none', 201, {
    body: s.identitySignInBody,
    response: s.identitySessionView,
  }),
  op('delete', '/identity/session', 'Sign out', 'read', 204),
  op('get', '/identity/me', 'Who am I: the caller, role and permissions', 'read', 200, {
    response: s.principalView,
  }),
  op('get', '/identity/admins', 'List identity admins', 'manageAdmins', 200, {
    response: s.adminList,
  }),
  op('post', '/identity/admins', 'Add an identity admin', 'manageAdmins', 201, {
    body: s.identityAdminBody,
    response: s.adminView,
  }),
  op(
    'post',
    '/identity/tokens',
    'Mint an API token (shown once; role at most your own)',
    'read',
    201,
    {
      body: s.identityTokenBody,
      response: s.mintedIdentityTokenView,
    },
  ),
  op('get', '/identity/tokens', 'List API tokens (never the secrets)', 'manageAdmins', 200, {
    response: s.tokenListView,
  }),
  op('delete', '/identity/tokens/{id}', 'Revoke an API token', 'manageAdmins', 204),

  op('get', '/directory/users', 'List users (paged; live, deleted or all)', 'read', 200, {
    query: s.directoryListQuery,
    response: s.userPage,
  }),
  op('post', '/directory/users', 'Add a user', 'manageDirectory', 201, {
    body: s.userBody,
    response: s.userView,
  }),
  op('get', '/directory/users/{id}', 'Read a user (object id or userPrincipalName)', 'read', 200, {
    response: s.userView,
  }),
  op(
    'patch',
    '/directory/users/{id}',
    'Change a user (null clears an attribute)',
    'manageDirectory',
    200,
    {
      body: s.userBody,
      response: s.userView,
    },
  ),
  op(
    'delete',
    '/directory/users/{id}',
    'Soft-delete a user (restorable for 30 days)',
    'manageDirectory',
    200,
    {
      response: s.userView,
    },
  ),
  op(
    'post',
    '/directory/users/{id}/restore',
    'Restore a soft-deleted user',
    'manageDirectory',
    200,
    {
      response: s.userView,
    },
  ),
  op('post', '/directory/users/{id}/purge', 'Hard-delete a user now', 'manageDirectory', 204),
  op('get', '/directory/users/{id}/memberOf', "The user's groups (direct)", 'read', 200, {
    response: s.groupsOfView,
  }),
  op('get', '/directory/users/{id}/assignments', "The user's app assignments", 'read', 200, {
    response: s.assignmentList,
  }),
  op('get', '/directory/groups', 'List groups (paged)', 'read', 200, {
    query: s.directoryListQuery,
    response: s.groupPage,
  }),
  op('post', '/directory/groups', 'Add a group', 'manageDirectory', 201, {
    body: s.groupBody,
    response: s.groupView,
  }),
  op(
    'get',
    '/directory/groups/{id}',
    'Read a group (object id or unique displayName)',
    'read',
    200,
    {
      response: s.groupView,
    },
  ),
  op('patch', '/directory/groups/{id}', 'Change a group', 'manageDirectory', 200, {
    body: s.groupBody,
    response: s.groupView,
  }),
  op(
    'delete',
    '/directory/groups/{id}',
    'Soft-delete a group (restorable for 30 days)',
    'manageDirectory',
    200,
    {
      response: s.groupView,
    },
  ),
  op(
    'post',
    '/directory/groups/{id}/restore',
    'Restore a soft-deleted group',
    'manageDirectory',
    200,
    {
      response: s.groupView,
    },
  ),
  op('post', '/directory/groups/{id}/purge', 'Hard-delete a group now', 'manageDirectory', 204),
  op(
    'get',
    '/directory/groups/{id}/members',
    'Members (direct, or transitive users)',
    'read',
    200,
    {
      query: s.membersQuery,
      response: s.memberList,
    },
  ),
  op(
    'post',
    '/directory/groups/{id}/members',
    'Add users and groups as members',
    'manageDirectory',
    200,
    {
      body: s.membersBody,
      response: s.addedView,
    },
  ),
  op(
    'delete',
    '/directory/groups/{id}/members/{member}',
    'Remove a direct member',
    'manageDirectory',
    204,
  ),
  op(
    'get',
    '/directory/changes',
    'The change feed: exactly the changes after `since`',
    'read',
    200,
    {
      query: s.changesQuery,
      response: s.changesView,
    },
  ),
  op(
    'post',
    '/directory/import',
    'Import users from CSV or JSON, idempotent by `key`',
    'manageDirectory',
    200,
    {
      query: s.importQuery,
      rawBody: ['text/csv', 'application/json', 'application/x-ndjson'],
      response: s.importReportView,
    },
  ),
  op(
    'post',
    '/directory/purge',
    'Purge what was soft-deleted more than 30 days ago',
    'manageDirectory',
    200,
    {
      response: s.purgeView,
    },
  ),

  op('get', '/gallery', 'App templates', 'read', 200, { response: s.templateList }),
  op('get', '/gallery/{id}', 'One template with its default mappings and limits', 'read', 200, {
    response: s.templateView,
  }),
  op('get', '/apps', 'Enterprise apps', 'read', 200, { response: s.appList }),
  op('post', '/apps', 'Add an app from a gallery template', 'manageApps', 201, {
    body: s.appBody,
    response: s.appView,
  }),
  op('get', '/apps/{app}', 'Read an app (object id or name)', 'read', 200, { response: s.appView }),
  op('patch', '/apps/{app}', 'Rename an app', 'manageApps', 200, {
    body: s.appPatchBody,
    response: s.appView,
  }),
  op('delete', '/apps/{app}', 'Delete an app and its assignments', 'manageApps', 204),
  op('get', '/apps/{app}/roles', "The app's roles", 'read', 200, { response: s.roleList }),
  op('get', '/apps/{app}/assignments', 'Assignments of users and groups', 'read', 200, {
    response: s.assignmentList,
  }),
  op('post', '/apps/{app}/assignments', 'Assign a user or group with a role', 'manageApps', 201, {
    body: s.assignmentBody,
    response: s.assignmentView,
  }),
  op('delete', '/apps/{app}/assignments/{id}', 'Remove an assignment', 'manageApps', 204),
  op(
    'get',
    '/apps/{app}/provisioning-scope',
    'Who is provisioned (Default Access left out)',
    'read',
    200,
    {
      response: s.scopeView,
    },
  ),
];

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

const rolesWith = (permission: Permission) =>
  identityRoleNames.filter((role) =>
    (identityRoles[role] as readonly Permission[]).includes(permission),
  );

function describe(o: Operation): Record<string, unknown> {
  const pathParams = [...o.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = o.query ? jsonSchema(o.query, 'input') : undefined;
  const required = new Set((query?.required as string[] | undefined) ?? []);
  const queryParams = Object.entries((query?.properties ?? {}) as Record<string, unknown>).map(
    ([name, schema]) => ({ name, in: 'query', required: required.has(name), schema }),
  );
  const error = {
    description: 'An error in words, naming the field',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  const requestBody = o.body
    ? { required: true, content: { 'application/json': { schema: jsonSchema(o.body, 'input') } } }
    : o.rawBody
      ? {
          required: true,
          content: Object.fromEntries(
            o.rawBody.map((type) => [type, { schema: { type: 'string' } }]),
          ),
        }
      : undefined;
  return {
    summary: o.summary,
    description:
      o.permission === 'none'
        ? 'No credentials needed.'
        : `Needs permission ${o.permission}: ${rolesWith(o.permission).join(', ')}.`,
    tags: [
      o.path.startsWith('/identity')
        ? 'identity admins'
        : o.path.startsWith('/directory')
          ? 'directory'
          : 'apps',
    ],
    security:
      o.permission === 'none'
        ? []
        : [{ operatorToken: [] }, { identityToken: [] }, { identitySessionCookie: [] }],
    parameters: [...pathParams, ...queryParams],
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [o.status]: o.response
        ? {
            description: 'OK',
            content: { 'application/json': { schema: jsonSchema(o.response, 'output') } },
          }
        : { description: 'Done' },
      '4XX': error,
      '5XX': error,
    },
  };
}

/** Adds the identity side's paths and security schemes to the admin API's document. */
export function addIdentityOpenApi(document: Record<string, unknown>): Record<string, unknown> {
  document.paths ??= {};
  const paths = document.paths as Record<string, Record<string, unknown>>;
  for (const o of operations) {
    paths[o.path] ??= {};
    paths[o.path]![o.method] = describe(o);
  }
  document.components ??= {};
  const components = document.components as Record<string, unknown>;
  components.securitySchemes ??= {};
  const schemes = components.securitySchemes as Record<string, unknown>;
  schemes.identityToken = {
    type: 'http',
    scheme: 'bearer',
    description: 'An identity API token (rit_…) or the session from POST /identity/session',
  };
  schemes.identitySessionCookie = { type: 'apiKey', in: 'cookie', name: 'roster_identity_session' };
  return document;
}

/** The identity routes as "METHOD /path" lines (for docs and tests). */
export const identityRoutes = operations.map((o) => `${o.method.toUpperCase()} /api/v1${o.path}`);
