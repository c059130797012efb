/**
 * Binds a filter AST to a resource type once — every path resolved, every literal checked —
 * and returns a predicate to run over many resources (RFC 7644 §3.4.2.2). Because checking
 * happens up front, a bad filter fails the same way whatever the data (even with no resources),
 * and evaluation is linear in filter size × resource size.
 *
 * Decisions (RFC 7644 §3.4.2.2 unless noted):
 * - An attribute the resource type does not define is a 400 `invalidFilter`. The RFC has no
 *   "treat as unmatched" rule; its Table 9 defines invalidFilter as "the specified attribute and
 *   filter comparison combination is not supported", and an error cannot silently turn
 *   `not (typo eq "x")` into "every resource".
 * - `pr` is true for a non-empty value or non-empty complex node; `eq null` ⇔ not `pr`,
 *   `ne null` ⇔ `pr` (RFC 7643 §2.5: unassigned ≡ null).
 * - `ne` holds when any candidate is not identical, and an absent attribute counts as null,
 *   so `title ne "x"` matches a user without a title (`ne` is then the exact negation of `eq`
 *   for a single-valued attribute).
 * - A value filter `emails[…]` holds when ONE element satisfies the whole inner filter.
 *
 * Example: compileFilter(parseFilter('userName sw "J"'), users)({ userName: 'jsmith' }) → true
 */
import { badRequest, quote } from '../errors.ts';
import { readAttribute } from '../resource/read.ts';
import type { ScimResource } from '../resource/types.ts';
import type { ResourceSchema } from '../schema/resource-schema.ts';
import type { AttributeDefinition } from '../schema/types.ts';
import type { FilterNode } from './ast.ts';
import { bindComparison, comparisonTest } from './comparison.ts';
import { bindOperand, candidates, isPresent, readOperand } from './operand.ts';
import { stringifyFilter } from './stringify.ts';

type Predicate = (input: unknown) => boolean;

/** Within a resource, or within one element of `parent`. */
interface Scope {
  schema: ResourceSchema;
  parent?: AttributeDefinition;
}

function refuser(node: FilterNode): (reason: string) => never {
  return (reason) => {
    throw badRequest('invalidFilter', `Cannot evaluate ${quote(stringifyFilter(node))}: ${reason}`);
  };
}

/** The operands of a chain of one kind, in order, gathered without recursion. */
function chain(node: FilterNode & { kind: 'and' | 'or' }): FilterNode[] {
  const out: FilterNode[] = [];
  const stack: FilterNode[] = [node];
  while (stack.length > 0) {
    const top = stack.pop()!;
    if (top.kind === node.kind && (top.kind === 'and' || top.kind === 'or')) {
      stack.push(top.right, top.left);
    } else {
      out.push(top);
    }
  }
  return out;
}

function operandOf(node: FilterNode & { kind: 'compare' | 'present' }, scope: Scope) {
  const bound = bindOperand(node, scope.schema, scope.parent, refuser(node));
  return { definition: bound.definition, read: readOperand(bound) };
}

function compileNode(node: FilterNode, scope: Scope): Predicate {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const parts = chain(node).map((part) => compileNode(part, scope));
      return node.kind === 'and'
        ? (input) => parts.every((p) => p(input))
        : (input) => parts.some((p) => p(input));
    }
    case 'not': {
      const inner = compileNode(node.filter, scope);
      return (input) => !inner(input);
    }
    case 'present': {
      const { read } = operandOf(node, scope);
      return (input) => read(input).some(isPresent);
    }
    case 'compare':
      return compileCompare(node, scope);
    case 'valuePath':
      return compileValuePath(node, scope);
  }
}

function compileCompare(node: FilterNode & { kind: 'compare' }, scope: Scope): Predicate {
  const refuse = refuser(node);
  const operand = operandOf(node, scope);
  const { op, value } = node;
  if (value === null) {
    if (op === 'eq') return (input) => !operand.read(input).some(isPresent);
    if (op === 'ne') return (input) => operand.read(input).some(isPresent);
    return refuse(`"${op}" cannot compare with null; use "pr", "eq null" or "ne null"`);
  }
  const test = comparisonTest(bindComparison(operand.definition, op, value, refuse));
  const absent = (v: unknown) => v === undefined || v === null;
  if (op === 'ne') return (input) => operand.read(input).some((v) => absent(v) || test(v));
  return (input) => operand.read(input).some((v) => !absent(v) && test(v));
}

function compileValuePath(node: FilterNode & { kind: 'valuePath' }, scope: Scope): Predicate {
  const refuse = refuser(node);
  if (scope.parent !== undefined) refuse('value filters cannot be nested');
  if (node.path.subAttr !== undefined)
    refuse('a value filter applies to an attribute, not a sub-attribute');
  const { at } = bindOperand({ kind: 'present', path: node.path }, scope.schema, undefined, refuse);
  if (at === undefined) throw new Error('unreachable: a top-level operand always has `at`');
  const parent = at.attribute;
  if (parent.type !== 'complex' && !parent.multiValued) {
    refuse(
      `${parent.name} is a single simple value; a value filter needs a complex or multi-valued attribute`,
    );
  }
  const inner = compileNode(node.filter, { schema: scope.schema, parent });
  return (resource) =>
    candidates(readAttribute(resource as ScimResource, at)).some(
      (element) => element !== undefined && element !== null && inner(element),
    );
}

/** A predicate over resources of `schema`'s type; throws 400 invalidFilter when it cannot apply. */
export function compileFilter(
  node: FilterNode,
  schema: ResourceSchema,
): (resource: ScimResource) => boolean {
  return compileNode(node, { schema });
}

/** A predicate over single elements of the multi-valued (or complex) attribute `parent`. */
export function compileElementFilter(
  node: FilterNode,
  parent: AttributeDefinition,
  schema: ResourceSchema,
): (element: unknown) => boolean {
  return compileNode(node, { schema, parent });
}
