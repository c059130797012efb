/**
 * The value filter of a PATCH path (`emails[type eq "work"]`, RFC 7644 §3.5.2) applied to the
 * elements of one attribute: which elements it selects, and the element it describes when it
 * selects none (its literals coerced to the sub-attributes' types, so Entra's
 * `roles[primary eq "True"]` describes `{primary: true}`).
 *
 * Example: elementFromFilter(parsePatchPath('emails[type eq "work"]').filter!, emailsAttribute)
 *   → { type: 'work' }
 */
import { badRequest, quote, ScimError } from '../errors.ts';
import type { FilterNode } from '../filter/ast.ts';
import { compileElementFilter } from '../filter/index.ts';
import { coerceValue } from '../resource/coerce.ts';
import type { ResolvedAttribute, ResourceSchema } from '../schema/resource-schema.ts';
import type { AttributeDefinition } from '../schema/types.ts';

/**
 * Indexes of the elements `filter` selects. The filter is compiled once (filter/compile.ts, which
 * already reads "True" as true); a filter that cannot apply to this attribute is reported as a
 * 400 `invalidPath`, since here it is part of a PATCH path.
 */
export function matchingIndexes(
  elements: readonly unknown[],
  filter: FilterNode,
  at: ResolvedAttribute,
  schema: ResourceSchema,
  path: string,
): number[] {
  let matches: (element: unknown) => boolean;
  try {
    matches = compileElementFilter(filter, at.attribute, schema);
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    throw badRequest('invalidPath', `Path ${quote(path)}: ${error.detail}`);
  }
  const out: number[] = [];
  elements.forEach((element, i) => {
    if (element !== undefined && element !== null && matches(element)) out.push(i);
  });
  return out;
}

/**
 * The element a filter describes when it is a conjunction of `eq` comparisons on distinct
 * sub-attributes (`type eq "work"`, `type eq "work" and primary eq true`); otherwise undefined,
 * because no single new element would be the one the client meant.
 */
export function elementFromFilter(
  filter: FilterNode,
  attribute: AttributeDefinition,
  schema: ResourceSchema,
): Record<string, unknown> | undefined {
  if (attribute.type !== 'complex') return undefined;
  const element: Record<string, unknown> = {};
  const collect = (node: FilterNode): boolean => {
    if (node.kind === 'and') return collect(node.left) && collect(node.right);
    if (node.kind !== 'compare' || node.op !== 'eq' || node.path.subAttr !== undefined)
      return false;
    const sub = schema.subAttribute(attribute, node.path.name);
    if (!sub || sub.mutability === 'readOnly' || node.value === null) return false;
    if (Object.hasOwn(element, sub.name)) return false;
    try {
      element[sub.name] = coerceValue(sub, node.value, `${attribute.name}.${sub.name}`);
    } catch {
      return false;
    }
    return true;
  };
  return collect(filter) ? element : undefined;
}
