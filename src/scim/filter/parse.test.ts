import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ScimError } from '../errors.ts';
import type { FilterNode } from './ast.ts';
import { parseFilter } from './parse.ts';
import { stringifyFilter } from './stringify.ts';

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

interface Example {
  filter: string;
  ast: FilterNode;
  canonical?: string;
}

const rfcExamples: Example[] = load('rfc-examples.json');
const entraShapes: (Example & { shape: string })[] = load('entra-shapes.json');
const invalid: { filter: string; position: number; contains: string }[] =
  load('invalid-filters.json');

function assertInvalid(run: () => unknown, scimType: string, position: number, contains: string) {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ScimError, `expected a ScimError, got ${String(error)}`);
    assert.equal(error.status, 400);
    assert.equal(error.scimType, scimType);
    assert.match(error.detail, new RegExp(`at position ${position} in `));
    assert.ok(error.detail.includes(contains), `${error.detail} should contain ${contains}`);
    return true;
  });
}

describe('parseFilter: RFC 7644 §3.4.2.2 examples', () => {
  assert.equal(rfcExamples.length, 17);
  for (const example of rfcExamples) {
    test(example.filter, () => {
      const ast = parseFilter(example.filter);
      assert.deepEqual(ast, example.ast);
      const text = stringifyFilter(ast);
      assert.equal(text, example.canonical ?? example.filter);
      assert.deepEqual(parseFilter(text), ast);
    });
  }
});

describe('parseFilter: Entra shapes', () => {
  for (const shape of entraShapes) {
    test(shape.shape, () => {
      const ast = parseFilter(shape.filter);
      assert.deepEqual(ast, shape.ast);
      assert.equal(stringifyFilter(ast), shape.canonical ?? shape.filter);
      assert.deepEqual(parseFilter(stringifyFilter(ast)), ast);
    });
  }
});

describe('parseFilter: invalid filters → 400 invalidFilter with the position', () => {
  for (const { filter, position, contains } of invalid) {
    test(JSON.stringify(filter), () => {
      assertInvalid(() => parseFilter(filter), 'invalidFilter', position, contains);
      try {
        parseFilter(filter);
      } catch (error) {
        assert.ok((error as ScimError).detail.includes(`in filter ${JSON.stringify(filter)}`));
      }
    });
  }
});

const cmp = (name: string, op: string, value: unknown, subAttr?: string) => ({
  kind: 'compare',
  path: subAttr === undefined ? { name } : { name, subAttr },
  op,
  value,
});
const pr = (name: string) => ({ kind: 'present', path: { name } });

describe('parseFilter: syntax details', () => {
  const table: [string, unknown][] = [
    ['UserName EQ "x"', cmp('UserName', 'eq', 'x')],
    [
      'a pr OR b pr AND c pr',
      { kind: 'or', left: pr('a'), right: { kind: 'and', left: pr('b'), right: pr('c') } },
    ],
    [
      'a pr and b pr or c pr',
      { kind: 'or', left: { kind: 'and', left: pr('a'), right: pr('b') }, right: pr('c') },
    ],
    [
      'a pr or b pr or c pr',
      { kind: 'or', left: { kind: 'or', left: pr('a'), right: pr('b') }, right: pr('c') },
    ],
    [
      'a pr or (b pr or c pr)',
      { kind: 'or', left: pr('a'), right: { kind: 'or', left: pr('b'), right: pr('c') } },
    ],
    [
      'NOT (a pr) and b pr',
      { kind: 'and', left: { kind: 'not', filter: pr('a') }, right: pr('b') },
    ],
    ['not(not(a pr))', { kind: 'not', filter: { kind: 'not', filter: pr('a') } }],
    ['((a pr))', pr('a')],
    ['a eq 42', cmp('a', 'eq', 42)],
    ['a ge -1.5e3', cmp('a', 'ge', -1500)],
    ['a eq true', cmp('a', 'eq', true)],
    ['a eq false', cmp('a', 'eq', false)],
    ['a eq null', cmp('a', 'eq', null)],
    ['a eq True', cmp('a', 'eq', 'True')],
    ['a eq 00123', cmp('a', 'eq', '00123')],
    ['a eq "\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00"', cmp('a', 'eq', '"\\/\b\f\n\r\té😀')],
    ['a eq "\\ud800"', cmp('a', 'eq', '\ud800')],
    ['a eq "é 日本"', cmp('a', 'eq', 'é 日本')],
    ['groups.$ref pr', { kind: 'present', path: { name: 'groups', subAttr: '$ref' } }],
    ['x-custom_attr2 pr', pr('x-custom_attr2')],
    [
      'emails[type eq "work"]',
      { kind: 'valuePath', path: { name: 'emails' }, filter: cmp('type', 'eq', 'work') },
    ],
    [
      'emails[not (type eq "work")]',
      {
        kind: 'valuePath',
        path: { name: 'emails' },
        filter: { kind: 'not', filter: cmp('type', 'eq', 'work') },
      },
    ],
    ['\tuserName  eq\n"x" ', cmp('userName', 'eq', 'x')],
    ['(a pr)and(b pr)', { kind: 'and', left: pr('a'), right: pr('b') }],
    ['userName eq"x"', cmp('userName', 'eq', 'x')],
    [
      'emails[type eq "work" or type eq "home"].value pr',
      {
        kind: 'valuePath',
        path: { name: 'emails' },
        filter: {
          kind: 'and',
          left: { kind: 'or', left: cmp('type', 'eq', 'work'), right: cmp('type', 'eq', 'home') },
          right: pr('value'),
        },
      },
    ],
    [
      'http://schemas.example.com/2.0/Group:displayName pr',
      {
        kind: 'present',
        path: { uri: 'http://schemas.example.com/2.0/Group', name: 'displayName' },
      },
    ],
  ];
  for (const [filter, expected] of table) {
    test(filter, () => {
      const ast = parseFilter(filter);
      assert.deepEqual(ast, expected);
      assert.deepEqual(parseFilter(stringifyFilter(ast)), ast);
    });
  }

  test('-0 keeps its sign through stringify', () => {
    const ast = parseFilter('a eq -0');
    assert.ok(Object.is((ast as { value: number }).value, -0));
    assert.equal(stringifyFilter(ast), 'a eq -0');
  });
});

describe('parseFilter: limits stop hostile input with invalidFilter', () => {
  const noLength = { maxLength: Number.POSITIVE_INFINITY };
  const cases: [string, () => unknown, string][] = [
    [
      '100k-character filter',
      () => parseFilter(`userName eq "${'a'.repeat(100_000)}"`),
      'longer than 10000',
    ],
    [
      '10k nested parentheses',
      () => parseFilter(`${'('.repeat(10_000)}a pr${')'.repeat(10_000)}`),
      'longer than 10000',
    ],
    [
      '10k nested parentheses, length limit lifted',
      () => parseFilter(`${'('.repeat(10_000)}a pr${')'.repeat(10_000)}`, noLength),
      'Nesting deeper than 32',
    ],
    [
      '10k nested not, length limit lifted',
      () => parseFilter(`${'not ('.repeat(10_000)}a pr${')'.repeat(10_000)}`, noLength),
      'Nesting deeper than 32',
    ],
    [
      '10k or terms',
      () => parseFilter(Array(10_000).fill('a pr').join(' or ')),
      'longer than 10000',
    ],
    [
      '10k or terms, length limit lifted',
      () => parseFilter(Array(10_000).fill('a pr').join(' or '), noLength),
      'More than 200 comparisons',
    ],
    [
      '10k and terms in a value filter',
      () => parseFilter(`emails[${Array(10_000).fill('value pr').join(' and ')}]`, noLength),
      'More than 200 comparisons',
    ],
    [
      'an unterminated 1M-character string',
      () => parseFilter(`a eq "${'x'.repeat(1_000_000)}`, noLength),
      'Unterminated string',
    ],
    [
      'custom limits',
      () => parseFilter('a pr or b pr or c pr', { maxTerms: 2 }),
      'More than 2 comparisons',
    ],
  ];
  for (const [name, run, contains] of cases) {
    test(name, () => {
      assert.throws(run, (error: unknown) => {
        assert.ok(error instanceof ScimError);
        assert.equal(error.scimType, 'invalidFilter');
        assert.ok(error.detail.includes(contains), error.detail);
        assert.ok(error.detail.length < 600, 'the detail stays short');
        return true;
      });
    });
  }

  test('exactly at the limits parses', () => {
    parseFilter(`${'('.repeat(32)}a pr${')'.repeat(32)}`);
    parseFilter(Array(200).fill('a pr').join(' or '));
    parseFilter(`a eq "${'x'.repeat(10_000 - 7)}"`);
  });
});
