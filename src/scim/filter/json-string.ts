/**
 * Reads one JSON string literal (RFC 8259 §7), which RFC 7644 §3.4.2.2 requires for string
 * compValues: the escapes \" \\ \/ \b \f \n \r \t and \uXXXX (lone surrogates kept as
 * written, as JSON.parse does); raw control characters are refused.
 *
 * Example: readJsonString('a eq "x\\u0041"', 5, fail) → { value: 'xA', end: 15 }
 */
import { quote } from '../errors.ts';
import type { Fail } from './syntax-error.ts';

const simpleEscapes: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

const hex4 = /^[0-9A-Fa-f]{4}$/;

/** Decodes the string whose opening quote is at `start`; `end` is just past the closing quote. */
export function readJsonString(
  source: string,
  start: number,
  fail: Fail,
): { value: string; end: number } {
  let out = '';
  let run = start + 1;
  let i = start + 1;
  while (i < source.length) {
    const code = source.charCodeAt(i);
    if (code === 0x22) return { value: out + source.slice(run, i), end: i + 1 };
    if (code < 0x20) {
      const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
      fail(`Raw control character ${name} in a string`, i, 'escape it, e.g. \\n or \\u0009');
    }
    if (code !== 0x5c) {
      i++;
      continue;
    }
    out += source.slice(run, i);
    const escaped = source[i + 1] ?? '';
    const simple = simpleEscapes[escaped];
    if (simple !== undefined) {
      out += simple;
      i += 2;
    } else if (escaped === 'u' && hex4.test(source.slice(i + 2, i + 6))) {
      out += String.fromCharCode(Number.parseInt(source.slice(i + 2, i + 6), 16));
      i += 6;
    } else {
      const shown = escaped === 'u' ? source.slice(i, i + 6) : `\\${escaped}`;
      fail(
        `Invalid escape ${quote(shown)} in a string`,
        i,
        'JSON strings allow \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX',
      );
    }
    run = i;
  }
  return fail('Unterminated string', start, "expected a closing '\"'");
}
