/**
 * Proper case for PCase (Entra "functions for customizing application data", § PCase): the
 * text is lower-cased, then the first letter of every word is upper-cased.
 *
 * Default words follow .NET's TextInfo.ToTitleCase, which the reference names: a word starts at
 * a letter and runs until a separator, the Unicode categories the reference lists (spaces,
 * controls, format characters, connector/dash/open/close/quote/other punctuation, math,
 * currency, modifier and other symbols). As in .NET, an apostrophe inside a word does not end
 * it ("O'NEIL" → "O'neil"; pass " '-" as separators for "O'Neil"); a digit inside a word belongs
 * to it ("A1B" → "A1b"), while a digit before any letter stands outside words, so the letter
 * after it starts one ("1ST" → "1St", a .NET quirk kept). With explicit separators, only those
 * characters separate words.
 *
 * Example: properCase('PABLO GONSALVES (SECOND)', undefined) → 'Pablo Gonsalves (Second)'
 */
import { toLowerText, toUpperText } from './case-map.ts';

const letter = /^\p{L}$/u;
const separator =
  /^[\p{Z}\p{Cc}\p{Cf}\p{Pc}\p{Pd}\p{Ps}\p{Pe}\p{Pi}\p{Pf}\p{Po}\p{Sm}\p{Sc}\p{Sk}\p{So}]$/u;
/** Digraphs whose title case differs from their upper case. */
const titleForms: Record<string, string> = { ǆ: 'ǅ', ǉ: 'ǈ', ǌ: 'ǋ', ǳ: 'ǲ' };

const title = (c: string) => titleForms[c] ?? toUpperText(c, undefined);

export function properCase(text: string, separators: string | undefined): string {
  const lower = toLowerText(text, undefined);
  let out = '';
  if (separators !== undefined) {
    const set = new Set(separators);
    let atStart = true;
    for (const c of lower) {
      out += atStart ? title(c) : c;
      atStart = set.has(c);
    }
    return out;
  }
  let inWord = false;
  for (const c of lower) {
    if (!inWord) {
      if (letter.test(c)) {
        out += title(c);
        inWord = true;
      } else {
        out += c;
      }
    } else {
      out += c;
      if (c !== "'" && !letter.test(c) && separator.test(c)) inWord = false;
    }
  }
  return out;
}
