/**
 * Evaluates filters (RFC 7644 §3.4.2.2) in memory: a whole resource for list/search requests,
 * or one element of a multi-valued attribute for PATCH value filters (RFC 7644 §3.5.2,
 * `members[value eq "2819c223"]`). Semantics and decisions are described in compile.ts; to test
 * many resources with one filter, compile it once with compileFilter.
 *
 * Example: evaluateFilter(parseFilter('emails[type eq "work"]'), bjensen, users) → true
 */
import type { ScimResource } from '../resource/types.ts';
import type { ResolvedAttribute, ResourceSchema } from '../schema/resource-schema.ts';
import type { AttributeDefinition } from '../schema/types.ts';
import type { FilterNode } from './ast.ts';
import { compileElementFilter, compileFilter } from './compile.ts';

/** True when `resource` matches `node`; throws 400 invalidFilter when the filter cannot apply. */
export function evaluateFilter(
  node: FilterNode,
  resource: ScimResource,
  schema: ResourceSchema,
): boolean {
  return compileFilter(node, schema)(resource);
}

/**
 * True when one element of `parent` matches the inner filter of a value path. The filter's
 * paths name sub-attributes of the element (`type`, `value`); for a multi-valued attribute
 * without sub-attributes, `value` names the element itself.
 *
 * Example: matchesElement(parseFilter('value eq "2819c223"'), { value: '2819c223' }, members, groups) → true
 */
export function matchesElement(
  node: FilterNode,
  element: unknown,
  parent: AttributeDefinition | ResolvedAttribute,
  schema: ResourceSchema,
): boolean {
  const definition = 'inCore' in parent ? parent.attribute : parent;
  return compileElementFilter(node, definition, schema)(element);
}
