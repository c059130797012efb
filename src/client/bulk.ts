/**
 * POST /Bulk (RFC 7644 §3.7) for targets that advertise it: operations are sent in chunks that
 * respect the advertised maxOperations and maxPayloadSize, and the answer comes back as data —
 * one result per operation, in request order, a SyncError on each that failed — never as one
 * exception for a partly failed batch (architecture.md § Errors). A POST without a bulkId gets
 * one (the RFC requires it). bulkId references must stay within one chunk.
 *
 * Example:
 *   await runBulk(transport, capabilities, [{ method: 'POST', path: '/Users', data: { userName: 'ann' } }])
 *   → [{ index: 0, method: 'POST', bulkId: 'op0', status: 201, id: '2819c223', location: '…/Users/2819c223' }]
 */
import type { ScimResource } from '../scim/index.ts';
import type { TargetCapabilities } from './capabilities.ts';
import {
  bulkRequestSchema,
  type PatchOperationBody,
  patchBody,
  resourceBody,
} from './request-bodies.ts';
import { SyncError } from './sync-error.ts';
import { toSyncError } from './to-sync-error.ts';
import type { Transport } from './transport.ts';

export interface BulkOperation {
  method: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Below the Tenant URL: `/Users`, `/Users/2819c223`, `/Groups/bulkId:g1`. */
  path: string;
  bulkId?: string;
  /** An ETag for If-Match semantics (RFC 7644 §3.7). */
  version?: string;
  /** POST and PUT: the resource. */
  data?: ScimResource;
  /** PATCH: the operations. */
  operations?: readonly PatchOperationBody[];
}

export interface BulkResult {
  /** Position of the operation in the list given to bulk(). */
  index: number;
  method: BulkOperation['method'];
  bulkId?: string;
  /** The operation's HTTP status; 0 when the target did not carry it out (failOnErrors). */
  status: number;
  location?: string;
  /** The id of the resource, from `location`. */
  id?: string;
  /** The operation's `response`, when the target sent one. */
  response?: unknown;
  error?: SyncError;
}

export interface BulkOptions {
  /** RFC 7644 §3.7.3: stop after this many errors (per request). */
  failOnErrors?: number;
}

type WireOperation = Record<string, unknown>;

function toWire(operation: BulkOperation, index: number): WireOperation {
  const wire: WireOperation = { method: operation.method, path: operation.path };
  const bulkId = operation.bulkId ?? (operation.method === 'POST' ? `op${index}` : undefined);
  if (bulkId !== undefined) wire.bulkId = bulkId;
  if (operation.version !== undefined) wire.version = operation.version;
  const endpoint = operation.path.split('/').filter(Boolean)[0] ?? '';
  if (operation.method === 'PATCH') wire.data = patchBody(operation.operations ?? []);
  else if (operation.data !== undefined) wire.data = resourceBody(endpoint, operation.data);
  return wire;
}

function chunk(wire: WireOperation[], capabilities: TargetCapabilities): WireOperation[][] {
  const maxOps = Math.max(1, capabilities.bulk.maxOperations || wire.length);
  const maxBytes = capabilities.bulk.maxPayloadSize || Number.POSITIVE_INFINITY;
  const encoder = new TextEncoder();
  const chunks: WireOperation[][] = [];
  let current: WireOperation[] = [];
  let bytes = 200; // envelope
  for (const operation of wire) {
    const size = encoder.encode(JSON.stringify(operation)).length + 1;
    if (current.length > 0 && (current.length >= maxOps || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 200;
    }
    current.push(operation);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

function idOf(location: unknown): string | undefined {
  if (typeof location !== 'string' || location === '') return undefined;
  const last = location.replace(/\/+$/, '').split('/').pop();
  return last === undefined || last === '' ? undefined : decodeURIComponent(last);
}

/** Runs `operations` through /Bulk; see the file comment. */
export async function runBulk(
  transport: Transport,
  capabilities: TargetCapabilities,
  operations: readonly BulkOperation[],
  options: BulkOptions = {},
): Promise<BulkResult[]> {
  if (!capabilities.bulk.supported) {
    throw new SyncError({ kind: 'stop', detail: 'the target does not advertise Bulk support' });
  }
  const wire = operations.map(toWire);
  const results: BulkResult[] = [];
  let offset = 0;
  for (const part of chunk(wire, capabilities)) {
    const body: Record<string, unknown> = { schemas: [bulkRequestSchema], Operations: part };
    if (options.failOnErrors !== undefined) body.failOnErrors = options.failOnErrors;
    const answer = await transport.send({ method: 'POST', path: '/Bulk', body });
    const answered = (answer.body as { Operations?: unknown })?.Operations;
    const list = Array.isArray(answered) ? (answered as Record<string, unknown>[]) : [];
    part.forEach((sent, i) => {
      const index = offset + i;
      const operation = operations[index]!;
      const got =
        list.find((o) => sent.bulkId !== undefined && o.bulkId === sent.bulkId) ??
        (list.length === part.length ? list[i] : undefined);
      const result: BulkResult = { index, method: operation.method, status: 0 };
      if (sent.bulkId !== undefined) result.bulkId = sent.bulkId as string;
      if (!got) {
        result.error = new SyncError({
          kind: 'transient',
          detail: 'the target did not carry out this operation (failOnErrors reached)',
          request: `${operation.method} ${operation.path}`,
        });
        results.push(result);
        return;
      }
      result.status = Number(got.status);
      const id = idOf(got.location);
      if (typeof got.location === 'string') result.location = got.location;
      if (id !== undefined) result.id = id;
      if (got.response !== undefined) result.response = got.response;
      if (!(result.status >= 200 && result.status < 300)) {
        result.error = toSyncError(
          { kind: 'http', status: result.status || 500, body: got.response },
          `${operation.method} ${operation.path}`,
        );
      }
      results.push(result);
    });
    offset += part.length;
  }
  return results;
}
