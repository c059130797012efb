import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonErrorPosition } from './json-error-position.ts';

describe('jsonErrorPosition', () => {
  const cases: [string, number][] = [
    ['{"active": tru}', 14],
    ['{x}', 1],
    ['[1,2', 4],
    ['', 0],
    ['{"a":1} x', 8],
    ['{"a":"b', 7],
    ['[1,]', 3],
    ['{"a": [1, {"b": fals}]}', 20],
    ['{"a": 01}', 7],
  ];
  for (const [text, position] of cases) {
    it(`${JSON.stringify(text)} → ${position}`, () => {
      assert.throws(() => JSON.parse(text));
      assert.equal(jsonErrorPosition(text), position);
    });
  }
});
