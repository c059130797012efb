/**
 * Prints a syntax tree back to expression text, the inverse of `parseExpression`:
 * `parseExpression(printExpression(tree))` equals `tree` up to spans. Strings escape only
 * `\` and `"`; arguments are separated by ", "; an empty argument prints as nothing.
 *
 * Example: printExpression(parseExpression('Join(" ",[givenName],[surname])'))
 *   → 'Join(" ", [givenName], [surname])'
 */
import type { ArgumentNode } from './ast.ts';

export function printExpression(node: ArgumentNode): string {
  switch (node.kind) {
    case 'empty':
      return '';
    case 'attribute':
      return `[${node.name}]`;
    case 'string':
      return printString(node.value);
    case 'number':
      return node.hex ? `&H${node.value.toString(16).toUpperCase()}` : printDecimal(node.value);
    case 'name':
      return node.name;
    case 'compare':
      return `${printExpression(node.left)} ${node.op} ${printExpression(node.right)}`;
    case 'call':
      return `${node.name}(${node.args.map(printExpression).join(', ')})`;
  }
}

/** A string constant with `\` and `"` escaped. */
export function printString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Decimal digits without an exponent, so that the lexer reads the same number back. */
function printDecimal(value: number): string {
  const text = String(value);
  if (!/e/i.test(text)) return text;
  if (Number.isInteger(value)) return BigInt(value).toString();
  return value.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}
