/**
 * What a single-resource request says besides its body: the projection (`attributes`,
 * `excludedAttributes`, RFC 7644 §3.9), the preconditions (If-Match, If-None-Match, §3.14) and
 * the client's `Prefer: return=minimal|representation` (RFC 7240), plus the helpers that read
 * them.
 *
 * Example: projectionFor('Group', { excludedAttributes: 'members' }) → needsAttribute(…, 'members') false
 */

import { compileProjection, type Projection } from '../scim/index.ts';
import type { ResourceKind, ResourceRecord } from '../store/store.ts';
import { preconditionFailed } from './error-mapping.ts';
import { etagOf, matchesEtags } from './etag.ts';
import { schemaOf } from './tenant-schemas.ts';

export interface ResourceOptions {
  attributes?: string;
  excludedAttributes?: string;
  ifMatch?: string;
  ifNoneMatch?: string;
  prefer?: string;
}

const compiled = new Map<string, Projection>();

/** The compiled projection of a request; the same few are asked for again and again. */
export function projectionFor(kind: ResourceKind, options: ResourceOptions): Projection {
  const key = `${kind}\u0000${options.attributes ?? '\u0001'}\u0000${options.excludedAttributes ?? '\u0001'}`;
  let projection = compiled.get(key);
  if (!projection) {
    projection = compileProjection(schemaOf(kind), {
      attributes: options.attributes,
      excludedAttributes: options.excludedAttributes,
    });
    if (compiled.size >= 500) compiled.clear();
    compiled.set(key, projection);
  }
  return projection;
}

/** True when the request names a projection (RFC 7644 §3.5.2: then PATCH MUST answer 200). */
export const asksForAttributes = (options: ResourceOptions) =>
  options.attributes !== undefined || options.excludedAttributes !== undefined;

/** The client's RFC 7240 `return` preference, if any. */
export function preferredReturn(
  options: ResourceOptions,
): 'minimal' | 'representation' | undefined {
  const match = /(?:^|[;,\s])return\s*=\s*"?(minimal|representation)"?/i.exec(options.prefer ?? '');
  return match ? (match[1]!.toLowerCase() as 'minimal' | 'representation') : undefined;
}

/** Throws 412 when an If-Match header does not name the record's current version. */
export function checkIfMatch(record: ResourceRecord, options: ResourceOptions): void {
  if (options.ifMatch === undefined || matchesEtags(options.ifMatch, record.version)) return;
  throw preconditionFailed(
    `If-Match ${JSON.stringify(options.ifMatch)} does not match the current version ${etagOf(record.version)}`,
  );
}
