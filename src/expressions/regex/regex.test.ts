import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { compileRegex } from './compile-regex.ts';
import { expandSubstitution, parseSubstitution } from './substitution.ts';
import { translateRegex } from './translate-regex.ts';

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

describe('.NET patterns in JavaScript (fixtures/translate.json)', () => {
  const cases: { pattern: string; source?: string; flags?: string; refused?: string }[] =
    load('translate.json');
  for (const c of cases) {
    test(c.pattern, () => {
      const compiled = compileRegex(c.pattern);
      if (c.refused !== undefined) {
        assert.equal(typeof compiled, 'string', `expected ${c.pattern} to be refused`);
        assert.ok(String(compiled).includes(c.refused), String(compiled));
        return;
      }
      assert.deepEqual(translateRegex(c.pattern), { source: c.source, flags: c.flags });
      assert.ok(compiled instanceof RegExp, String(compiled));
    });
  }
});

describe('.NET replacement strings (fixtures/substitution.json)', () => {
  const cases: { pattern: string; input: string; replacement: string; expected: string }[] =
    load('substitution.json');
  for (const c of cases) {
    test(`${c.replacement} on ${c.input}`, () => {
      const regex = compileRegex(c.pattern);
      assert.ok(regex instanceof RegExp);
      const parts = parseSubstitution(c.replacement);
      let out = '';
      let copied = 0;
      for (const match of c.input.matchAll(regex)) {
        out += c.input.slice(copied, match.index) + expandSubstitution(parts, match, c.input);
        copied = match.index + match[0].length;
      }
      assert.equal(out + c.input.slice(copied), c.expected);
    });
  }
});

describe('compiled once', () => {
  test('the same pattern gives the same RegExp object', () => {
    assert.equal(compileRegex('[0-9]+x'), compileRegex('[0-9]+x'));
  });
});
