import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { compileExpression } from './compile.ts';
import { ExpressionError } from './expression-error.ts';
import { withoutSpans } from './fixture-case.ts';
import { expressionLimits } from './limits.ts';
import { parseExpression } from './parse.ts';
import { printExpression } from './print.ts';
import { renderCaret } from './render-caret.ts';

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

interface ParseCase {
  name: string;
  expression: string;
  printed: string;
  ast?: unknown;
}
interface ErrorCase {
  name: string;
  expression: string;
  code: string;
  message: string;
  start: number;
  end: number;
}

function compileError(expression: string): ExpressionError {
  try {
    compileExpression(expression);
  } catch (error) {
    assert.ok(
      error instanceof ExpressionError,
      `expected an ExpressionError, got ${String(error)}`,
    );
    return error;
  }
  assert.fail(`expected ${JSON.stringify(expression)} to fail`);
}

describe('parseExpression: well-formed expressions (fixtures/parse-ok.json)', () => {
  const cases: ParseCase[] = load('parse-ok.json');
  for (const c of cases) {
    test(c.name, () => {
      const ast = parseExpression(c.expression);
      if (c.ast !== undefined) assert.deepEqual(withoutSpans(ast), c.ast);
      assert.equal(printExpression(ast), c.printed);
      assert.deepEqual(withoutSpans(parseExpression(c.printed)), withoutSpans(ast));
      compileExpression(c.expression);
    });
  }
});

describe('compileExpression: errors with spans (fixtures/compile-errors.json)', () => {
  const cases: ErrorCase[] = load('compile-errors.json');
  for (const c of cases) {
    test(c.name, () => {
      const error = compileError(c.expression);
      assert.equal(error.message, c.message);
      assert.deepEqual(
        { code: error.code, start: error.start, end: error.end },
        { code: c.code, start: c.start, end: c.end },
      );
    });
  }
});

describe('limits', () => {
  const filler = (length: number) => {
    const head = 'Join(" ", "';
    return `${head}${'x'.repeat(length - head.length - 2)}")`;
  };

  test('an expression of exactly 10,000 characters compiles', () => {
    const text = filler(expressionLimits.maxExpressionLength);
    assert.equal(text.length, 10_000);
    assert.equal(compileExpression(text).text, text);
  });

  test('10,001 characters are refused, pointing past the limit', () => {
    const error = compileError(filler(10_001));
    assert.equal(error.code, 'tooLong');
    assert.equal(
      error.message,
      'expression is 10,001 characters long; the limit is 10,000 at 10000',
    );
    assert.deepEqual(error.span, { start: 10_000, end: 10_001 });
  });

  test('the length is checked before parsing, so even garbage is refused as too long', () => {
    assert.equal(compileError('@'.repeat(20_000)).code, 'tooLong');
  });

  test('nesting beyond the depth limit is refused at the innermost name', () => {
    const depth = expressionLimits.maxNestingDepth + 1;
    const text = `${'ToLower('.repeat(depth)}[a]${')'.repeat(depth)}`;
    const error = compileError(text);
    assert.equal(error.code, 'tooDeep');
    assert.equal(error.start, (depth - 1) * 'ToLower('.length);
    const ok = `${'ToLower('.repeat(depth - 1)}[a]${')'.repeat(depth - 1)}`;
    compileExpression(ok);
  });
});

describe('renderCaret', () => {
  test('underlines the span', () => {
    assert.equal(renderCaret('Jion(" ", [a])', { start: 0, end: 4 }), 'Jion(" ", [a])\n^^^^');
  });
  test('an empty span at the end still shows one caret', () => {
    assert.equal(
      renderCaret('Join(" ", [a]', { start: 13, end: 13 }),
      'Join(" ", [a]\n             ^',
    );
  });
  test('shows only the line of a multi-line expression', () => {
    const text = 'Switch([a], ,\n  "1", Jion("x"),\n  "0", "n")';
    const start = text.indexOf('Jion');
    assert.equal(renderCaret(text, { start, end: start + 4 }), '  "1", Jion("x"),\n       ^^^^');
  });
  test('cuts a long line to a window around the span', () => {
    const text = `Join(" ", "${'x'.repeat(300)}", Jion([a]))`;
    const start = text.indexOf('Jion');
    const [line, carets] = renderCaret(text, { start, end: start + 4 }).split('\n');
    assert.ok(line!.startsWith('…'));
    assert.ok(line!.length <= 102);
    assert.equal(line!.slice(carets!.indexOf('^'), carets!.indexOf('^') + 4), 'Jion');
  });
  test('renders the error from compileExpression', () => {
    const error = compileError('Join(" ", [a] [b])');
    assert.equal(
      renderCaret('Join(" ", [a] [b])', error.span),
      'Join(" ", [a] [b])\n              ^^^',
    );
  });
});
