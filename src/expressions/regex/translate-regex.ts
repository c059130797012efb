/**
 * Turns a .NET regular expression (the dialect Replace's regexPattern is written in, Entra
 * "functions for customizing application data", § Replace) into JavaScript source with flags:
 *
 * - leading inline options `(?i)`, `(?m)`, `(?s)` (any mix) become flags; `x` is refused;
 * - `\A` → start of input, `\z` → end of input, `\Z` → end or before a final newline;
 * - `(?'name'…)` → `(?<name>…)`; `(?>…)` (atomic groups) and `[a-z-[aeiou]]` are refused;
 * - escaped punctuation that JavaScript's unicode mode rejects (`\#`, `\ `, `\,`, `\-` outside a
 *   class) is written without the backslash; a literal `{`, `}` or `]` that is not part of a
 *   quantifier or class is escaped.
 *
 * The result is compiled with the `u` flag, so `\p{L}` works as in .NET.
 *
 * Example: translateRegex('(?i)\\Ajohn') → { source: '^john', flags: 'iu' }
 */

export interface TranslatedRegex {
  source: string;
  flags: string;
}

const syntaxChars = new Set('^$\\.*+?()[]{}|/'.split(''));
const quantifierBrace = /^\{\d+(?:,\d*)?\}/;

/** The JavaScript form, or a reason the pattern cannot be used. */
export function translateRegex(pattern: string): TranslatedRegex | string {
  let flags = 'u';
  let i = 0;
  const options = /^\(\?([imsx]+)\)/.exec(pattern);
  if (options) {
    for (const option of new Set(options[1]!)) {
      if (option === 'x') return "inline option 'x' (ignore pattern whitespace) is not supported";
      flags += option;
    }
    i = options[0].length;
  }
  const multiline = flags.includes('m');
  let out = '';
  let inClass = false;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const next = pattern[i + 1];
      if (next === undefined) return 'the pattern ends with a lone backslash';
      i += 2;
      if ((next === 'p' || next === 'P') && pattern[i] === '{') {
        const close = pattern.indexOf('}', i);
        if (close === -1) return `unterminated \\${next}{…} property`;
        out += `\\${next}${pattern.slice(i, close + 1)}`;
        i = close + 1;
      } else if (!inClass && next === 'A') out += multiline ? '(?<![\\s\\S])' : '^';
      else if (!inClass && next === 'z') out += '(?![\\s\\S])';
      else if (!inClass && next === 'Z') out += '(?=\\n?(?![\\s\\S]))';
      else if (/[A-Za-z0-9]/.test(next) || syntaxChars.has(next)) out += `\\${next}`;
      else if (inClass && next === '-') out += '\\-';
      else out += next;
      continue;
    }
    if (inClass) {
      if (c === '[' && pattern[i - 1] === '-')
        return 'character class subtraction is not supported';
      if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      i++;
      if (pattern[i] === '^') out += pattern[i++];
      if (pattern[i] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && pattern.startsWith('(?>', i)) return 'atomic groups (?>…) are not supported';
    if (c === '(' && pattern.startsWith("(?'", i)) {
      const close = pattern.indexOf("'", i + 3);
      if (close === -1) return 'unterminated group name';
      out += `(?<${pattern.slice(i + 3, close)}>`;
      i = close + 1;
      continue;
    }
    if (c === '{' && !quantifierBrace.test(pattern.slice(i))) out += '\\{';
    else if (c === '}' || c === ']') out += `\\${c}`;
    else if (c === '{') {
      const brace = quantifierBrace.exec(pattern.slice(i))![0];
      out += brace;
      i += brace.length;
      continue;
    } else out += c;
    i++;
  }
  if (inClass) return "unterminated character class: expected ']'";
  return { source: out, flags };
}
