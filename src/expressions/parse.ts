/**
 * Parses an expression into its syntax tree (Entra "functions for customizing application
 * data", § Syntax overview). The whole expression is one operand or one comparison; an operand
 * is a call, an `[attribute]`, a `"string"`, a number or a bare enum name; arguments may be
 * empty. Function names are not checked here (`compile.ts` does that), so a printer or editor
 * can work on trees with unknown names.
 *
 * Grammar:
 *   expression := operand ( compareOp operand )?
 *   operand    := name '(' ( argument ( ',' argument )* )? ')' | '[' attr ']' | string | number | enumName
 *   argument   := expression | (nothing)
 *
 * Example: parseExpression('Switch([IsSoftDeleted], , "False", "True")').args[1] → { kind: 'empty', … }
 */
import type { ArgumentNode, CallNode, ExpressionNode, OperandNode, Span } from './ast.ts';
import { enumValue } from './enum-names.ts';
import { ExpressionError } from './expression-error.ts';
import { createLexer, type Token } from './lexer.ts';
import { expressionLimits } from './limits.ts';

export function parseExpression(text: string): ExpressionNode {
  const limit = expressionLimits.maxExpressionLength;
  if (text.length > limit) {
    throw new ExpressionError(
      'tooLong',
      `expression is ${text.length.toLocaleString('en-US')} characters long; the limit is ${limit.toLocaleString('en-US')}`,
      { start: limit, end: text.length },
    );
  }
  const lexer = createLexer(text);
  const peek = (): Token => lexer.peek();
  const next = (): Token => lexer.next();

  const describe = (token: Token): string => {
    if (token.kind === 'end') return 'the end of the expression';
    return `'${text.slice(token.span.start, token.span.end)}'`;
  };
  const fail = (reason: string, span: Span): never => {
    throw new ExpressionError('syntax', reason, span);
  };

  function expression(depth: number): ExpressionNode {
    const left = operand(depth);
    const op = peek();
    if (op.kind !== 'compare') return left;
    next();
    const right = operand(depth);
    const after = peek();
    if (after.kind === 'compare') fail('comparisons cannot be chained', after.span);
    return { kind: 'compare', op: op.op, left, right, span: join(left.span, right.span) };
  }

  function operand(depth: number): OperandNode {
    const token = next();
    switch (token.kind) {
      case 'attribute':
        return { kind: 'attribute', name: token.name, span: token.span };
      case 'string':
        return { kind: 'string', value: token.value, span: token.span };
      case 'number':
        return { kind: 'number', value: token.value, hex: token.hex, span: token.span };
      case 'identifier':
        if (peek().kind === '(') return call(token.name, token.span, depth + 1);
        if (enumValue(token.name) !== undefined) {
          return { kind: 'name', name: token.name, span: token.span };
        }
        return fail(
          `unknown name '${token.name}': write an attribute as [${token.name}], a string as "${token.name}", a call as ${token.name}(…)`,
          token.span,
        );
      default:
        return fail(
          `expected a function, [attribute], "string" or number, found ${describe(token)}`,
          token.span,
        );
    }
  }

  function call(name: string, nameSpan: Span, depth: number): CallNode {
    if (depth > expressionLimits.maxNestingDepth) {
      throw new ExpressionError(
        'tooDeep',
        `calls are nested deeper than ${expressionLimits.maxNestingDepth} levels`,
        nameSpan,
      );
    }
    let open = next();
    const args: ArgumentNode[] = [];
    if (peek().kind === ')') {
      return { kind: 'call', name, args, span: join(nameSpan, next().span), nameSpan };
    }
    while (true) {
      const token = peek();
      if (token.kind === ',' || token.kind === ')') {
        args.push({ kind: 'empty', span: { start: open.span.end, end: token.span.start } });
      } else {
        args.push(expression(depth));
      }
      const separator = next();
      if (separator.kind === ')')
        return { kind: 'call', name, args, span: join(nameSpan, separator.span), nameSpan };
      if (separator.kind !== ',')
        fail(`expected ',' or ')', found ${describe(separator)}`, separator.span);
      open = separator;
    }
  }

  const root = expression(0);
  const rest = peek();
  if (rest.kind !== 'end')
    fail(`expected the end of the expression, found ${describe(rest)}`, rest.span);
  return root;
}

function join(a: Span, b: Span): Span {
  return { start: a.start, end: b.end };
}
