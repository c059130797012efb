/**
 * Formats a UTC instant with .NET custom format tokens, invariant culture. Every DateTime
 * here is UTC (the provisioning service's clock and the documented CDate/Now results are UTC),
 * so `K` prints "Z" and `z`/`zz`/`zzz` print "+0"/"+00"/"+00:00".
 * FormatDateTime's output side and the "M/d/yyyy h:mm:ss tt" rendering of DateTime values
 * (Entra "functions for customizing application data", § CDate, § Now) both use it.
 *
 * Example: formatDate(utc(2015, 1, 23, 10, 53, 47, 100), tokenizeFormat('yyyy-MM-dd')) → '2015-01-23'
 */
import { dayNames, monthNames } from './calendar.ts';
import type { FormatToken } from './dotnet-format.ts';

const pad = (value: number, width: number) => String(value).padStart(width, '0');

export function formatDate(date: Date, tokens: readonly FormatToken[]): string {
  let out = '';
  const ticks = date.getUTCMilliseconds() * 10_000; // 100-ns ticks within the second
  for (const token of tokens) {
    if (token.kind === 'literal') {
      out += token.text;
      continue;
    }
    const n = token.length;
    switch (token.char) {
      case 'y': {
        const year = date.getUTCFullYear();
        out += n <= 2 ? pad(year % 100, n) : pad(year, n);
        break;
      }
      case 'M': {
        const month = date.getUTCMonth();
        if (n <= 2) out += pad(month + 1, n);
        else out += n === 3 ? monthNames[month]!.slice(0, 3) : monthNames[month]!;
        break;
      }
      case 'd': {
        if (n <= 2) out += pad(date.getUTCDate(), n);
        else {
          const name = dayNames[date.getUTCDay()]!;
          out += n === 3 ? name.slice(0, 3) : name;
        }
        break;
      }
      case 'h':
        out += pad(date.getUTCHours() % 12 || 12, Math.min(n, 2));
        break;
      case 'H':
        out += pad(date.getUTCHours(), Math.min(n, 2));
        break;
      case 'm':
        out += pad(date.getUTCMinutes(), Math.min(n, 2));
        break;
      case 's':
        out += pad(date.getUTCSeconds(), Math.min(n, 2));
        break;
      case 'f':
        out += pad(ticks, 7).slice(0, n);
        break;
      case 'F': {
        const digits = pad(ticks, 7).slice(0, n).replace(/0+$/, '');
        if (digits === '' && out.endsWith('.')) out = out.slice(0, -1);
        out += digits;
        break;
      }
      case 't': {
        const meridiem = date.getUTCHours() < 12 ? 'AM' : 'PM';
        out += n === 1 ? meridiem[0] : meridiem;
        break;
      }
      case 'z':
        out += n === 1 ? '+0' : n === 2 ? '+00' : '+00:00';
        break;
      case 'K':
        out += 'Z';
        break;
      case 'g':
        out += 'A.D.';
        break;
    }
  }
  return out;
}
