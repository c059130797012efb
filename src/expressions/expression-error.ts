/**
 * The one error that compiling an expression throws: what is wrong, and the span of the
 * offending text, so that the console can underline it (`render-caret.ts`).
 *
 * Example: new ExpressionError('unknownFunction', "unknown function 'Jion'", { start: 0, end: 4 }, "did you mean 'Join'?")
 *   .message → "unknown function 'Jion' at 0–4: did you mean 'Join'?"
 */
import type { Span } from './ast.ts';

export type ExpressionErrorCode =
  /** Not a well-formed expression: a stray character, a missing `)`, an unterminated string… */
  | 'syntax'
  /** Longer than `expressionLimits.maxExpressionLength`. */
  | 'tooLong'
  /** Calls nested deeper than `expressionLimits.maxNestingDepth`. */
  | 'tooDeep'
  | 'unknownFunction'
  /** Too few or too many arguments for the function. */
  | 'arity'
  /** An argument that can be judged before any object is seen (a bad regex, an odd Switch). */
  | 'invalidArgument';

export class ExpressionError extends Error {
  override name = 'ExpressionError';
  readonly code: ExpressionErrorCode;
  /** The message without its position. */
  readonly reason: string;
  readonly start: number;
  readonly end: number;
  /** A suggestion, such as "did you mean 'Join'?". */
  readonly hint?: string;

  constructor(code: ExpressionErrorCode, reason: string, span: Span, hint?: string) {
    super(`${reason} at ${formatSpan(span)}${hint === undefined ? '' : `: ${hint}`}`);
    this.code = code;
    this.reason = reason;
    this.start = span.start;
    this.end = span.end;
    if (hint !== undefined) this.hint = hint;
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }
}

/** "17" for an empty or one-character span, "0–4" (en dash, end exclusive) otherwise. */
export function formatSpan(span: Span): string {
  return span.end - span.start <= 1 ? `${span.start}` : `${span.start}–${span.end}`;
}
