/**
 * Evaluates a compiled expression for one object (Entra "functions for customizing
 * application data"). Never throws: the outcome is data, one of
 *
 * - `value`: send this value (strings, numbers, booleans, DateTime as `Date`, lists, role objects);
 * - `noValue`: the expression came to null; Entra sends nothing for a null source value, so the
 *   engine leaves the attribute alone (on create, "default value if null" may apply);
 * - `ignoreFlow`: IgnoreFlowIfNullOrEmpty dropped the attribute from the flow altogether;
 * - `error`: a function could not work with its input (message, function and span).
 *
 * Each carries `redacted` (a Redact was evaluated: log "[Redact]", not the value); a value from
 * SelectUniqueValue also carries its `candidates` for the engine's uniqueness check.
 * The world comes in through the context: attributes, IsSoftDeleted, the clock, the random source.
 *
 * Example: evaluate(compileExpression('Join(" ", [givenName], [surname])'),
 *   { attributes: { givenName: 'John', surname: 'Doe' } }) → { kind: 'value', value: 'John Doe', redacted: false }
 */
import { type Attributes, lookupAttribute } from './attribute-lookup.ts';
import { compareValues } from './compare.ts';
import type { CompiledExpression, ProgramNode } from './compile.ts';
import { inDateTimeRange } from './dates/calendar.ts';
import { secureRandomInt } from './default-random.ts';
import { type EvaluationError, EvaluationFailure, failEvaluation } from './evaluation-error.ts';
import type { Args, Env } from './function-def.ts';
import { IgnoreFlowSignal } from './ignore-flow-signal.ts';
import type { ElementValue, ExpressionValue } from './values.ts';

export interface EvaluationContext {
  /** The object's attributes by name; looked up case-insensitively. */
  attributes: Attributes;
  /** `[IsSoftDeleted]`: out of scope, unassigned, disabled or soft-deleted. Default False. */
  isSoftDeleted?: boolean;
  /** The clock for Now() and time-only formats. Default: the system clock. */
  now?: () => Date;
  /** A uniform random integer in [0, maxExclusive), for Guid and RandomString. Default: crypto. */
  randomInt?: (maxExclusive: number) => number;
}

export type EvaluationResult =
  | {
      kind: 'value';
      value: ElementValue | readonly ElementValue[];
      redacted: boolean;
      /** SelectUniqueValue's candidates, first choice first. */
      candidates?: readonly string[];
    }
  | { kind: 'noValue'; redacted: boolean }
  | { kind: 'ignoreFlow'; redacted: boolean }
  | { kind: 'error'; error: EvaluationError; redacted: boolean };

export function evaluate(
  compiled: CompiledExpression,
  context: EvaluationContext,
): EvaluationResult {
  let redacted = false;
  let candidates: readonly string[] | undefined;
  let instant: Date | undefined;
  const attributes = context.attributes ?? {};
  const env: Env = {
    now() {
      instant ??= context.now ? context.now() : new Date();
      if (!(instant instanceof Date) || !inDateTimeRange(instant))
        failEvaluation('the clock gave an invalid date');
      return instant;
    },
    randomInt(maxExclusive) {
      const value = (context.randomInt ?? secureRandomInt)(maxExclusive);
      if (!Number.isInteger(value) || value < 0 || value >= maxExclusive) {
        failEvaluation(`the random source gave ${value}, outside [0, ${maxExclusive})`);
      }
      return value;
    },
    attribute: (name) => lookupAttribute(attributes, context.isSoftDeleted, name),
    redact() {
      redacted = true;
    },
    offerCandidates(offered) {
      candidates = offered;
    },
  };

  try {
    const value = run(compiled.program, env);
    if (value === null) return { kind: 'noValue', redacted };
    return candidates === undefined
      ? { kind: 'value', value, redacted }
      : { kind: 'value', value, redacted, candidates };
  } catch (error) {
    if (error instanceof IgnoreFlowSignal) return { kind: 'ignoreFlow', redacted };
    return { kind: 'error', error: toEvaluationError(error, compiled), redacted };
  }
}

function run(node: ProgramNode, env: Env): ExpressionValue {
  switch (node.kind) {
    case 'constant':
      return node.value;
    case 'attribute':
      return env.attribute(node.name);
    case 'compare':
      try {
        return compareValues(node.op, run(node.left, env), run(node.right, env));
      } catch (error) {
        if (error instanceof EvaluationFailure) error.span ??= node.span;
        throw error;
      }
    case 'call': {
      const values: ExpressionValue[] = [];
      const done: boolean[] = [];
      const args: Args = {
        count: node.args.length,
        provided: (i) => node.provided[i] === true,
        value(i) {
          if (i >= node.args.length) return null;
          if (!done[i]) {
            values[i] = run(node.args[i]!, env);
            done[i] = true;
          }
          return values[i] as ExpressionValue;
        },
      };
      try {
        return node.def.evaluate(args, env, node.prepared);
      } catch (error) {
        if (error instanceof EvaluationFailure && error.span === undefined) {
          error.span = node.span;
          error.function = node.def.name;
        }
        throw error;
      }
    }
  }
}

function toEvaluationError(error: unknown, compiled: CompiledExpression): EvaluationError {
  if (error instanceof EvaluationFailure) {
    const span = error.span ?? { start: 0, end: compiled.text.length };
    const result: EvaluationError = { message: error.message, start: span.start, end: span.end };
    if (error.function !== undefined) result.function = error.function;
    return result;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: `internal error: ${message}`, start: 0, end: compiled.text.length };
}
