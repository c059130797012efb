import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { ArgumentNode, CompareOperator, ExpressionNode, OperandNode } from './ast.ts';
import { compileExpression } from './compile.ts';
import { evaluate } from './evaluate.ts';
import { ExpressionError } from './expression-error.ts';
import { withoutSpans } from './fixture-case.ts';
import { listFunctions } from './list-functions.ts';
import { parseExpression } from './parse.ts';
import { printExpression } from './print.ts';
import type { AttributeValue } from './values.ts';

const span = { start: 0, end: 0 };
const operators: CompareOperator[] = ['=', '<>', '<', '<=', '>', '>='];

// ---- Any syntactically valid tree (function names need not exist) ----

const attributeName = fc
  .stringMatching(/^[A-Za-z_][A-Za-z0-9_.: -]{0,12}$/)
  .map((name) => name.trim())
  .filter((name) => name !== '');
const leaf = (names: fc.Arbitrary<string>): fc.Arbitrary<OperandNode> =>
  fc.oneof(
    names.map((name) => ({ kind: 'attribute' as const, name, span })),
    fc
      .oneof(
        fc.string(),
        fc.string({ unit: 'grapheme' }),
        fc.constantFrom('\\', '"', '\\"', '\\\\d', ''),
      )
      .map((value) => ({ kind: 'string' as const, value, span })),
    fc
      .integer({ min: -1e9, max: 1e12 })
      .map((value) => ({ kind: 'number' as const, value, hex: false, span })),
    fc
      .integer({ min: -99_999, max: 99_999 })
      .map((n) => ({ kind: 'number' as const, value: n / 100, hex: false, span })),
    fc.maxSafeNat().map((n) => ({ kind: 'number' as const, value: n % 2 ** 52, hex: true, span })),
    fc
      .constantFrom('vbBinaryCompare', 'vbTextCompare', 'VBTEXTCOMPARE')
      .map((name) => ({ kind: 'name' as const, name, span })),
  );

/** A call's arguments; a lone empty argument cannot be written (`f()` has none), so it is avoided. */
const fixArgs = (args: ArgumentNode[]): ArgumentNode[] =>
  args.length === 1 && args[0]!.kind === 'empty' ? [] : args;

interface Callee {
  name: string;
  minArgs: number;
  maxArgs: number | null;
}

function trees(callees: fc.Arbitrary<Callee>, names: fc.Arbitrary<string>) {
  return fc.letrec<{ expression: ExpressionNode; operand: OperandNode; argument: ArgumentNode }>(
    (tie) => ({
      operand: fc.oneof(
        { depthSize: 'small', maxDepth: 4 },
        leaf(names),
        callees.chain(({ name, minArgs, maxArgs }) =>
          fc
            .array(tie('argument') as fc.Arbitrary<ArgumentNode>, {
              minLength: minArgs,
              maxLength: Math.min(maxArgs ?? minArgs + 3, minArgs + 3),
            })
            .map((args) => ({
              kind: 'call' as const,
              name,
              args: fixArgs(args),
              span,
              nameSpan: span,
            })),
        ),
      ),
      expression: fc.oneof(
        tie('operand') as fc.Arbitrary<OperandNode>,
        fc.record({
          kind: fc.constant('compare' as const),
          op: fc.constantFrom(...operators),
          left: tie('operand') as fc.Arbitrary<OperandNode>,
          right: tie('operand') as fc.Arbitrary<OperandNode>,
          span: fc.constant(span),
        }),
      ),
      argument: fc.oneof(
        { weight: 5, arbitrary: tie('expression') as fc.Arbitrary<ExpressionNode> },
        { weight: 1, arbitrary: fc.constant({ kind: 'empty' as const, span }) },
      ),
    }),
  ).expression;
}

const anyTree = trees(
  fc
    .stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,10}$/)
    .map((name) => ({ name, minArgs: 0, maxArgs: 5 })),
  attributeName,
);

/** Every node of a parsed tree with its source text, to check spans. */
function* nodes(node: ArgumentNode): Generator<ArgumentNode> {
  yield node;
  if (node.kind === 'call') for (const arg of node.args) yield* nodes(arg);
  if (node.kind === 'compare') {
    yield* nodes(node.left);
    yield* nodes(node.right);
  }
}

describe('parse ∘ print', () => {
  test('printing a tree and parsing the text gives the tree back', () => {
    fc.assert(
      fc.property(anyTree, (tree) => {
        const text = printExpression(tree);
        assert.deepEqual(withoutSpans(parseExpression(text)), withoutSpans(tree), text);
      }),
      { numRuns: 1000 },
    );
  });

  test('the span of every parsed node, parsed alone, gives that node', () => {
    fc.assert(
      fc.property(anyTree, (tree) => {
        const text = printExpression(tree);
        for (const node of nodes(parseExpression(text))) {
          if (node.kind === 'empty') continue;
          const alone = text.slice(node.span.start, node.span.end);
          assert.deepEqual(withoutSpans(parseExpression(alone)), withoutSpans(node), alone);
        }
      }),
      { numRuns: 300 },
    );
  });
});

// ---- Well-formed expressions of real functions over arbitrary objects ----

const pool = [
  'givenName',
  'surname',
  'mail',
  'proxyAddresses',
  'appRoleAssignments',
  'n',
  'flag',
  'when',
  'IsSoftDeleted',
];
const callees = fc.constantFrom(...listFunctions());
const attributeValue: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    'True',
    'false',
    '2021-06-30+08:00',
    '8/25/2021 5:41:18 PM',
    '129699324000000000',
    '&HF7',
    '-3',
    'a,b, c',
  ),
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.date(),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 4 }),
  fc.array(
    fc.record({
      id: fc.uuid(),
      value: fc.option(fc.string()),
      displayName: fc.option(fc.string()),
    }),
    { maxLength: 3 },
  ),
);
const attributes = fc.dictionary(fc.constantFrom(...pool), attributeValue);

describe('evaluate never throws', () => {
  test('every compiled expression gives a result, and failures are typed evaluation errors', () => {
    const realTree = trees(callees, fc.constantFrom(...pool));
    let evaluated = 0;
    fc.assert(
      fc.property(
        realTree,
        attributes,
        fc.boolean(),
        fc.integer(),
        (tree, attrs, softDeleted, seed) => {
          let compiled: ReturnType<typeof compileExpression>;
          try {
            compiled = compileExpression(printExpression(tree));
          } catch (error) {
            if (error instanceof ExpressionError) return;
            throw error;
          }
          let state = seed;
          const result = evaluate(compiled, {
            attributes: attrs,
            isSoftDeleted: softDeleted,
            now: () => new Date('2024-02-29T12:00:00Z'),
            randomInt: (max) => {
              state = (state * 1_103_515_245 + 12_345) >>> 0;
              return state % max;
            },
          });
          evaluated++;
          assert.ok(['value', 'noValue', 'ignoreFlow', 'error'].includes(result.kind));
          if (result.kind === 'error') {
            assert.ok(
              !result.error.message.startsWith('internal error'),
              `${compiled.text}: ${result.error.message}`,
            );
            assert.ok(result.error.start >= 0 && result.error.end <= compiled.text.length);
          }
        },
      ),
      { numRuns: 3000 },
    );
    assert.ok(evaluated > 1000, `only ${evaluated} of 3000 generated expressions compiled`);
  });
});

// ---- Function invariants ----

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
const value = (expression: string, attrs: Record<string, AttributeValue>) => {
  const result = evaluate(compileExpression(expression), { attributes: attrs });
  assert.equal(result.kind, 'value', `${expression}: ${JSON.stringify(result)}`);
  return result.kind === 'value' ? result.value : undefined;
};

describe('case mapping', () => {
  for (const fn of ['ToLower', 'ToUpper']) {
    for (const culture of ['', 'tr-TR', 'de-DE']) {
      test(`${fn}(${fn}(x)) = ${fn}(x)${culture ? ` in ${culture}` : ''}, and the length is kept`, () => {
        fc.assert(
          fc.property(text, (x) => {
            const once = value(`${fn}([x], "${culture}")`, { x });
            assert.equal(value(`${fn}([x], "${culture}")`, { x: once }), once);
            assert.equal([...String(once)].length, [...x].length);
          }),
          { numRuns: 300 },
        );
      });
    }
  }
});

describe('Join and Split', () => {
  const part = fc
    .stringMatching(/^[a-z0-9][a-z0-9 ]{0,8}$/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const separator = fc.stringMatching(/^[,;|/#-]{1,3}$/);

  test('Split(Join(sep, parts…), sep) = parts, for trimmed non-empty parts without the separator', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), separator, (parts, sep) => {
        const attrs: Record<string, AttributeValue> = { sep };
        const refs = parts.map((p, i) => {
          attrs[`p${i}`] = p;
          return `[p${i}]`;
        });
        assert.deepEqual(value(`Split(Join([sep], ${refs.join(', ')}), [sep])`, attrs), parts);
      }),
    );
  });

  test('Join(sep, Split(s, sep)) = s when s has no empty or padded parts', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 6 }), separator, (parts, sep) => {
        const s = parts.join(sep);
        assert.equal(value('Join([sep], Split([s], [sep]))', { s, sep }), s);
      }),
    );
  });
});

describe('dates', () => {
  test('CDate reads back what DateTime values print as', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('0100-01-01T00:00:00Z'),
          max: new Date('9999-12-31T23:59:59Z'),
          noInvalidDate: true,
        }),
        (date) => {
          const seconds = new Date(Math.floor(date.getTime() / 1000) * 1000);
          assert.deepEqual(value('CDate(CStr([d]))', { d: seconds }), seconds);
        },
      ),
    );
  });

  test('NumFromDate and DateFromNum are inverse to the second', () => {
    fc.assert(
      fc.property(fc.integer({ min: -11_644_473_599, max: 253_402_300_799 }), (unixSeconds) => {
        const date = new Date(unixSeconds * 1000);
        assert.deepEqual(value('DateFromNum(NumFromDate([d]))', { d: date }), date);
      }),
    );
  });
});
