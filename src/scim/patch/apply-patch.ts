/**
 * Applies a parsed PATCH request to a resource (RFC 7644 §3.5.2). Operations run in order, each
 * on the result of the one before, on a private deep copy: the input is never modified, and
 * when any operation fails the error is thrown and nothing is applied (the request is atomic).
 * Error details name the failing operation, e.g. `Operations[1]: Attribute "id" is readOnly…`.
 *
 * Example:
 *   const ops = parsePatchRequest({ Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
 *   applyPatch(user, ops, users) → { ...user, active: false }
 */
import { ScimError } from '../errors.ts';
import { cloneJson, type ScimResource } from '../resource/types.ts';
import type { ResourceSchema } from '../schema/resource-schema.ts';
import { applyOperation } from './apply-operation.ts';
import { diffMembers } from './member-changes.ts';
import type { PatchContext } from './patch-context.ts';
import type { PatchOperation, PatchResult } from './patch-operation.ts';
import { deepEqual } from './same-value.ts';
import { syncSchemas } from './sync-schemas.ts';

function inOperation(error: unknown, index: number): unknown {
  if (!(error instanceof ScimError)) return error;
  return new ScimError(error.status, error.scimType, `Operations[${index}]: ${error.detail}`);
}

/**
 * The patched copy of `resource`, whether anything changed (RFC 7644 §3.5.2.1: an add of a value
 * already present changes nothing, not even `meta.lastModified`), and the member ids added and
 * removed when the resource type has `members`.
 */
export function applyPatchWithChanges(
  resource: ScimResource,
  operations: readonly PatchOperation[],
  schema: ResourceSchema,
): PatchResult {
  const work = cloneJson(resource);
  const context: PatchContext = { schema, touchedSchemas: new Set() };
  operations.forEach((operation, i) => {
    try {
      applyOperation(work, operation, context);
    } catch (error) {
      throw inOperation(error, operation.index ?? i);
    }
  });
  syncSchemas(work, context);
  return {
    resource: work,
    changed: !deepEqual(resource, work),
    memberChanges: diffMembers(resource, work, schema),
  };
}

/** The patched copy of `resource`; see applyPatchWithChanges. */
export function applyPatch(
  resource: ScimResource,
  operations: readonly PatchOperation[],
  schema: ResourceSchema,
): ScimResource {
  return applyPatchWithChanges(resource, operations, schema).resource;
}
