import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { type CsvRecord, formatCsvRecord, parseCsv } from './csv-parser.ts';

async function parse(chunks: string[] | string): Promise<CsvRecord[]> {
  const out: CsvRecord[] = [];
  for await (const record of parseCsv(typeof chunks === 'string' ? [chunks] : chunks))
    out.push(record);
  return out;
}

const cases: { name: string; text: string; expected: CsvRecord[] }[] = [
  {
    name: 'plain fields, LF, no final newline',
    text: 'a,b\n1,2',
    expected: [
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['1', '2'] },
    ],
  },
  {
    name: 'CRLF, empty fields, a trailing empty field',
    text: 'a,,c\r\n,,\r\nx,\r\n',
    expected: [
      { line: 1, fields: ['a', '', 'c'] },
      { line: 2, fields: ['', '', ''] },
      { line: 3, fields: ['x', ''] },
    ],
  },
  {
    name: 'quotes: commas, escaped quotes, an empty quoted field',
    text: '"Lee, Ann","says ""hi""",""\n',
    expected: [{ line: 1, fields: ['Lee, Ann', 'says "hi"', ''] }],
  },
  {
    name: 'line breaks inside quotes keep their text and advance the line count',
    text: 'a,"line 1\nline 2\r\nline 3"\nnext,row\n',
    expected: [
      { line: 1, fields: ['a', 'line 1\nline 2\r\nline 3'] },
      { line: 4, fields: ['next', 'row'] },
    ],
  },
  {
    name: 'blank lines are skipped but counted; CR alone ends a line',
    text: 'a\n\n\nb\rc\n',
    expected: [
      { line: 1, fields: ['a'] },
      { line: 4, fields: ['b'] },
      { line: 5, fields: ['c'] },
    ],
  },
  {
    name: 'a UTF-8 BOM is dropped',
    text: '\ufeffuserPrincipalName\nann@x.test\n',
    expected: [
      { line: 1, fields: ['userPrincipalName'] },
      { line: 2, fields: ['ann@x.test'] },
    ],
  },
  {
    name: 'a quote inside an unquoted field fails that record only',
    text: 'ok,1\nbad"x,2\nok,3\n',
    expected: [
      { line: 1, fields: ['ok', '1'] },
      {
        line: 2,
        error:
          'line 2: a quote inside an unquoted field (field 1); quote the whole field and double the quote: "a ""b"" c"',
      },
      { line: 3, fields: ['ok', '3'] },
    ],
  },
  {
    name: 'text after a closing quote fails that record only',
    text: '"a"b,1\nok,2\n',
    expected: [
      {
        line: 1,
        error:
          'line 1: text after the closing quote of field 1; a quote inside a quoted field is written ""',
      },
      { line: 2, fields: ['ok', '2'] },
    ],
  },
  {
    name: 'a quote never closed is an error naming where it opened',
    text: 'ok,1\nx,"open\nstill open\n',
    expected: [
      { line: 1, fields: ['ok', '1'] },
      { line: 2, error: 'line 2: the quoted field 2 opened on line 2 is never closed' },
    ],
  },
];

for (const c of cases) {
  test(`parseCsv: ${c.name}`, async () => {
    assert.deepEqual(await parse(c.text), c.expected);
  });
  test(`parseCsv: ${c.name} (one character per chunk)`, async () => {
    assert.deepEqual(await parse([...c.text]), c.expected);
  });
}

test('parseCsv: CRLF split across chunks, inside and outside quotes, counts one line', async () => {
  assert.deepEqual(await parse(['a,"x\r', '\ny"\r', '\nb,c\n']), [
    { line: 1, fields: ['a', 'x\r\ny'] },
    { line: 3, fields: ['b', 'c'] },
  ]);
});

test('property: format then parse gives the records back, however the text is chunked', async () => {
  const field = fc.string({
    unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é', '😀'),
  });
  const record = fc.array(field, { minLength: 2, maxLength: 5 });
  await fc.assert(
    fc.asyncProperty(
      fc.array(record, { minLength: 1, maxLength: 8 }),
      fc.constantFrom('\n', '\r\n'),
      fc.array(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 10 }),
      async (records, eol, cuts) => {
        const text = records.map((r) => formatCsvRecord(r) + eol).join('');
        const chunks: string[] = [];
        let at = 0;
        for (let i = 0; at < text.length; i++) {
          const size = cuts[i % cuts.length]!;
          chunks.push(text.slice(at, at + size));
          at += size;
        }
        const parsed = await parse(chunks);
        assert.deepEqual(
          parsed.map((r) => ('fields' in r ? r.fields : r)),
          records,
        );
      },
    ),
    { numRuns: 300 },
  );
});
