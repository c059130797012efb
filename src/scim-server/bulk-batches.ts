/**
 * Finds the runs of a BulkRequest (RFC 7644 §3.7) that can be written as one batch: POSTs to
 * /Users (or /Groups), consecutive in execution order, without an error of their own, a
 * reference cycle or any bulkId reference (an operation that references another one's bulkId
 * waits for it, so it breaks the run). bulk-run.ts sends each run to service.createMany.
 *
 * Example: batchAt(operations, [0, 1, 2], 0, new Set()) → { kind: 'User', ops: [op0, op1] }
 *   when op0 and op1 POST /Users and op2 PATCHes /Users/bulkId:u1
 */
import type { ResourceKind } from '../store/store.ts';
import type { BulkOperation } from './bulk-request.ts';

/** The resource type of a POST that can join a batch: no error, no cycle, no bulkId reference. */
function batchable(op: BulkOperation, cyclic: ReadonlySet<number>): ResourceKind | undefined {
  if (op.method !== 'POST' || op.error || cyclic.has(op.index) || op.refs.length > 0) return;
  const match = /^\/?(Users|Groups)\/?$/i.exec(op.path);
  if (!match) return;
  return match[1]!.toLowerCase() === 'users' ? 'User' : 'Group';
}

/** The operations from `order[from]` on that form one run of batchable POSTs of one type. */
export function batchAt(
  operations: readonly BulkOperation[],
  order: readonly number[],
  from: number,
  cyclic: ReadonlySet<number>,
): { kind: ResourceKind; ops: BulkOperation[] } | undefined {
  const kind = batchable(operations[order[from]!]!, cyclic);
  if (kind === undefined) return;
  const ops: BulkOperation[] = [];
  for (let k = from; k < order.length; k++) {
    const op = operations[order[k]!]!;
    if (batchable(op, cyclic) !== kind) break;
    ops.push(op);
  }
  return ops.length > 1 ? { kind, ops } : undefined;
}
