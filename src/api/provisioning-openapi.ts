/**
 * The provisioning routes' part of the OpenAPI document (merged into /api/v1/openapi.json by
 * createAdminApi), generated from the zod schemas of provisioning-schemas.ts, each operation
 * naming the permission it needs and so the roles that may call it.
 *
 * Example: addProvisioningOpenApi(createOpenApiDocument('0.1.0'))
 */
import { z } from 'zod';
import { identityRoleNames, identityRoles, type Permission } from '../directory/index.ts';
import * as s from './provisioning-schemas.ts';

interface Operation {
  method: 'get' | 'post' | 'put' | 'patch';
  path: string;
  summary: string;
  permission: Permission;
  body?: z.ZodType;
  /** The body must be sent (default: required except on POST, whose bodies are optional). */
  bodyRequired?: boolean;
  query?: z.ZodObject;
  status: 200 | 202;
  response?: z.ZodType;
  /** Other media types of the answer (the CSV download). */
  alsoProduces?: string[];
}

const p = '/apps/{app}/provisioning';
const op = (
  method: Operation['method'],
  path: string,
  summary: string,
  permission: Permission,
  extra: Partial<Operation> = {},
): Operation => ({ method, path: `${p}${path}`, summary, permission, status: 200, ...extra });

const operations: Operation[] = [
  op(
    'get',
    '',
    'The provisioning job: settings, credentials (never the token), limits, schedule',
    'read',
    {
      response: s.jobView,
    },
  ),
  op(
    'patch',
    '',
    'Change settings (mode, scope, interval, threshold, notification, …)',
    'manageApps',
    {
      body: s.settingsBody,
      response: s.jobView,
    },
  ),
  op('put', '/credentials', 'Set the admin credentials (Tenant URL, Secret Token)', 'manageApps', {
    body: s.credentialsBody,
    response: s.jobView,
  }),
  op(
    'post',
    '/test-connection',
    'Test Connection: the probe query, failures explained',
    'manageApps',
    {
      body: s.testConnectionBody,
      response: s.connectionTestView,
    },
  ),
  op('get', '/mappings', 'The mapping configuration', 'read', { response: s.mappingConfig }),
  op(
    'put',
    '/mappings',
    'Replace the mappings (validated; the next cycle is initial)',
    'manageApps',
    {
      body: s.mappingConfig,
      response: s.mappingConfig,
    },
  ),
  op(
    'post',
    '/mappings/restore-defaults',
    "Restore the gallery template's mappings",
    'manageApps',
    {
      response: s.mappingConfig,
    },
  ),
  op('get', '/export', 'Export the whole job configuration as one JSON document', 'read', {
    response: s.jobDocument,
  }),
  op('post', '/import', 'Import a job document (settings and mappings)', 'manageApps', {
    body: s.jobDocument,
    response: s.jobView,
  }),
  op('post', '/start', 'Provisioning status On: cycles run on the interval', 'manageApps', {
    response: s.jobView,
  }),
  op(
    'post',
    '/stop',
    'Provisioning status Off (a running cycle stops after its page)',
    'manageApps',
    {
      response: s.jobView,
    },
  ),
  op(
    'post',
    '/restart',
    'Restart with reset scopes (default: watermark, escrows, quarantine; full also drops links)',
    'manageApps',
    { body: s.restartBody, response: s.restartView },
  ),
  op(
    'post',
    '/allow-deletes',
    'Let the deletes held by the accidental-deletion threshold through',
    'manageApps',
    {
      response: s.jobView,
    },
  ),
  op(
    'post',
    '/run',
    'Run one cycle now (202), or wait for its report; dryRun writes nothing',
    'manageApps',
    {
      body: s.runBody,
      response: s.cycleReportView,
    },
  ),
  op(
    'post',
    '/on-demand',
    'Provision one user, or one group of at most 5 members, now: the step trace of each object',
    'manageApps',
    {
      body: s.onDemandBody,
      bodyRequired: true,
      response: s.onDemandView,
    },
  ),
  op('get', '/status', 'Current cycle and progress, last cycle, statistics to date', 'read', {
    response: s.statusView,
  }),
  op('get', '/cycles', 'Recent cycles, newest first', 'read', {
    query: s.cyclesQuery,
    response: s.cycleList,
  }),
  op(
    'get',
    '/logs',
    'Provisioning logs, newest first; format=csv|json downloads every match',
    'read',
    {
      query: s.logsQuery,
      response: s.logPage,
      alsoProduces: ['text/csv'],
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
  const queryParams = Object.entries((query?.properties ?? {}) as Record<string, unknown>).map(
    ([name, schema]) => ({ name, in: 'query', required: false, schema }),
  );
  const error = {
    description: 'An error in words, naming the field',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  const content: Record<string, unknown> = o.response
    ? { 'application/json': { schema: jsonSchema(o.response, 'output') } }
    : {};
  for (const type of o.alsoProduces ?? []) content[type] = { schema: { type: 'string' } };
  return {
    summary: o.summary,
    description: `Needs permission ${o.permission}: ${rolesWith(o.permission).join(', ')}.`,
    tags: ['provisioning'],
    security: [{ operatorToken: [] }, { identityToken: [] }, { identitySessionCookie: [] }],
    parameters: [...pathParams, ...queryParams],
    ...(o.body && {
      requestBody: {
        required: o.bodyRequired ?? o.method !== 'post',
        content: { 'application/json': { schema: jsonSchema(o.body, 'input') } },
      },
    }),
    responses: {
      [o.status]: { description: 'OK', ...(Object.keys(content).length > 0 && { content }) },
      ...(o.path.endsWith('/run') && { 202: { description: 'The cycle started' } }),
      '4XX': error,
      '5XX': error,
    },
  };
}

/** Adds the provisioning paths to the admin API's document. */
export function addProvisioningOpenApi(document: Record<string, unknown>): Record<string, unknown> {
  document.paths ??= {};
  const paths = document.paths as Record<string, Record<string, unknown>>;
  for (const o of operations) {
    paths[o.path] ??= {};
    paths[o.path]![o.method] = describe(o);
  }
  return document;
}

/** The provisioning routes as "METHOD /path" lines (for docs and tests). */
export const provisioningRoutes = operations.map(
  (o) => `${o.method.toUpperCase()} /api/v1${o.path}`,
);
