/**
 * Reads a .NET date/time format string into tokens: the custom specifiers (`yyyy`, `MM`, `dd`,
 * `HH`, `hh`, `mm`, `ss`, `f`…`fffffff`, `F`…, `tt`, `z`, `zz`, `zzz`, `K`, `g`, `ddd`, `MMMM`),
 * quoted literals ('T', "GMT"), `\` escapes, `%` single-specifier prefixes, and the invariant
 * culture's `/` and `:` separators. A one-character format is a standard format (`o`, `s`,
 * `u`, `d`…), expanded to its invariant-culture pattern as .NET does.
 * FormatDateTime (Entra "functions for customizing application data", § FormatDateTime) uses it
 * for both its input and output formats.
 *
 * Example: tokenizeFormat('yyyyMMddHHmmss.fZ') → y×4, M×2, d×2, H×2, m×2, s×2, '.', f×1, 'Z'
 */

export type FieldChar = 'd' | 'f' | 'F' | 'g' | 'h' | 'H' | 'K' | 'm' | 'M' | 's' | 't' | 'y' | 'z';

export type FormatToken =
  | { kind: 'field'; char: FieldChar; length: number }
  | { kind: 'literal'; text: string };

const fieldChars = new Set<string>([
  'd',
  'f',
  'F',
  'g',
  'h',
  'H',
  'K',
  'm',
  'M',
  's',
  't',
  'y',
  'z',
]);

/** Invariant-culture expansions of the standard formats. */
const standardFormats: Record<string, string> = {
  d: 'MM/dd/yyyy',
  D: 'dddd, dd MMMM yyyy',
  f: 'dddd, dd MMMM yyyy HH:mm',
  F: 'dddd, dd MMMM yyyy HH:mm:ss',
  g: 'MM/dd/yyyy HH:mm',
  G: 'MM/dd/yyyy HH:mm:ss',
  m: 'MMMM dd',
  M: 'MMMM dd',
  o: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  O: "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'fffffffK",
  r: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  R: "ddd, dd MMM yyyy HH':'mm':'ss 'GMT'",
  s: "yyyy'-'MM'-'dd'T'HH':'mm':'ss",
  t: 'HH:mm',
  T: 'HH:mm:ss',
  u: "yyyy'-'MM'-'dd HH':'mm':'ss'Z'",
  U: 'dddd, dd MMMM yyyy HH:mm:ss',
  y: 'yyyy MMMM',
  Y: 'yyyy MMMM',
};

const cache = new Map<string, readonly FormatToken[]>();
const cacheSize = 256;

/** Tokens of a format string, cached; throws a plain Error with a reason for a malformed one. */
export function tokenizeFormat(format: string): readonly FormatToken[] {
  const cached = cache.get(format);
  if (cached) return cached;
  const tokens = tokenizeUncached(format);
  if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
  cache.set(format, tokens);
  return tokens;
}

function tokenizeUncached(format: string): FormatToken[] {
  if (format === '') throw new Error('the format is empty');
  if (format.length === 1) {
    const standard = standardFormats[format];
    if (standard === undefined) throw new Error(`'${format}' is not a standard date format`);
    return tokenizeUncached(standard);
  }
  const tokens: FormatToken[] = [];
  const literal = (text: string) => {
    const last = tokens.at(-1);
    if (last?.kind === 'literal') last.text += text;
    else tokens.push({ kind: 'literal', text });
  };
  let i = 0;
  while (i < format.length) {
    const c = format[i]!;
    if (fieldChars.has(c)) {
      let run = 1;
      while (format[i + run] === c && c !== 'K') run++;
      if ((c === 'f' || c === 'F') && run > 7)
        throw new Error(`'${c.repeat(run)}': at most 7 fraction digits`);
      tokens.push({ kind: 'field', char: c as FieldChar, length: run });
      i += run;
    } else if (c === "'" || c === '"') {
      let text = '';
      let j = i + 1;
      while (j < format.length && format[j] !== c) {
        if (format[j] === '\\' && j + 1 < format.length) j++;
        text += format[j];
        j++;
      }
      if (j >= format.length) throw new Error(`unterminated quoted text in the format at ${i}`);
      literal(text);
      i = j + 1;
    } else if (c === '%') {
      const specifier = format[i + 1];
      if (specifier === undefined || specifier === '%')
        throw new Error(`'%' must be followed by a specifier`);
      if (fieldChars.has(specifier))
        tokens.push({ kind: 'field', char: specifier as FieldChar, length: 1 });
      else literal(specifier);
      i += 2;
    } else if (c === '\\') {
      const escaped = format[i + 1];
      if (escaped === undefined) throw new Error(`the format ends with '\\'`);
      literal(escaped);
      i += 2;
    } else {
      literal(c);
      i++;
    }
  }
  return tokens;
}
