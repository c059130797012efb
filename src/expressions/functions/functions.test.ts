import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { checkCase, type FixtureCase } from '../fixture-case.ts';
import { allFunctions } from '../registry.ts';

interface FunctionFixture {
  function: string;
  cases: FixtureCase[];
}

const directory = new URL('./fixtures/', import.meta.url);
const fixtures: FunctionFixture[] = readdirSync(directory)
  .filter((name) => name.endsWith('.json'))
  .map((name) => JSON.parse(readFileSync(new URL(name, directory), 'utf8')));

describe('every function has a fixture file with cases', () => {
  test('one fixture per function, named by the function', () => {
    const covered = fixtures.map((f) => f.function).sort();
    const all = allFunctions.map((f) => f.name).sort();
    assert.deepEqual(covered, all);
    for (const fixture of fixtures) assert.ok(fixture.cases.length > 0, fixture.function);
  });
});

for (const fixture of fixtures) {
  describe(`${fixture.function} (fixtures/${fixture.function})`, () => {
    for (const c of fixture.cases) {
      test(`[${c.origin}] ${c.name}`, () => {
        assert.deepEqual(checkCase(c), [], c.expression);
      });
    }
  });
}
