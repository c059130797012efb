import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { compileExpression } from './compile.ts';
import { evaluate } from './evaluate.ts';
import { checkCase, type FixtureCase } from './fixture-case.ts';
import { listFunctions } from './list-functions.ts';

const load = (name: string): FixtureCase[] =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

for (const [file, title] of [
  [
    'entra-defaults.json',
    'the default mappings of the generic SCIM template (entra-scim-contract.md)',
  ],
  ['null-handling.json', 'null handling, one row per function and mode'],
] as const) {
  describe(`${title} (fixtures/${file})`, () => {
    for (const c of load(file)) {
      test(c.name, () => assert.deepEqual(checkCase(c), [], c.expression));
    }
  });
}

const run = (text: string, attributes: Record<string, unknown> = {}, more: object = {}) =>
  evaluate(compileExpression(text), { attributes: attributes as never, ...more });

describe('evaluate: outcomes as data', () => {
  test('a failing function names itself and its span; the caller is not blamed', () => {
    const text = 'Append(Mid([a], 0, 1), "x")';
    const result = run(text, { a: 'abc' });
    assert.equal(result.kind, 'error');
    if (result.kind !== 'error') return;
    assert.equal(result.error.function, 'Mid');
    assert.equal(text.slice(result.error.start, result.error.end), 'Mid([a], 0, 1)');
  });

  test('a comparison that fails points at the comparison', () => {
    const text = 'IIF([list] = "a", 1, 2)';
    const result = run(text, { list: ['a', 'b'] });
    assert.equal(result.kind, 'error');
    if (result.kind !== 'error') return;
    assert.equal(text.slice(result.error.start, result.error.end), '[list] = "a"');
    assert.match(result.error.message, /expects a single value/);
  });

  test('a broken clock or random source is an evaluation error, never a throw', () => {
    assert.equal(run('Now()', {}, { now: () => new Date(Number.NaN) }).kind, 'error');
    assert.equal(run('Guid()', {}, { randomInt: () => 300 }).kind, 'error');
    const thrown = run(
      'Guid()',
      {},
      {
        randomInt: () => {
          throw new Error('entropy ran out');
        },
      },
    );
    assert.equal(thrown.kind, 'error');
    if (thrown.kind === 'error')
      assert.match(thrown.error.message, /internal error: entropy ran out/);
  });

  test('regexes refuse inputs over the length limit', () => {
    const result = run('Replace([a], , "b", , "c", , )', { a: 'x'.repeat(10_001) });
    assert.equal(result.kind, 'error');
    if (result.kind === 'error') assert.match(result.error.message, /at most 10000/);
  });

  test('DateTime results stay Date values for the engine to format per target', () => {
    const result = run('DateAdd("d", 1, CDate("2021-01-01"))');
    assert.equal(result.kind, 'value');
    if (result.kind === 'value') assert.deepEqual(result.value, new Date('2021-01-02T00:00:00Z'));
  });

  test('SelectUniqueValue hands its candidates to the engine', () => {
    const result = run('SelectUniqueValue([a], Join("", [a], "1"), Join("", [a], "2"))', {
      a: 'ann',
    });
    assert.deepEqual(result, {
      kind: 'value',
      value: 'ann',
      redacted: false,
      candidates: ['ann', 'ann1', 'ann2'],
    });
  });
});

describe('evaluate: the context', () => {
  test('exact spelling first, then case-insensitive', () => {
    const attributes = { mail: 'lower', MAIL: 'upper' };
    assert.deepEqual(run('[MAIL]', attributes), { kind: 'value', value: 'upper', redacted: false });
    assert.deepEqual(run('[Mail]', attributes), { kind: 'value', value: 'lower', redacted: false });
  });

  test('context isSoftDeleted wins over an attribute of that name', () => {
    const result = run('[IsSoftDeleted]', { IsSoftDeleted: false }, { isSoftDeleted: true });
    assert.deepEqual(result, { kind: 'value', value: true, redacted: false });
  });

  test('undefined, NaN and invalid dates read as null; null list entries are dropped', () => {
    const attributes = { a: undefined, b: Number.NaN, c: new Date('nope'), d: ['x', null, 'y'] };
    assert.equal(run('Coalesce([a], [b], [c])', attributes).kind, 'noValue');
    assert.deepEqual(run('Count([d])', attributes), { kind: 'value', value: 2, redacted: false });
  });

  test('one compiled expression serves many objects', () => {
    const compiled = compileExpression('ToUpper(Left([givenName], 1))');
    const names = ['ann', 'bob', 'cy'].map((givenName) =>
      evaluate(compiled, { attributes: { givenName } }),
    );
    assert.deepEqual(
      names.map((r) => (r.kind === 'value' ? r.value : r.kind)),
      ['A', 'B', 'C'],
    );
  });

  test('the default random source is usable', () => {
    const result = run('RandomString(16, 4, 4, 4, 4)');
    assert.equal(result.kind, 'value');
    if (result.kind === 'value') assert.equal(String(result.value).length, 16);
  });
});

describe('compileExpression: what the engine learns', () => {
  test('the attributes read, first spelling of each, and the outermost function', () => {
    const compiled = compileExpression(
      'IIF([Country] = "USA", [country], Join(" ", [state], [city]))',
    );
    assert.deepEqual(compiled.attributes, ['Country', 'state', 'city']);
    assert.equal(compiled.rootFunction, 'IIF');
    assert.equal(compileExpression('[mail]').rootFunction, null);
    assert.equal(
      compileExpression('assertiveapproleassignmentscomplex([appRoleAssignments])').rootFunction,
      'AssertiveAppRoleAssignmentsComplex',
    );
  });
});

describe('listFunctions', () => {
  const functions = listFunctions();
  test('every function of the reference, once, with arity and a one-line description', () => {
    assert.equal(functions.length, 44);
    assert.equal(new Set(functions.map((f) => f.name.toLowerCase())).size, 44);
    for (const f of functions) {
      assert.ok(f.description.length > 0 && !f.description.includes('\n'), f.name);
      assert.ok(f.signature.startsWith(`${f.name}(`), f.name);
      assert.ok(f.maxArgs === null || f.maxArgs >= f.minArgs, f.name);
    }
  });
  test('the arity the editor shows is the arity the compiler checks', () => {
    for (const f of functions) {
      const args = Array.from({ length: f.minArgs }, () => '[a]');
      const call = `${f.name}(${args.join(', ')})`;
      try {
        compileExpression(call);
      } catch (error) {
        assert.notEqual((error as { code?: string }).code, 'arity', call);
      }
    }
  });
});
