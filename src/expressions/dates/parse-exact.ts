/**
 * Parses text that must match a .NET custom format exactly (DateTime.ParseExact, invariant
 * culture), for FormatDateTime's inputFormat (Entra "functions for customizing application
 * data", § FormatDateTime). Fields are read greedily left to right without backtracking, as
 * .NET does: `d`/`M`/`H`/`h`/`m`/`s` take one or two digits, their doubled forms exactly two,
 * `yyyy` four, `y`/`yy` one or two (00–49 → 20xx, 50–99 → 19xx), `f…` exactly as many digits
 * as letters, `F…` up to that many; names match in any case. An offset (`z`, `zz`, `zzz`, `K`)
 * converts the value to UTC; a value without one is taken as UTC. A literal `Z` in the format
 * matches the input's `Z` (UTC). The fields become an instant in `date-fields.ts`.
 *
 * Styles: leading and trailing whitespace is always allowed (Entra's default includes
 * AllowLeadingWhite and AllowTrailingWhite); AllowInnerWhite/AllowWhiteSpaces also skip
 * whitespace between fields; NoCurrentDateDefault makes a time-only value fall on 0001-01-01
 * instead of today.
 *
 * Example: parseExact('20150123105347.1Z', tokenizeFormat('yyyyMMddHHmmss.fZ'), options)
 *   → 2015-01-23T10:53:47.100Z
 */
import { dayNames, monthNames } from './calendar.ts';
import { buildDate, type DateDefaults, type DateFields } from './date-fields.ts';
import type { FormatToken } from './dotnet-format.ts';

export interface ParseExactOptions extends DateDefaults {
  allowInnerWhite: boolean;
}

const isWhite = (c: string | undefined) => c !== undefined && /\s/.test(c);

/** The instant, or a reason why the text does not match. */
export function parseExact(
  text: string,
  tokens: readonly FormatToken[],
  options: ParseExactOptions,
): Date | string {
  let pos = 0;
  const fields: DateFields = {};
  const skipWhite = () => {
    while (isWhite(text[pos])) pos++;
  };
  const digits = (min: number, max: number): number | undefined => {
    let end = pos;
    while (end < text.length && end - pos < max && text[end]! >= '0' && text[end]! <= '9') end++;
    if (end - pos < min) return undefined;
    const value = Number(text.slice(pos, end));
    pos = end;
    return value;
  };
  const name = (names: readonly string[]): number | undefined => {
    const rest = text.slice(pos).toLowerCase();
    let best = -1;
    let bestLength = 0;
    names.forEach((candidate, index) => {
      const lower = candidate.toLowerCase();
      if (lower.length > bestLength && rest.startsWith(lower)) {
        best = index;
        bestLength = lower.length;
      }
    });
    if (best === -1) return undefined;
    pos += bestLength;
    return best;
  };

  skipWhite();
  for (const token of tokens) {
    if (token.kind === 'literal') {
      for (const c of token.text) {
        if (options.allowInnerWhite) skipWhite();
        if (isWhite(c) && options.allowInnerWhite) {
          // any amount of whitespace, none included, stands for the format's space
        } else if (text[pos] === c) {
          pos++;
        } else {
          return `expected '${c}' at position ${pos}`;
        }
      }
      continue;
    }
    if (options.allowInnerWhite) skipWhite();
    const at = pos;
    const problem = readField(token.char, token.length);
    if (problem) return `${problem} at position ${at}`;
  }
  skipWhite();
  if (pos < text.length) return `unexpected '${text.slice(pos, pos + 10)}' at position ${pos}`;
  return buildDate(fields, options);

  function readField(char: string, n: number): string | undefined {
    switch (char) {
      case 'y': {
        const value = n <= 2 ? digits(1, 2) : digits(Math.min(n, 4), Math.max(n, 4));
        if (value === undefined) return 'expected the year';
        fields.year = n <= 2 ? (value < 50 ? 2000 + value : 1900 + value) : value;
        return;
      }
      case 'M': {
        const value = n >= 3 ? monthIndex(n) : digits(n === 1 ? 1 : 2, 2);
        if (value === undefined) return 'expected the month';
        fields.month = n >= 3 ? value + 1 : value;
        return;
      }
      case 'd': {
        if (n >= 3) {
          const weekday = name(n === 3 ? dayNames.map((d) => d.slice(0, 3)) : dayNames);
          if (weekday === undefined) return 'expected the day of the week';
          fields.weekday = weekday;
          return;
        }
        const value = digits(n === 1 ? 1 : 2, 2);
        if (value === undefined) return 'expected the day';
        fields.day = value;
        return;
      }
      case 'h':
      case 'H': {
        const value = digits(n === 1 ? 1 : 2, 2);
        if (value === undefined) return 'expected the hour';
        fields.hour = value;
        fields.twelveHour = char === 'h';
        return;
      }
      case 'm':
      case 's': {
        const value = digits(n === 1 ? 1 : 2, 2);
        if (value === undefined)
          return char === 'm' ? 'expected the minutes' : 'expected the seconds';
        if (char === 'm') fields.minute = value;
        else fields.second = value;
        return;
      }
      case 'f':
      case 'F': {
        const start = pos;
        const value = digits(char === 'f' ? n : 0, n);
        if (value === undefined) return `expected ${n} fraction digit${n === 1 ? '' : 's'}`;
        const read = pos - start;
        if (read > 0) fields.millisecond = Math.floor((value * 10 ** (7 - read)) / 10_000);
        return;
      }
      case 't': {
        const first = text[pos]?.toUpperCase();
        if (first !== 'A' && first !== 'P') return 'expected AM or PM';
        pos++;
        if (n >= 2) {
          if (text[pos]?.toUpperCase() !== 'M') return 'expected AM or PM';
          pos++;
        }
        fields.meridiem = first === 'A' ? 'AM' : 'PM';
        return;
      }
      case 'z':
      case 'K':
        return readOffset(char === 'K');
      case 'g':
        if (text.startsWith('A.D.', pos)) pos += 4;
        else if (text.startsWith('AD', pos)) pos += 2;
        else return "expected the era 'A.D.'";
        return;
    }
    return `unsupported format specifier '${char}'`;
  }

  function monthIndex(n: number): number | undefined {
    return name(n === 3 ? monthNames.map((m) => m.slice(0, 3)) : monthNames);
  }

  function readOffset(optional: boolean): string | undefined {
    const sign = text[pos];
    if (sign === 'Z' && optional) {
      pos++;
      fields.offsetMinutes = 0;
      return;
    }
    if (sign !== '+' && sign !== '-') return optional ? undefined : 'expected a time zone offset';
    pos++;
    const hours = digits(1, 2);
    if (hours === undefined) return 'expected the offset hours';
    let minutes = 0;
    if (text[pos] === ':') pos++;
    const read = digits(2, 2);
    if (read !== undefined) minutes = read;
    if (hours > 14 || minutes > 59) return 'offset out of range';
    fields.offsetMinutes = (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
    return;
  }
}
