/**
 * The typed syntax tree of a mapping expression (Entra "functions for customizing
 * application data", § Syntax overview): calls, `[attribute]` references, `"string"`
 * constants, numbers (decimal and VBA hex `&HF7`), the bare enum names that InStr takes
 * (`vbBinaryCompare`), one comparison (`[country] = "USA"`, as IIF and CBool use them) and
 * empty arguments (`Switch([IsSoftDeleted], , "False", "True", "True", "False")`).
 *
 * Example: parseExpression('Left("John", 3)') →
 *   { kind: 'call', name: 'Left', args: [{ kind: 'string', value: 'John', … }, { kind: 'number', value: 3, … }], … }
 */

/** Half-open character range [start, end) in the expression text, 0-based UTF-16 offsets. */
export interface Span {
  start: number;
  end: number;
}

export type CompareOperator = '=' | '<>' | '<' | '<=' | '>' | '>=';

export interface CallNode {
  kind: 'call';
  /** The name as written; resolution is case-insensitive. */
  name: string;
  args: ArgumentNode[];
  span: Span;
  nameSpan: Span;
}

export interface AttributeNode {
  kind: 'attribute';
  /** The text between the brackets, trimmed of surrounding whitespace. */
  name: string;
  span: Span;
}

export interface StringNode {
  kind: 'string';
  /** The unescaped value. */
  value: string;
  span: Span;
}

export interface NumberNode {
  kind: 'number';
  value: number;
  /** Written as a VBA hex literal (`&HF7`) rather than in decimal. */
  hex: boolean;
  span: Span;
}

/** A bare enum name such as `vbTextCompare`; only the names in `enum-names.ts` parse. */
export interface NameNode {
  kind: 'name';
  name: string;
  span: Span;
}

export interface CompareNode {
  kind: 'compare';
  op: CompareOperator;
  left: OperandNode;
  right: OperandNode;
  span: Span;
}

/** A syntactically empty argument: `f(a, , b)`. Evaluates to null; a few functions read it as "not provided". */
export interface EmptyNode {
  kind: 'empty';
  span: Span;
}

export type OperandNode = CallNode | AttributeNode | StringNode | NumberNode | NameNode;
export type ExpressionNode = OperandNode | CompareNode;
export type ArgumentNode = ExpressionNode | EmptyNode;
