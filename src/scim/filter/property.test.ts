import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { ScimResource } from '../resource/types.ts';
import type { AttrPath, CompareOperator, FilterLiteral, FilterNode } from './ast.ts';
import { evaluateFilter } from './evaluate.ts';
import { coreUserUrn, enterpriseUrn, testExtensionUrn, userSchema } from './fixture-schema.ts';
import { parseFilter } from './parse.ts';
import { parsePatchPath } from './patch-path.ts';
import { stringifyFilter, stringifyPatchPath } from './stringify.ts';

/** fast-check may build null-prototype records; deepStrictEqual compares prototypes. */
const plain = <T>(value: T): T => structuredClone(value);

const operators: CompareOperator[] = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'];

// ---- Any syntactically valid AST (names need not exist in a schema) ----

const name = fc
  .oneof(
    fc.constantFrom('userName', 'emails', 'value', '$ref', 'x-y_z9', 'pr', 'and', 'eq', 'OR'),
    fc.stringMatching(/^[A-Za-z$][A-Za-z0-9_$-]{0,8}$/),
  )
  .filter((n) => n.toLowerCase() !== 'not');
const uri = fc.constantFrom(
  coreUserUrn,
  enterpriseUrn,
  'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group',
  'urn:a',
  'urn:x.y:1.0',
);
const attrPath: fc.Arbitrary<AttrPath> = fc.record(
  { uri, name, subAttr: name },
  { requiredKeys: ['name'] },
);
const literal: fc.Arbitrary<FilterLiteral> = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);

function attrExpressions(path: fc.Arbitrary<AttrPath>): fc.Arbitrary<FilterNode> {
  return fc.oneof(
    fc.record({
      kind: fc.constant('compare' as const),
      path,
      op: fc.constantFrom(...operators),
      value: literal,
    }),
    fc.record({ kind: fc.constant('present' as const), path }),
  );
}

function logic<T extends string>(
  tie: (key: T) => fc.Arbitrary<unknown>,
  self: T,
  leaf: fc.Arbitrary<FilterNode>,
) {
  const node = tie(self) as fc.Arbitrary<FilterNode>;
  return [
    leaf,
    fc.record({ kind: fc.constant('and' as const), left: node, right: node }),
    fc.record({ kind: fc.constant('or' as const), left: node, right: node }),
    fc.record({ kind: fc.constant('not' as const), filter: node }),
  ];
}

const { anyFilter } = fc.letrec<{ anyFilter: FilterNode; inner: FilterNode }>((tie) => ({
  anyFilter: fc.oneof(
    { depthSize: 'small', maxDepth: 5 },
    ...logic(tie, 'anyFilter', attrExpressions(attrPath)),
    fc.record({
      kind: fc.constant('valuePath' as const),
      path: fc.record({ uri, name }, { requiredKeys: ['name'] }),
      filter: tie('inner') as fc.Arbitrary<FilterNode>,
    }),
  ),
  inner: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    ...logic(tie, 'inner', attrExpressions(fc.record({ name }))),
  ),
}));

describe('properties: parse ∘ stringify = identity', () => {
  test('parseFilter(stringifyFilter(ast)) deep-equals ast', () => {
    fc.assert(
      fc.property(anyFilter.map(plain), (ast) => {
        assert.deepEqual(parseFilter(stringifyFilter(ast)), ast);
      }),
      { numRuns: 1000 },
    );
  });

  test('parsePatchPath(stringifyPatchPath(path)) deep-equals path', () => {
    const { inner } = fc.letrec<{ inner: FilterNode }>((tie) => ({
      inner: fc.oneof(
        { depthSize: 'small', maxDepth: 3 },
        ...logic(tie, 'inner', attrExpressions(fc.record({ name }))),
      ),
    }));
    const patchPath = fc.oneof(
      attrPath,
      fc.record({ uri, name, filter: inner, subAttr: name }, { requiredKeys: ['name', 'filter'] }),
    );
    fc.assert(
      fc.property(patchPath.map(plain), (path) => {
        assert.deepEqual(parsePatchPath(stringifyPatchPath(path)), path);
      }),
    );
  });
});

// ---- Well-typed filters over the test User schema, and generated users ----

const text = fc.constantFrom('a', 'A', 'b', 'work', 'home', 'x@example.com', '');
const instant = fc.constantFrom(
  '2011-05-13T04:42:34Z',
  '2011-05-13T05:42:34+01:00',
  '2020-01-01T00:00:00Z',
);
const number = fc.constantFrom(-1, 0, 2.5, 3, 10);
const ext = testExtensionUrn;

type Typed = {
  path: string;
  value: fc.Arbitrary<FilterLiteral>;
  ordered: boolean;
  single: boolean;
};
const typedPaths: Typed[] = [
  ...['userName', 'title', 'externalId', 'name.givenName', 'employeeNumber'].map((path) => ({
    path,
    value: text,
    ordered: true,
    single: true,
  })),
  ...[
    'emails',
    'emails.value',
    'emails.type',
    'ims.value',
    'manager',
    'schemas',
    `${ext}:tags`,
  ].map((path) => ({ path, value: text, ordered: true, single: false })),
  { path: 'active', value: fc.boolean(), ordered: false, single: true },
  { path: 'emails.primary', value: fc.boolean(), ordered: false, single: false },
  { path: 'meta.lastModified', value: instant, ordered: true, single: true },
  { path: `${ext}:level`, value: number, ordered: true, single: true },
  { path: `${ext}:score`, value: number, ordered: true, single: true },
];

const compareOn = (t: Typed) =>
  fc
    .tuple(
      fc.constantFrom(
        ...(t.ordered
          ? operators.filter((o) => !['co', 'sw', 'ew'].includes(o) || t.value === text)
          : (['eq', 'ne'] as const)),
      ),
      t.value,
    )
    .map(([op, value]) => `${t.path} ${op} ${JSON.stringify(value)}`);
const atom = fc.oneof(
  fc.constantFrom(...typedPaths).chain(compareOn),
  fc.constantFrom(...typedPaths).map((t) => `${t.path} pr`),
  fc.constantFrom(...typedPaths).map((t) => `${t.path} eq null`),
  fc
    .tuple(fc.constantFrom('type', 'value'), text)
    .map(([s, v]) => `emails[${s} eq ${JSON.stringify(v)}]`),
  fc
    .tuple(text, text)
    .map(([a, b]) => `emails[type eq ${JSON.stringify(a)} and value co ${JSON.stringify(b)}]`),
  text.map((v) => `${ext}:tags[value eq ${JSON.stringify(v)}]`),
);
const { typedFilter } = fc.letrec<{ typedFilter: string }>((tie) => ({
  typedFilter: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    atom,
    fc
      .tuple(tie('typedFilter'), fc.constantFrom('and', 'or'), tie('typedFilter'))
      .map(([a, op, b]) => `(${a}) ${op} (${b})`),
    tie('typedFilter').map((f) => `not (${f})`),
  ),
}));

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null, freq: 4 });
const element = fc.record(
  { value: maybe(text), type: maybe(text), primary: fc.boolean() },
  { requiredKeys: [] },
);
const user: fc.Arbitrary<ScimResource> = fc.record(
  {
    schemas: fc.subarray([coreUserUrn, enterpriseUrn, ext]),
    userName: text,
    title: maybe(text),
    externalId: text,
    active: fc.boolean(),
    name: fc.record({ givenName: text, familyName: text }, { requiredKeys: [] }),
    emails: fc.array(element, { maxLength: 3 }),
    ims: fc.array(element, { maxLength: 2 }),
    meta: fc.record({ lastModified: instant }, { requiredKeys: [] }),
    [enterpriseUrn]: fc.record(
      { employeeNumber: text, manager: fc.record({ value: text }) },
      { requiredKeys: [] },
    ),
    [ext]: fc.record(
      { level: number, score: number, tags: fc.array(text, { maxLength: 3 }) },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

const holds = (filter: string, resource: ScimResource) =>
  evaluateFilter(parseFilter(filter), resource, userSchema);

describe('properties: evaluation', () => {
  test('exactly one of f and not (f) matches', () => {
    fc.assert(
      fc.property(typedFilter, user, (filter, resource) => {
        const ast = parseFilter(filter);
        const yes = evaluateFilter(ast, resource, userSchema);
        const no = evaluateFilter({ kind: 'not', filter: ast }, resource, userSchema);
        assert.notEqual(yes, no);
      }),
      { numRuns: 500 },
    );
  });

  const singles = typedPaths.filter((t) => t.single);
  test('single-valued: ne is the negation of eq; pr is the negation of eq null', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...singles).chain((t) => fc.tuple(fc.constant(t.path), t.value)),
        user,
        ([path, value], resource) => {
          const v = JSON.stringify(value);
          assert.equal(holds(`${path} ne ${v}`, resource), !holds(`${path} eq ${v}`, resource));
          assert.equal(holds(`${path} pr`, resource), !holds(`${path} eq null`, resource));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('single-valued and present: gt xor le, ge xor lt', () => {
    const ordered = singles.filter((t) => t.ordered);
    fc.assert(
      fc.property(
        fc.constantFrom(...ordered).chain((t) => fc.tuple(fc.constant(t.path), t.value)),
        user,
        ([path, value], resource) => {
          fc.pre(holds(`${path} pr`, resource));
          const v = JSON.stringify(value);
          assert.notEqual(holds(`${path} gt ${v}`, resource), holds(`${path} le ${v}`, resource));
          assert.notEqual(holds(`${path} ge ${v}`, resource), holds(`${path} lt ${v}`, resource));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('emails[A and B] implies emails[A] and emails[B]; emails[A] equals emails.A for eq/co', () => {
    fc.assert(
      fc.property(text, text, fc.constantFrom('eq', 'co', 'sw'), user, (a, b, op, resource) => {
        const A = `type ${op} ${JSON.stringify(a)}`;
        const B = `value ${op} ${JSON.stringify(b)}`;
        if (holds(`emails[${A} and ${B}]`, resource))
          assert.ok(holds(`emails[${A}] and emails[${B}]`, resource));
        assert.equal(holds(`emails[${A}]`, resource), holds(`emails.${A}`, resource));
      }),
      { numRuns: 300 },
    );
  });
});
