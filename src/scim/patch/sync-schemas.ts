/**
 * Keeps a patched resource's `schemas` in step with its extensions (RFC 7643 §3: `schemas` lists
 * the schemas the resource's attributes belong to): an extension that gained a value is added,
 * one whose last attribute was removed is dropped. Only extensions the PATCH touched are looked
 * at, so a PATCH of `displayName` never rewrites `schemas`.
 *
 * Example: after adding `manager`, schemas [core] → [core, 'urn:…:enterprise:2.0:User']
 */
import { getKey } from '../resource/read.ts';
import type { ScimResource } from '../resource/types.ts';
import { isPlainObject } from '../resource/types.ts';
import { isEmpty, setKey } from './attribute-slot.ts';
import type { PatchContext } from './patch-context.ts';
import { deepEqual } from './same-value.ts';

/** Adds and drops the URNs of touched extensions in `work.schemas`, in place. */
export function syncSchemas(work: ScimResource, context: PatchContext): void {
  if (context.touchedSchemas.size === 0) return;
  const listed = getKey(work, 'schemas');
  const current = Array.isArray(listed) ? listed : [context.schema.core.id];
  let next = [...current];
  for (const urn of context.touchedSchemas) {
    const extension = getKey(work, urn);
    const present = isPlainObject(extension) && !isEmpty(extension);
    const lower = urn.toLowerCase();
    const named = next.some((s) => typeof s === 'string' && s.toLowerCase() === lower);
    if (present && !named) next.push(urn);
    if (!present && named) {
      next = next.filter((s) => typeof s !== 'string' || s.toLowerCase() !== lower);
    }
  }
  if (!deepEqual(next, current)) setKey(work, 'schemas', next);
}
