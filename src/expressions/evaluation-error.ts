/**
 * How evaluation fails: functions throw an `EvaluationFailure` with a plain message; the
 * evaluator adds the function's name and span and hands the caller an `EvaluationError` as
 * data (the `error` kind of `EvaluationResult`), never an exception.
 *
 * Example: { message: "Mid: start must be 1 or more, got 0", function: 'Mid', start: 0, end: 20 }
 */
import type { Span } from './ast.ts';

export interface EvaluationError {
  message: string;
  /** The canonical name of the innermost function that failed, if a function failed. */
  function?: string;
  /** Span of the failing call in the expression text. */
  start: number;
  end: number;
}

export class EvaluationFailure extends Error {
  override name = 'EvaluationFailure';
  function?: string;
  span?: Span;
}

/** Throws an EvaluationFailure; a function's code calls this with what went wrong. */
export function failEvaluation(message: string): never {
  throw new EvaluationFailure(message);
}
