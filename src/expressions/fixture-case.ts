/**
 * TEST-ONLY: the shape of the JSON fixture cases beside the tests, and how one is checked.
 * A case gives an expression, the object's attributes (`{"$date": "…"}` makes a Date), the
 * context (isSoftDeleted, now, a "counter" random source that yields 0, 1, 2… modulo the
 * range) and the expected outcome: a value (DateTime values as their "M/d/yyyy h:mm:ss tt"
 * text, see `toJsonValue`), or a `pattern` the text must match, or a kind (noValue,
 * ignoreFlow, error with a message fragment), plus `redacted` and `candidates` when they matter.
 *
 * Example: checkCase({ origin: 'doc', name: 'x', expression: 'Left("John Doe", 3)', expected: 'Joh' }) → []
 */
import { isDeepStrictEqual } from 'node:util';
import type { ArgumentNode } from './ast.ts';
import { compileExpression } from './compile.ts';
import { type EvaluationContext, type EvaluationResult, evaluate } from './evaluate.ts';
import { toJsonValue } from './to-json-value.ts';
import type { AttributeValue } from './values.ts';

export interface FixtureCase {
  origin: 'doc' | 'contract' | 'ours';
  name: string;
  expression: string;
  attributes?: Record<string, unknown>;
  isSoftDeleted?: boolean;
  now?: string;
  random?: 'counter';
  kind?: 'value' | 'noValue' | 'ignoreFlow' | 'error';
  expected?: unknown;
  pattern?: string;
  error?: string;
  redacted?: boolean;
  candidates?: string[];
  note?: string;
}

export function contextOf(c: FixtureCase): EvaluationContext {
  const attributes: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(c.attributes ?? {})) attributes[key] = revive(value);
  const context: EvaluationContext = { attributes };
  if (c.isSoftDeleted !== undefined) context.isSoftDeleted = c.isSoftDeleted;
  if (c.now !== undefined) {
    const instant = new Date(c.now);
    context.now = () => instant;
  }
  if (c.random === 'counter') {
    let n = 0;
    context.randomInt = (max) => n++ % max;
  }
  return context;
}

function revive(value: unknown): AttributeValue {
  if (Array.isArray(value)) return value.map(revive) as AttributeValue;
  if (typeof value === 'object' && value !== null && '$date' in value) {
    return new Date((value as { $date: string }).$date);
  }
  return value as AttributeValue;
}

/** Runs the case; returns the differences from what it expects (empty when it passes). */
export function checkCase(c: FixtureCase): string[] {
  const result: EvaluationResult = evaluate(compileExpression(c.expression), contextOf(c));
  const problems: string[] = [];
  const kind = c.kind ?? 'value';
  if (result.kind !== kind) {
    problems.push(`kind: expected ${kind}, got ${JSON.stringify(result)}`);
    return problems;
  }
  if (result.kind === 'value') {
    const actual = toJsonValue(result.value);
    if (c.pattern !== undefined) {
      if (typeof actual !== 'string' || !new RegExp(c.pattern, 'u').test(actual)) {
        problems.push(`value ${JSON.stringify(actual)} does not match /${c.pattern}/`);
      }
    } else if (!isDeepStrictEqual(actual, c.expected)) {
      problems.push(`value: expected ${JSON.stringify(c.expected)}, got ${JSON.stringify(actual)}`);
    }
    if (c.candidates !== undefined && !isDeepStrictEqual(result.candidates, c.candidates)) {
      problems.push(
        `candidates: expected ${JSON.stringify(c.candidates)}, got ${JSON.stringify(result.candidates)}`,
      );
    }
  }
  if (result.kind === 'error' && c.error !== undefined && !result.error.message.includes(c.error)) {
    problems.push(
      `error: expected a message containing ${JSON.stringify(c.error)}, got ${JSON.stringify(result.error.message)}`,
    );
  }
  if ((c.redacted ?? false) !== result.redacted)
    problems.push(`redacted: expected ${c.redacted ?? false}`);
  return problems;
}

/** A syntax tree without its spans, as the parse fixtures write trees. */
export function withoutSpans(node: ArgumentNode): unknown {
  const { span: _span, ...rest } = node;
  if (rest.kind === 'call') {
    const { nameSpan: _nameSpan, ...call } = rest;
    return { ...call, args: call.args.map(withoutSpans) };
  }
  if (rest.kind === 'compare')
    return { ...rest, left: withoutSpans(rest.left), right: withoutSpans(rest.right) };
  return rest;
}
