/**
 * The request bodies the client sends, in RFC 7644 form only: a resource with `schemas` (the
 * core schema of its endpoint when missing, plus the URN of every extension object it carries)
 * and without the readOnly `id` and `meta`; a PATCH as `{schemas: [PatchOp], Operations}` with
 * lower-case `op` names; a BulkRequest with `schemas` and `Operations`. Never Entra's
 * non-standard shapes (string booleans, path-less dotted keys, remove with a value list).
 *
 * Example: patchBody([{ op: 'replace', path: 'active', value: false }])
 *   → { schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations: [{ op: 'replace', path: 'active', value: false }] }
 */
import { patchOpSchema, type ScimResource } from '../scim/index.ts';
import { endpointPath } from './scim-url.ts';

export const bulkRequestSchema = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const bulkResponseSchema = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';
export const listResponseSchema = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

const coreSchemas: Record<string, string> = {
  '/users': 'urn:ietf:params:scim:schemas:core:2.0:User',
  '/groups': 'urn:ietf:params:scim:schemas:core:2.0:Group',
};

/** One RFC 7644 §3.5.2 operation. */
export interface PatchOperationBody {
  op: 'add' | 'replace' | 'remove';
  path?: string;
  value?: unknown;
}

/** `resource` ready for POST or PUT to `endpoint`; see the file comment. */
export function resourceBody(endpoint: string, resource: ScimResource): ScimResource {
  const { id: _id, meta: _meta, schemas, ...rest } = resource;
  const list = Array.isArray(schemas) ? schemas.filter((s) => typeof s === 'string') : [];
  if (list.length === 0) {
    const core = coreSchemas[endpointPath(endpoint).toLowerCase()];
    if (core) list.push(core);
  }
  for (const key of Object.keys(rest)) {
    const isUrn = key.includes(':');
    if (isUrn && !list.some((s) => s.toLowerCase() === key.toLowerCase())) list.push(key);
  }
  return { schemas: list, ...rest };
}

/** A PATCH request body, `op` names lower-cased; throws TypeError on a non-RFC operation. */
export function patchBody(operations: readonly PatchOperationBody[]) {
  return {
    schemas: [patchOpSchema],
    Operations: operations.map((operation) => {
      const op = operation.op.toLowerCase() as PatchOperationBody['op'];
      const out: PatchOperationBody = { op };
      if (operation.path !== undefined) out.path = operation.path;
      if (op === 'remove' && operation.value !== undefined) {
        // Entra's "remove with a value list" reads as "remove all" under RFC 7644 §3.5.2.2.
        throw new TypeError(
          `remove takes no value (RFC 7644 §3.5.2.2): select with a value filter, e.g. members[value eq "id"]`,
        );
      }
      if (op !== 'remove' && operation.value === undefined) {
        throw new TypeError(`${op} needs a value (RFC 7644 §3.5.2)`);
      }
      if (operation.value !== undefined) out.value = operation.value;
      return out;
    }),
  };
}
