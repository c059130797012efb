/**
 * Canonical text for filters and paths: lower-case operators, JSON-quoted strings, the fewest
 * parentheses that keep the tree (`not` > `and` > `or`, left-associative), `not (…)`, value
 * paths `emails[…]`, qualified names re-joined with ':'. For every AST,
 * parseFilter(stringifyFilter(ast)) deep-equals ast. Build filters this way, never by string
 * templates (architecture.md: quoting bugs).
 *
 * Example: stringifyFilter({ kind: 'and', left: a, right: { kind: 'or', left: b, right: c } })
 *   → 'a pr and (b pr or c pr)'
 */
import type { AttrPath, FilterLiteral, FilterNode, PatchPath } from './ast.ts';

/** `uri:name.subAttr` (RFC 7644 §3.10). */
export function stringifyAttrPath(path: AttrPath): string {
  const qualified = path.uri === undefined ? path.name : `${path.uri}:${path.name}`;
  return path.subAttr === undefined ? qualified : `${qualified}.${path.subAttr}`;
}

/** `uri:name[filter].subAttr` (RFC 7644 §3.5.2). */
export function stringifyPatchPath(path: PatchPath): string {
  const qualified = path.uri === undefined ? path.name : `${path.uri}:${path.name}`;
  if (path.filter === undefined) return stringifyAttrPath(path);
  const filtered = `${qualified}[${stringifyFilter(path.filter)}]`;
  return path.subAttr === undefined ? filtered : `${filtered}.${path.subAttr}`;
}

/** A compValue as JSON (RFC 7644 §3.4.2.2); -0 keeps its sign so that it round-trips. */
export function stringifyLiteral(value: FilterLiteral): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value))
      throw new TypeError(`A filter number must be finite, got ${value}`);
    return Object.is(value, -0) ? '-0' : String(value);
  }
  return JSON.stringify(value);
}

/** The canonical text of a filter AST (RFC 7644 §3.4.2.2). */
export function stringifyFilter(node: FilterNode): string {
  switch (node.kind) {
    case 'compare':
      return `${stringifyAttrPath(node.path)} ${node.op} ${stringifyLiteral(node.value)}`;
    case 'present':
      return `${stringifyAttrPath(node.path)} pr`;
    case 'not':
      return `not (${stringifyFilter(node.filter)})`;
    case 'valuePath':
      return `${stringifyAttrPath(node.path)}[${stringifyFilter(node.filter)}]`;
    case 'and':
    case 'or':
      return stringifyChain(node);
  }
}

/**
 * An and/or chain: the left spine is walked in a loop (long chains built by code do not
 * recurse), and only the right operands of the same kind, and `or` under `and`, get parentheses.
 */
function stringifyChain(node: FilterNode & { kind: 'and' | 'or' }): string {
  const rights: FilterNode[] = [];
  let spine: FilterNode = node;
  while (spine.kind === node.kind) {
    rights.push(spine.right);
    spine = spine.left;
  }
  const parts = [operand(spine, node.kind, false)];
  for (let i = rights.length - 1; i >= 0; i--) parts.push(operand(rights[i]!, node.kind, true));
  return parts.join(` ${node.kind} `);
}

function operand(child: FilterNode, parent: 'and' | 'or', right: boolean): string {
  const text = stringifyFilter(child);
  const wrap = (child.kind === 'or' && parent === 'and') || (right && child.kind === parent);
  return wrap ? `(${text})` : text;
}
