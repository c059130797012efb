// A strict SCIM target for the client's integration tests: a `fetch` that checks every request
// against what RFC 7644 allows — and nothing of Entra's non-standard shapes — records each
// violation, answers it with 400, and otherwise hands the request to Roster's own SCIM app.
// Roster's server is lenient on purpose (it accepts Entra); this wrapper is not.
import {
  coreGroupSchemaId,
  coreUserSchemaId,
  parseFilter,
  parsePatchPath,
} from '../../src/scim/index.ts';

export interface Violation {
  request: string;
  problem: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const patchOp = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
const bulkRequest = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const coreSchemas: Record<string, string> = { Users: coreUserSchemaId, Groups: coreGroupSchemaId };

/** Entra's `emails[type eq "work"].value eq "x"`: a sub-attribute after a value filter. */
const entraFilter = /\]\.[A-Za-z$][\w$-]*\s+(eq|ne|co|sw|ew|gt|ge|lt|le|pr)\b/i;

function checkNoNulls(value: unknown, where: string, problems: string[]) {
  if (value === null) problems.push(`${where} is null (send nothing instead)`);
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) checkNoNulls(v, `${where}[${i}]`, problems);
  } else if (isObject(value))
    for (const [k, v] of Object.entries(value)) checkNoNulls(v, `${where}.${k}`, problems);
}

function checkResource(body: unknown, endpoint: string, problems: string[]) {
  if (!isObject(body)) {
    problems.push('the body is not a JSON object');
    return;
  }
  const schemas = body.schemas;
  if (!Array.isArray(schemas) || schemas.length === 0) problems.push('missing schemas');
  else {
    const core = coreSchemas[endpoint];
    if (core && !schemas.includes(core)) problems.push(`schemas lacks ${core}`);
    for (const key of Object.keys(body)) {
      if (key.includes(':') && !schemas.includes(key))
        problems.push(`extension ${key} not in schemas`);
    }
  }
  if ('id' in body) problems.push('sends the readOnly id');
  if ('meta' in body) problems.push('sends the readOnly meta');
  if ('active' in body && typeof body.active !== 'boolean')
    problems.push('active is not a boolean');
  checkNoNulls(body, 'body', problems);
}

function checkPatch(body: unknown, problems: string[]) {
  if (!isObject(body)) {
    problems.push('the PATCH body is not a JSON object');
    return;
  }
  if (JSON.stringify(body.schemas) !== JSON.stringify([patchOp]))
    problems.push('schemas is not [PatchOp]');
  const operations = body.Operations;
  if (!Array.isArray(operations) || operations.length === 0) {
    problems.push('Operations is missing or empty');
    return;
  }
  for (const [i, operation] of operations.entries()) {
    const at = `Operations[${i}]`;
    if (!isObject(operation)) {
      problems.push(`${at} is not an object`);
      continue;
    }
    const { op, path, value } = operation;
    if (op !== 'add' && op !== 'replace' && op !== 'remove')
      problems.push(`${at}.op ${JSON.stringify(op)} is not add/replace/remove`);
    if (path !== undefined) {
      if (typeof path !== 'string') problems.push(`${at}.path is not a string`);
      else {
        try {
          const parsed = parsePatchPath(path);
          if (op === 'add' && parsed.filter)
            problems.push(`${at}: add through a value filter (${path}) is not RFC 7644`);
          if (
            parsed.name.toLowerCase() === 'active' &&
            typeof value !== 'boolean' &&
            op !== 'remove'
          ) {
            problems.push(`${at}: active must be a boolean, got ${JSON.stringify(value)}`);
          }
        } catch (error) {
          problems.push(`${at}.path ${JSON.stringify(path)}: ${(error as Error).message}`);
        }
      }
    } else if (op === 'remove') problems.push(`${at}: remove without a path`);
    else if (isObject(value) && Object.keys(value).some((k) => k.includes('.'))) {
      problems.push(`${at}: a path-less value with dotted keys is Entra's shape`);
    }
    if (op === 'remove' && 'value' in operation)
      problems.push(`${at}: remove with a value is Entra's shape`);
    if (op !== 'remove' && !('value' in operation))
      problems.push(`${at}: ${String(op)} without a value`);
    if ('value' in operation) checkNoNulls(value, `${at}.value`, problems);
  }
}

/** The problems of one request, if any. */
export function checkRequest(
  method: string,
  url: URL,
  headers: Headers,
  text: string | undefined,
): string[] {
  const problems: string[] = [];
  if (!/^Bearer \S+$/.test(headers.get('authorization') ?? '')) problems.push('no bearer token');
  if (url.search.includes('+'))
    problems.push('a "+" in the query is ambiguous: encode spaces as %20');
  const filter = url.searchParams.get('filter');
  if (filter !== null) {
    if (entraFilter.test(filter)) problems.push(`Entra-style filter: ${filter}`);
    try {
      parseFilter(filter);
    } catch (error) {
      problems.push(`filter does not parse: ${(error as Error).message}`);
    }
    if (/\b(eq|ne|co|sw|ew)\s+[^"\s\d(tfn-]/.test(filter))
      problems.push(`unquoted filter value: ${filter}`);
  }
  if (text !== undefined) {
    if (headers.get('content-type') !== 'application/scim+json')
      problems.push('Content-Type is not application/scim+json');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      problems.push('the body is not JSON');
      return problems;
    }
    const segments = url.pathname.split('/');
    const endpoint = segments.find((s) => s === 'Users' || s === 'Groups' || s === 'Bulk') ?? '';
    if (endpoint === 'Bulk') {
      if (!isObject(body) || JSON.stringify(body.schemas) !== JSON.stringify([bulkRequest]))
        problems.push('schemas is not [BulkRequest]');
      const operations = isObject(body) && Array.isArray(body.Operations) ? body.Operations : [];
      for (const [i, operation] of operations.entries()) {
        const sub: string[] = [];
        if (!isObject(operation)) {
          problems.push(`Operations[${i}] is not an object`);
          continue;
        }
        const opPath = String(operation.path);
        if (operation.method === 'POST' && typeof operation.bulkId !== 'string')
          sub.push('POST without bulkId');
        const target = opPath.split('/').filter(Boolean)[0] ?? '';
        if (operation.method === 'PATCH') checkPatch(operation.data, sub);
        if (operation.method === 'POST' || operation.method === 'PUT')
          checkResource(operation.data, target, sub);
        problems.push(...sub.map((p) => `Operations[${i}]: ${p}`));
      }
    } else if (method === 'PATCH') checkPatch(body, problems);
    else if (method === 'POST' || method === 'PUT') checkResource(body, endpoint, problems);
  } else if (method === 'POST' || method === 'PUT' || method === 'PATCH') {
    problems.push(`${method} without a body`);
  }
  return problems;
}

export interface StrictTarget {
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  violations: Violation[];
  requests: string[];
}

/** Wraps `next` (Roster's app.request) in the checks above. */
export function createStrictTarget(
  next: (url: string, init: RequestInit) => Response | Promise<Response>,
): StrictTarget {
  const violations: Violation[] = [];
  const requests: string[] = [];
  return {
    violations,
    requests,
    async fetch(url, init) {
      const method = init.method ?? 'GET';
      const parsed = new URL(url);
      const label = `${method} ${parsed.pathname}${parsed.search}`;
      requests.push(label);
      const text = typeof init.body === 'string' ? init.body : undefined;
      const problems = checkRequest(method, parsed, new Headers(init.headers), text);
      if (problems.length > 0) {
        for (const problem of problems) violations.push({ request: label, problem });
        return new Response(
          JSON.stringify({
            schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'],
            status: '400',
            scimType: 'invalidSyntax',
            detail: problems.join('; '),
          }),
          { status: 400, headers: { 'Content-Type': 'application/scim+json' } },
        );
      }
      return next(url, init);
    },
  };
}
