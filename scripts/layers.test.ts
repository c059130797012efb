import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkLayers, findImports } from './layers.ts';

const check = (file: string, source: string) => checkLayers(new Map([[file, source]]));

test('findImports sees static, re-export, side-effect and dynamic imports, not comments or templates', () => {
  const source = [
    "import { a } from './a.ts';",
    "import type { B } from '../b/index.ts';",
    "export * from './c.ts';",
    "import './d.ts';",
    "const e = await import('./e.ts');",
    "// import { x } from '../store/sqlite/x.ts';",
    '/* import "../engine/index.ts" */',
    "const s = `import { y } from '../api/index.ts'`;",
    "const url = 'http://example.test/import';",
  ].join('\n');
  assert.deepEqual(findImports(source).sort(), [
    '../b/index.ts',
    './a.ts',
    './c.ts',
    './d.ts',
    './e.ts',
  ]);
});

test('a pure ring importing the store is caught, naming file and import', () => {
  const [v] = check('src/scim/filter/parse.ts', "import { Store } from '../../store/store.ts';");
  assert.equal(v?.file, 'src/scim/filter/parse.ts');
  assert.equal(v?.specifier, '../../store/store.ts');
  assert.match(v?.reason ?? '', /src\/scim may not import src\/store/);
});

test('a pure ring importing an npm package or an I/O built-in is caught; its tests may', () => {
  assert.equal(check('src/sync/plan.ts', "import pino from 'pino';").length, 1);
  assert.equal(check('src/expressions/now.ts', "import fs from 'node:fs';").length, 1);
  assert.equal(check('src/scim/filter/parse.test.ts', "import fc from 'fast-check';").length, 0);
  assert.equal(check('src/scim/errors.ts', "import { inspect } from 'node:util';").length, 0);
});

test('outer rings import inner ones only through index.ts; ring 2 sees only the store port', () => {
  assert.equal(check('src/engine/cycle.ts', "import { x } from '../scim/index.ts';").length, 0);
  assert.equal(
    check('src/engine/cycle.ts', "import { x } from '../scim/filter/parse.ts';").length,
    1,
  );
  assert.equal(
    check('src/engine/cycle.ts', "import type { Store } from '../store/store.ts';").length,
    0,
  );
  assert.equal(
    check('src/engine/cycle.ts', "import { s } from '../store/sqlite/index.ts';").length,
    1,
  );
  assert.equal(
    check('src/engine/cycle.ts', "import { d } from '../directory/index.ts';").length,
    1,
  );
  assert.equal(check('src/api/routes.ts', "import { d } from '../directory/index.ts';").length, 0);
  assert.equal(check('src/cli/tenant.ts', "import { a } from '../api/index.ts';").length, 1);
});

test('only compose.ts and main.ts may name anything; nobody imports them', () => {
  assert.equal(check('src/compose.ts', "import { s } from './store/sqlite/index.ts';").length, 0);
  assert.equal(check('src/main.ts', "import { c } from './compose.ts';").length, 0);
  assert.equal(check('src/api/server.ts', "import { c } from '../compose.ts';").length, 1);
  assert.equal(check('src/unknown/x.ts', "import { c } from '../scim/index.ts';").length, 1);
});
