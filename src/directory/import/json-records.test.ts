import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type JsonRecord, parseJsonRecords } from './json-records.ts';

async function parse(chunks: string[] | string): Promise<JsonRecord[]> {
  const out: JsonRecord[] = [];
  for await (const r of parseJsonRecords(typeof chunks === 'string' ? [chunks] : chunks))
    out.push(r);
  return out;
}

const cases: {
  name: string;
  text: string;
  expected: (JsonRecord | { line: number; error: RegExp })[];
}[] = [
  {
    name: 'an array of objects, one per line',
    text: '[\n  {"a": 1},\n  {"a": "x, ] }"}\n]\n',
    expected: [
      { line: 2, value: { a: 1 } },
      { line: 3, value: { a: 'x, ] }' } },
    ],
  },
  {
    name: 'an object spread over lines starts on its first line; nested arrays and escapes',
    text: '[{"a": [1, {"b": "q\\"}"}],\n "c": 2},\n{"d": 3}]',
    expected: [
      { line: 1, value: { a: [1, { b: 'q"}' }], c: 2 } },
      { line: 3, value: { d: 3 } },
    ],
  },
  {
    name: 'a bad record fails alone; the next is read',
    text: '[\n{"a": 1},\n{"a": },\n{"a": 3}\n]',
    expected: [
      { line: 2, value: { a: 1 } },
      { line: 3, error: /^line 3: the record is not valid JSON/ },
      { line: 4, value: { a: 3 } },
    ],
  },
  {
    name: 'JSON Lines',
    text: '{"a":1}\n\n{"a":2}\r\nnot json\n{"a":\n3}\n',
    expected: [
      { line: 1, value: { a: 1 } },
      { line: 3, value: { a: 2 } },
      { line: 4, error: /^line 4: the record is not valid JSON/ },
      { line: 5, value: { a: 3 } },
    ],
  },
  {
    name: 'an array never closed',
    text: '[{"a":1},\n{"a":2}',
    expected: [
      { line: 1, value: { a: 1 } },
      { line: 2, error: /^line 2: the record starting here is never closed/ },
    ],
  },
  {
    name: 'an empty array',
    text: ' [ ] ',
    expected: [],
  },
];

for (const c of cases) {
  for (const chunking of ['whole', 'per character'] as const) {
    test(`parseJsonRecords: ${c.name} (${chunking})`, async () => {
      const got = await parse(chunking === 'whole' ? c.text : [...c.text]);
      assert.equal(got.length, c.expected.length, JSON.stringify(got));
      c.expected.forEach((want, i) => {
        const have = got[i]!;
        assert.equal(have.line, want.line);
        if ('value' in want) assert.deepEqual(have, want);
        else assert.match((have as { error: string }).error, want.error as RegExp);
      });
    });
  }
}
