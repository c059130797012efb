import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { utc } from './calendar.ts';
import { parseDateTimeStyles } from './date-time-styles.ts';
import { tokenizeFormat } from './dotnet-format.ts';
import { formatEntraDate } from './entra-date-format.ts';
import { formatDate } from './format-date.ts';
import { parseDate } from './parse-date.ts';
import { parseExact } from './parse-exact.ts';

const load = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

interface ExactCase {
  name: string;
  input: string;
  inputFormat: string;
  outputFormat: string;
  styles?: string;
  now?: string;
  expected?: string;
  error?: string;
}

describe('parseExact then formatDate (fixtures/parse-exact.json)', () => {
  const cases: ExactCase[] = load('parse-exact.json');
  for (const c of cases) {
    test(c.name, () => {
      const styles = parseDateTimeStyles(c.styles ?? null);
      assert.ok(typeof styles !== 'string');
      const now = new Date(c.now ?? '2000-01-01T00:00:00Z');
      const parsed = parseExact(c.input, tokenizeFormat(c.inputFormat), {
        ...styles,
        now: () => now,
      });
      if (c.error !== undefined) {
        assert.equal(typeof parsed, 'string', `expected a failure, got ${String(parsed)}`);
        assert.ok(String(parsed).includes(c.error), `${String(parsed)} should contain ${c.error}`);
        return;
      }
      assert.ok(parsed instanceof Date, String(parsed));
      assert.equal(formatDate(parsed, tokenizeFormat(c.outputFormat)), c.expected);
    });
  }
});

describe('parseDate, the lenient reader of CDate (fixtures/parse-date.json)', () => {
  const cases: { text: string; utc: string | null }[] = load('parse-date.json');
  for (const c of cases) {
    test(JSON.stringify(c.text), () => {
      assert.equal(parseDate(c.text)?.toISOString() ?? null, c.utc);
    });
  }
});

describe('format strings', () => {
  test('malformed custom formats are refused with a reason', () => {
    for (const [format, reason] of [
      ['', 'empty'],
      ['q', 'not a standard date format'],
      ['fffffffff', 'at most 7'],
      ["yyyy'T", 'unterminated quoted text'],
      ['yyyy\\', "ends with '\\'"],
      ['yy%', "'%' must be followed"],
    ] as const) {
      assert.throws(
        () => tokenizeFormat(format),
        (error: Error) => error.message.includes(reason),
        format,
      );
    }
  });

  test('DateTime values print as M/d/yyyy h:mm:ss tt, the year in four digits', () => {
    assert.equal(formatEntraDate(utc(2021, 7, 2, 15, 33, 38)), '7/2/2021 3:33:38 PM');
    assert.equal(formatEntraDate(utc(12, 1, 1)), '1/1/0012 12:00:00 AM');
  });

  test('DateTimeStyles names: lists, prefixes, case; unknown names are reported', () => {
    assert.deepEqual(parseDateTimeStyles('DateTimeStyles.AllowInnerWhite | assumeuniversal'), {
      allowInnerWhite: true,
      noCurrentDateDefault: false,
    });
    assert.equal(parseDateTimeStyles('AllowLeadingWhite, Sometimes'), 'Sometimes');
  });
});
