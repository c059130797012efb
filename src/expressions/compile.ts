/**
 * Compiles an expression once per job: parse, resolve every function by name, check arity,
 * and let functions judge constant arguments (regexes, date formats, Replace's mode, Switch's
 * pairs) so that a broken mapping fails at configuration time with a span, not per object
 * (Entra "functions for customizing application data").
 *
 * Function names resolve case-insensitively. The reference calls the syntax case-sensitive, but
 * spells its own headings loosely (IsNullorEmpty); accepting `join(…)` costs nothing and a
 * mapping that Entra accepts is accepted here too. The printer keeps names as written.
 *
 * Example: compileExpression('Join(" ", [givenName], [surname])').attributes → ['givenName', 'surname']
 *          compileExpression('Jion(" ", [a])') throws ExpressionError "unknown function 'Jion' at 0–4: did you mean 'Join'?"
 */
import type { ArgumentNode, CompareOperator, ExpressionNode, Span } from './ast.ts';
import { enumValue } from './enum-names.ts';
import { ExpressionError } from './expression-error.ts';
import type { AnyFunctionDef } from './function-def.ts';
import { parseExpression } from './parse.ts';
import { findFunction, suggestFunction } from './registry.ts';
import type { ExpressionValue } from './values.ts';

/** The executable form of a node; built here, run by `evaluate.ts`. */
export type ProgramNode =
  | { kind: 'constant'; value: ExpressionValue }
  | { kind: 'attribute'; name: string }
  | { kind: 'compare'; op: CompareOperator; left: ProgramNode; right: ProgramNode; span: Span }
  | {
      kind: 'call';
      def: AnyFunctionDef;
      args: ProgramNode[];
      provided: boolean[];
      prepared: unknown;
      span: Span;
    };

export interface CompiledExpression {
  readonly text: string;
  readonly ast: ExpressionNode;
  /** The attributes the expression reads, first spelling of each, in order of appearance. */
  readonly attributes: readonly string[];
  /** Canonical name of the outermost function, or null when the expression is not a call. */
  readonly rootFunction: string | null;
  readonly program: ProgramNode;
}

export function compileExpression(text: string): CompiledExpression {
  const ast = parseExpression(text);
  const attributes = new Map<string, string>();

  function build(node: ArgumentNode, isRoot: boolean): ProgramNode {
    switch (node.kind) {
      case 'empty':
        return { kind: 'constant', value: null };
      case 'string':
      case 'number':
        return { kind: 'constant', value: node.value };
      case 'name':
        return { kind: 'constant', value: enumValue(node.name)! };
      case 'attribute':
        if (!attributes.has(node.name.toLowerCase()))
          attributes.set(node.name.toLowerCase(), node.name);
        return { kind: 'attribute', name: node.name };
      case 'compare':
        return {
          kind: 'compare',
          op: node.op,
          left: build(node.left, false),
          right: build(node.right, false),
          span: node.span,
        };
      case 'call': {
        const def = findFunction(node.name);
        if (!def) {
          const suggestion = suggestFunction(node.name);
          throw new ExpressionError(
            'unknownFunction',
            `unknown function '${node.name}'`,
            node.nameSpan,
            suggestion === undefined ? undefined : `did you mean '${suggestion}'?`,
          );
        }
        checkArity(def, node.args, node.span);
        const args = node.args.map((arg) => build(arg, false));
        const prepared = def.prepare?.({ node, isRoot });
        return {
          kind: 'call',
          def,
          args,
          provided: node.args.map((arg) => arg.kind !== 'empty'),
          prepared,
          span: node.span,
        };
      }
    }
  }

  const program = build(ast, true);
  return {
    text,
    ast,
    attributes: [...attributes.values()],
    rootFunction: program.kind === 'call' ? program.def.name : null,
    program,
  };
}

function checkArity(def: AnyFunctionDef, args: readonly ArgumentNode[], callSpan: Span): void {
  const { minArgs: min, maxArgs: max } = def;
  const n = args.length;
  if (n >= min && (max === null || n <= max)) return;
  const range = max === null ? `at least ${min}` : min === max ? `${min}` : `${min} to ${max}`;
  const reason = `${def.name} takes ${range} argument${min === 1 && max === 1 ? '' : 's'}, got ${n}`;
  const span =
    max !== null && n > max
      ? { start: args[max]!.span.start, end: args[n - 1]!.span.end }
      : callSpan;
  throw new ExpressionError('arity', reason, span);
}
