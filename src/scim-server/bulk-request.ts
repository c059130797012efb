/**
 * Reads a BulkRequest (RFC 7644 §3.7) and orders its operations so that every `bulkId:x`
 * reference — in `path` (`/Groups/bulkId:x`) or anywhere in `data` (`members[].value`) — runs
 * after the POST that defines `x`, whatever their order in the request (§3.7.1). Operations
 * caught in a reference cycle are reported as such (the RFC lets a server answer 409 there).
 *
 * A malformed request as a whole (not an object, no Operations, more than maxOperations) is an
 * error for the whole request (413 for too many, as §3.7.4 requires); a malformed operation is
 * an error for that operation only, so the others still run.
 *
 * Example:
 *   parseBulkRequest({ Operations: [{ method: 'POST', path: '/Users', bulkId: 'u1', data }] }, 1000)
 *   → { failOnErrors: undefined, operations: [{ index: 0, method: 'POST', bulkId: 'u1', path: '/Users', data, refs: [] }] }
 */
import { badRequest, getKey, isPlainObject, quote, type ScimError } from '../scim/index.ts';
import { ScimHttpError } from './http-error.ts';

export type BulkMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface BulkOperation {
  index: number;
  method: BulkMethod;
  bulkId?: string;
  /** The ETag the client expects (becomes If-Match). */
  version?: string;
  path: string;
  data?: unknown;
  /** The bulkIds this operation references. */
  refs: string[];
  /** What is wrong with the operation itself; it fails with this error. */
  error?: ScimError;
}

export interface BulkRequest {
  failOnErrors?: number;
  operations: BulkOperation[];
}

export const bulkRequestSchema = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const methods: readonly BulkMethod[] = ['POST', 'PUT', 'PATCH', 'DELETE'];
const refPattern = /^bulkId:(.+)$/;

/** The bulkIds referenced by strings anywhere in `value`. */
export function referencesIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    const match = refPattern.exec(value);
    if (match) into.add(match[1]!);
  } else if (Array.isArray(value)) {
    for (const item of value) referencesIn(item, into);
  } else if (isPlainObject(value)) {
    for (const item of Object.values(value)) referencesIn(item, into);
  }
  return into;
}

function readOperation(raw: unknown, index: number): BulkOperation {
  const where = `Operations[${index}]`;
  const op: BulkOperation = { index, method: 'POST', path: '', refs: [] };
  if (!isPlainObject(raw)) {
    op.error = badRequest('invalidSyntax', `${where} must be a JSON object, got ${quote(raw)}`);
    return op;
  }
  const method = getKey(raw, 'method');
  const path = getKey(raw, 'path');
  const bulkId = getKey(raw, 'bulkId');
  const version = getKey(raw, 'version');
  op.data = getKey(raw, 'data');
  if (typeof path === 'string') op.path = path.trim();
  if (typeof bulkId === 'string' && bulkId !== '') op.bulkId = bulkId;
  if (typeof version === 'string' && version !== '') op.version = version;
  const upper = typeof method === 'string' ? method.trim().toUpperCase() : '';
  if (methods.includes(upper as BulkMethod)) op.method = upper as BulkMethod;
  else
    op.error = badRequest(
      'invalidValue',
      `${where}.method must be POST, PUT, PATCH or DELETE, got ${quote(method ?? 'nothing')}`,
    );
  if (!op.error && op.path === '')
    op.error = badRequest('invalidValue', `${where} needs a "path" such as "/Users"`);
  if (!op.error && op.method !== 'DELETE' && (op.data === undefined || op.data === null)) {
    op.error = badRequest('invalidSyntax', `${where}: a ${op.method} operation needs "data"`);
  }
  const refs = referencesIn(op.data);
  const inPath = /(?:^|\/)bulkId:([^/]+)$/.exec(op.path);
  if (inPath) refs.add(inPath[1]!);
  op.refs = [...refs];
  return op;
}

export function parseBulkRequest(body: unknown, maxOperations: number): BulkRequest {
  if (!isPlainObject(body)) {
    throw badRequest('invalidSyntax', `A bulk request must be a JSON object, got ${quote(body)}`);
  }
  const list = getKey(body, 'Operations');
  if (!Array.isArray(list)) {
    throw badRequest(
      'invalidSyntax',
      `A bulk request needs "Operations", an array, got ${quote(list ?? 'nothing')}`,
    );
  }
  if (list.length > maxOperations) {
    throw new ScimHttpError(
      413,
      `The bulk request has ${list.length} operations; the maximum is ${maxOperations} (maxOperations)`,
    );
  }
  const fail = getKey(body, 'failOnErrors');
  if (fail !== undefined && fail !== null && (!Number.isInteger(fail) || (fail as number) < 1)) {
    throw badRequest(
      'invalidValue',
      `"failOnErrors" must be a positive integer, got ${quote(fail)}`,
    );
  }
  const operations = list.map(readOperation);
  const seen = new Map<string, number>();
  for (const op of operations) {
    if (op.bulkId === undefined || op.error) continue;
    const first = seen.get(op.bulkId);
    if (first !== undefined) {
      op.error = badRequest(
        'invalidValue',
        `Operations[${op.index}] repeats bulkId ${quote(op.bulkId)} of Operations[${first}]`,
      );
    } else seen.set(op.bulkId, op.index);
  }
  return { failOnErrors: (fail as number | null | undefined) ?? undefined, operations };
}

/**
 * The execution order (dependencies first, otherwise request order) and the operations that
 * sit on a reference cycle.
 */
export function orderBulkOperations(operations: readonly BulkOperation[]): {
  order: number[];
  cyclic: Set<number>;
} {
  const definer = new Map<string, number>();
  for (const op of operations) {
    if (op.bulkId !== undefined && op.method === 'POST' && !op.error)
      definer.set(op.bulkId, op.index);
  }
  const state = new Map<number, 'visiting' | 'done'>();
  const order: number[] = [];
  const cyclic = new Set<number>();
  const stack: number[] = [];
  const visit = (i: number) => {
    const seen = state.get(i);
    if (seen === 'done') return;
    if (seen === 'visiting') {
      for (const j of stack.slice(stack.indexOf(i))) cyclic.add(j);
      return;
    }
    state.set(i, 'visiting');
    stack.push(i);
    for (const ref of operations[i]!.refs) {
      const j = definer.get(ref);
      if (j !== undefined) visit(j);
    }
    stack.pop();
    state.set(i, 'done');
    order.push(i);
  };
  for (let i = 0; i < operations.length; i++) visit(i);
  return { order, cyclic };
}
