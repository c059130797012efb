/**
 * How a cycle writes to the target: one request per write, or — when the job uses Bulk and
 * the target advertises it — writes gathered into /Bulk requests (RFC 7644 §3.7). The cycle
 * works on a page of objects concurrently, so its writes queue up together; a queue is sent when
 * it holds `maxOperations` writes or when the event loop turns, and each write's promise settles
 * with its own operation's result (a partly failed Bulk is data, not one error). A dry run
 * writes nothing and makes up target ids.
 *
 * Example:
 *   const writer = createTargetWriter(client, { mode: 'bulk', maxOperations: 1000 });
 *   const id = await writer.create('/Users', resource);   // sent with the page's other creates
 */
import type { BulkOperation, ScimClient } from '../../client/index.ts';
import type { ScimResource } from '../../scim/index.ts';
import type { ScimPatchOperation } from '../../sync/index.ts';

export interface TargetWriter {
  readonly mode: 'single' | 'bulk' | 'dryRun';
  /** Creates the resource; resolves with its target id. */
  create(endpoint: string, resource: ScimResource): Promise<string>;
  patch(endpoint: string, id: string, operations: readonly ScimPatchOperation[]): Promise<void>;
  delete(endpoint: string, id: string): Promise<void>;
}

export interface TargetWriterOptions {
  mode: 'single' | 'bulk' | 'dryRun';
  /** Bulk: operations per request (the target's advertised maxOperations, at most 1,000). */
  maxOperations?: number;
}

interface Queued {
  operation: BulkOperation;
  resolve: (id: string | undefined) => void;
  reject: (error: unknown) => void;
}

const path = (endpoint: string, id?: string) =>
  `/${endpoint.replace(/^\/+|\/+$/g, '')}${id === undefined ? '' : `/${encodeURIComponent(id)}`}`;

function bulkWriter(client: ScimClient, maxOperations: number): TargetWriter {
  let queue: Queued[] = [];
  let scheduled = false;

  async function send(batch: Queued[]): Promise<void> {
    try {
      const results = await client.bulk(batch.map((q) => q.operation));
      batch.forEach((queued, i) => {
        const result = results[i];
        if (!result) queued.reject(new Error('the target answered without this operation'));
        else if (result.error) queued.reject(result.error);
        else queued.resolve(result.id);
      });
    } catch (error) {
      for (const queued of batch) queued.reject(error);
    }
  }

  function flush() {
    scheduled = false;
    while (queue.length > 0) void send(queue.splice(0, maxOperations));
  }

  function enqueue(operation: BulkOperation): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
      queue.push({ operation, resolve, reject });
      if (queue.length >= maxOperations) {
        const batch = queue;
        queue = [];
        void send(batch);
      } else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
  }

  let serial = 0;
  return {
    mode: 'bulk',
    async create(endpoint, resource) {
      const id = await enqueue({
        method: 'POST',
        path: path(endpoint),
        bulkId: `c${++serial}`,
        data: resource,
      });
      if (id === undefined) throw new Error('the target created the resource without a location');
      return id;
    },
    async patch(endpoint, id, operations) {
      await enqueue({ method: 'PATCH', path: path(endpoint, id), operations });
    },
    async delete(endpoint, id) {
      await enqueue({ method: 'DELETE', path: path(endpoint, id) });
    },
  };
}

export function createTargetWriter(client: ScimClient, options: TargetWriterOptions): TargetWriter {
  if (options.mode === 'bulk')
    return bulkWriter(client, Math.max(1, Math.min(1000, options.maxOperations ?? 100)));
  if (options.mode === 'dryRun') {
    let serial = 0;
    return {
      mode: 'dryRun',
      create: async () => `dry-run-${++serial}`,
      patch: async () => {},
      delete: async () => {},
    };
  }
  return {
    mode: 'single',
    async create(endpoint, resource) {
      // Only the id is needed: the target need not build (nor send) the whole resource.
      const created = await client.create(endpoint, resource, { attributes: ['id'] });
      if (typeof created.id !== 'string' || created.id === '')
        throw new Error('the target answered the create without an id');
      return created.id;
    },
    async patch(endpoint, id, operations) {
      await client.patch(endpoint, id, operations, { attributes: ['id'] });
    },
    async delete(endpoint, id) {
      await client.delete(endpoint, id);
    },
  };
}
