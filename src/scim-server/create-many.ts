/**
 * Many POSTs of one resource type (a run of independent POSTs in /Bulk, RFC 7644 §3.7) written
 * in one store transaction (store.resources.createMany), each answered as it would have been
 * alone (RFC 7644 §3.3): validation and app-profile errors per item, 409 uniqueness for a
 * userName already taken in the tenant or by an earlier item of the batch (the earlier one
 * wins, as in request order), 201 with version and location for the rest.
 *
 * - `maxErrors` (what is left of failOnErrors, §3.7.3) stops after the item that makes that many
 *   errors: later items are not written and have no outcome.
 * - A Group with members is created on its own (create, then member rows), in its place.
 * - When the batch insert fails anyway (another server took a userName in between), nothing of
 *   it was written (all or none), and its items run one by one instead: the same answers.
 *
 * Example:
 *   await createMany(deps, scope, 'User', [alice, alice2, bob])
 *   → [{ result: { status: 201, … }, id }, { error: ScimError 409 uniqueness }, { result, id }]
 */
import { isPlainObject, type ScimResource, validateResource } from '../scim/index.ts';
import type { ResourceKind } from '../store/store.ts';
import { uniquenessError } from './error-mapping.ts';
import { etagOf } from './etag.ts';
import { checkUserProfile } from './profile-rules.ts';
import { locationOf } from './represent.ts';
import { createResource } from './resource-writes.ts';
import type { ScimResult } from './scim-response.ts';
import type { ServiceDeps } from './service-deps.ts';
import { storedData } from './stored-data.ts';
import { requireKind, schemaOf } from './tenant-schemas.ts';
import type { TenantScope } from './tenant-scope.ts';

export type CreateOutcome = { result: ScimResult; id: string } | { error: unknown };

type Prepared = { resource: ScimResource; key?: string; alone: boolean } | { error: unknown };

function prepare(scope: TenantScope, kind: ResourceKind, body: unknown): Prepared {
  try {
    requireKind(scope.profile, kind);
    const resource = validateResource(body, schemaOf(kind), 'create');
    if (kind === 'Group') {
      const members = resource.members;
      return { resource, alone: Array.isArray(members) && members.some(isPlainObject) };
    }
    checkUserProfile(scope.profile, resource);
    const key = typeof resource.userName === 'string' ? resource.userName.toLowerCase() : undefined;
    return { resource, alone: false, ...(key !== undefined && { key }) };
  } catch (error) {
    return { error };
  }
}

/** One item through the single-resource POST, as an outcome. */
async function createAlone(
  deps: ServiceDeps,
  scope: TenantScope,
  kind: ResourceKind,
  body: unknown,
): Promise<CreateOutcome> {
  try {
    const result = await createResource(deps, scope, kind, body, {});
    return { result, id: (result.body as { id: string }).id };
  } catch (error) {
    return { error };
  }
}

export async function createMany(
  deps: ServiceDeps,
  scope: TenantScope,
  kind: ResourceKind,
  bodies: readonly unknown[],
  maxErrors = Number.POSITIVE_INFINITY,
): Promise<CreateOutcome[]> {
  const tenantId = scope.tenant.id;
  const prepared = bodies.map((body) => prepare(scope, kind, body));
  const keys = prepared.flatMap((p) => ('key' in p && p.key !== undefined ? [p.key] : []));
  const taken = keys.length > 0 ? await deps.resources.takenUserNames(tenantId, keys) : new Set();
  const out: CreateOutcome[] = [];
  let errors = 0;
  let pending: { index: number; resource: ScimResource }[] = [];

  const record = (index: number, outcome: CreateOutcome) => {
    out[index] = outcome;
    if ('error' in outcome) errors++;
  };
  /** Writes the pending items; false when the batch failed and wrote nothing. */
  const flush = async (): Promise<boolean> => {
    if (pending.length === 0) return true;
    const batch = pending;
    pending = [];
    const data = batch.map((p) => storedData(p.resource));
    try {
      const records = await deps.resources.createMany(tenantId, kind, data, schemaOf(kind));
      records.forEach((created, j) => {
        const etag = etagOf(created.version);
        const location = locationOf(scope.baseUrl, kind, created.id);
        out[batch[j]!.index] = { result: { status: 201, etag, location }, id: created.id };
      });
      return true;
    } catch {
      pending = batch;
      return false;
    }
  };
  /** From `from` on, one by one: the answers a sequence of single POSTs gives. */
  const oneByOne = async (from: number): Promise<CreateOutcome[]> => {
    out.length = from;
    errors = out.filter((o) => 'error' in o).length;
    for (let i = from; i < bodies.length && errors < maxErrors; i++)
      record(i, await createAlone(deps, scope, kind, bodies[i]));
    return out;
  };

  const seen = new Set<string>();
  for (let i = 0; i < prepared.length && errors < maxErrors; i++) {
    const item = prepared[i]!;
    if ('error' in item) {
      record(i, { error: item.error });
      continue;
    }
    if (item.key !== undefined && (taken.has(item.key) || seen.has(item.key))) {
      record(i, { error: uniquenessError(item.resource.userName) });
      continue;
    }
    if (item.key !== undefined) seen.add(item.key);
    if (item.alone) {
      if (!(await flush())) return oneByOne(pending[0]!.index);
      record(i, await createAlone(deps, scope, kind, bodies[i]));
      continue;
    }
    pending.push({ index: i, resource: item.resource });
  }
  if (!(await flush())) return oneByOne(pending[0]!.index);
  return out;
}
