/**
 * Runs a BulkRequest (RFC 7644 §3.7) through the same operations as the single-resource
 * routes, in dependency order (bulk-request.ts), and answers a BulkResponse listing each
 * operation that ran, in request order: method, bulkId, version (ETag), location and status
 * (a string, as in the RFC's examples), and on failure the SCIM error as `response`.
 *
 * - `bulkId:x` in path and data is replaced by the id the POST with bulkId `x` created; a
 *   reference to a bulkId nobody defines, or whose POST failed, is 400 invalidValue; a
 *   reference cycle is 409 (§3.7.1 lets a server stop there).
 * - `failOnErrors: n` stops after the n-th error; later operations are not run nor listed
 *   (§3.7.3).
 * - A run of consecutive independent POSTs of one type (no bulkId reference) is written in one
 *   transaction (create-many.ts) with the same per-operation answers: what an IdP's initial
 *   sync sends costs one commit per run instead of one per user.
 *
 * Example: await runBulk(service, scope, parseBulkRequest(body, 1000), onUnexpected)
 *   → { status: 200, body: { schemas: [BulkResponse], Operations: [{ method: 'POST', bulkId: 'u1', status: '201', … }] } }
 */

import { badRequest, quote, ScimError, type ScimErrorBody } from '../scim/index.ts';
import type { ResourceKind } from '../store/store.ts';
import { batchAt } from './bulk-batches.ts';
import { type BulkOperation, type BulkRequest, orderBulkOperations } from './bulk-request.ts';
import type { CreateOutcome } from './create-many.ts';
import { toScimError } from './error-mapping.ts';
import { notFound } from './http-error.ts';
import type { ResourceService } from './resource-service.ts';
import type { ScimResult } from './scim-response.ts';
import type { TenantScope } from './tenant-scope.ts';

export const bulkResponseSchema = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';

export interface BulkOperationResult {
  method: string;
  bulkId?: string;
  version?: string;
  location?: string;
  status: string;
  response?: ScimErrorBody;
}

type Resolved = { id: string } | { failed: true };

/** `path`'s resource type and id; 404 for anything but /Users[/id] and /Groups[/id]. */
function target(op: BulkOperation, path: string): { kind: ResourceKind; id?: string } {
  const match = /^\/?(Users|Groups)(?:\/([^/]+))?\/?$/i.exec(path);
  if (!match)
    throw notFound(`Operations[${op.index}]: no endpoint ${quote(path)} in a bulk request`);
  const kind: ResourceKind = match[1]!.toLowerCase() === 'users' ? 'User' : 'Group';
  const id = match[2] === undefined ? undefined : decodeURIComponent(match[2]);
  if ((op.method === 'POST') !== (id === undefined)) {
    const shape = op.method === 'POST' ? `/${match[1]}` : `/${match[1]}/{id}`;
    throw badRequest(
      'invalidValue',
      `Operations[${op.index}]: ${op.method} needs a path like ${shape}, got ${quote(path)}`,
    );
  }
  return id === undefined ? { kind } : { kind, id };
}

function substitute(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    return value.startsWith('bulkId:') ? (ids.get(value.slice(7)) ?? value) : value;
  }
  if (Array.isArray(value)) return value.map((v) => substitute(v, ids));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substitute(v, ids)]));
  }
  return value;
}

async function runOne(
  service: ResourceService,
  scope: TenantScope,
  op: BulkOperation,
  ids: ReadonlyMap<string, string>,
): Promise<ScimResult> {
  const path = op.path.replace(/bulkId:([^/]+)$/, (ref, name: string) => ids.get(name) ?? ref);
  const { kind, id } = target(op, path);
  const data = ids.size === 0 ? op.data : substitute(op.data, ids);
  const options = op.version === undefined ? {} : { ifMatch: op.version };
  if (op.method === 'POST') return service.create(scope, kind, data, options);
  if (op.method === 'PUT') return service.replace(scope, kind, id!, data, options);
  if (op.method === 'PATCH') return service.patch(scope, kind, id!, data, options);
  return service.remove(scope, kind, id!, options);
}

/** The operation `op` itself, with its bulkId references checked and resolved. */
async function runChecked(
  service: ResourceService,
  scope: TenantScope,
  op: BulkOperation,
  cyclic: ReadonlySet<number>,
  resolved: ReadonlyMap<string, Resolved>,
): Promise<CreateOutcome> {
  try {
    if (op.error) throw op.error;
    if (cyclic.has(op.index)) {
      throw new ScimError(
        409,
        undefined,
        `Operations[${op.index}]: its bulkId references form a cycle`,
      );
    }
    const ids = new Map<string, string>();
    for (const ref of op.refs) {
      const found = resolved.get(ref);
      if (!found || !('id' in found)) {
        throw badRequest(
          'invalidValue',
          `Operations[${op.index}]: bulkId ${quote(ref)} ${found ? 'belongs to an operation that failed' : 'is not defined by any POST in this request'}`,
        );
      }
      ids.set(ref, found.id);
    }
    const result = await runOne(service, scope, op, ids);
    const id = (result.body as { id?: unknown } | undefined)?.id;
    return { result, id: typeof id === 'string' ? id : '' };
  } catch (error) {
    return { error };
  }
}

/**
 * Runs the request. Consecutive independent POSTs of one type (no bulkId reference, in
 * execution order) go to the store as one batch (service.createMany), each still answered alone.
 */
export async function runBulk(
  service: ResourceService,
  scope: TenantScope,
  request: BulkRequest,
  onUnexpected: (error: unknown) => ScimError,
): Promise<ScimResult> {
  const { operations } = request;
  const { order, cyclic } = orderBulkOperations(operations);
  const resolved = new Map<string, Resolved>();
  const results: (BulkOperationResult | undefined)[] = [];
  const budget = request.failOnErrors ?? Number.POSITIVE_INFINITY;
  let errors = 0;
  const settle = (op: BulkOperation, outcome: CreateOutcome) => {
    const result: BulkOperationResult = { method: op.method, status: '' };
    if (op.bulkId !== undefined) result.bulkId = op.bulkId;
    if ('error' in outcome) {
      errors++;
      if (op.bulkId !== undefined) resolved.set(op.bulkId, { failed: true });
      const scim = toScimError(outcome.error) ?? onUnexpected(outcome.error);
      result.status = String(scim.status);
      result.response = scim.toJSON();
    } else {
      const done = outcome.result;
      result.status = String(done.status);
      if (done.etag !== undefined) result.version = done.etag;
      if (done.location !== undefined) result.location = done.location;
      if (op.method === 'POST' && op.bulkId !== undefined && outcome.id !== '')
        resolved.set(op.bulkId, { id: outcome.id });
    }
    results[op.index] = result;
  };
  for (let k = 0; k < order.length && errors < budget; ) {
    const run = batchAt(operations, order, k, cyclic);
    if (run) {
      const bodies = run.ops.map((op) => op.data);
      const outcomes = await service.createMany(scope, run.kind, bodies, budget - errors);
      for (const [j, outcome] of outcomes.entries()) settle(run.ops[j]!, outcome);
      if (outcomes.length < run.ops.length) break;
      k += run.ops.length;
      continue;
    }
    const op = operations[order[k]!]!;
    settle(op, await runChecked(service, scope, op, cyclic, resolved));
    k++;
  }
  const Operations = results.filter((r): r is BulkOperationResult => r !== undefined);
  return { status: 200, body: { schemas: [bulkResponseSchema], Operations } };
}
