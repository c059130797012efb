/**
 * Expands a .NET regex replacement string (Replace's replacementValue with a regexPattern,
 * Entra "functions for customizing application data", § Replace, example `"${phoneNumber}"`):
 * `$1`…, `${name}` or `${1}`, `$$` (a dollar), `$&` (the match), `` $` `` and `$'` (the text
 * before and after it), `$+` (the last group), `$_` (the whole input). A reference to a group
 * that does not exist stays literal text, as in .NET. Groups are numbered left to right as
 * JavaScript numbers them (.NET numbers unnamed groups before named ones).
 *
 * Example: expandSubstitution('${phoneNumber}', match, input) → '9998887777'
 */

type Part =
  | { text: string }
  | { group: number | string }
  | { special: '&' | '`' | "'" | '+' | '_' };

export type Substitution = readonly Part[];

export function parseSubstitution(replacement: string): Substitution {
  const parts: Part[] = [];
  let text = '';
  const flush = () => {
    if (text !== '') parts.push({ text });
    text = '';
  };
  for (let i = 0; i < replacement.length; i++) {
    const c = replacement[i]!;
    const next = replacement[i + 1];
    if (c !== '$' || next === undefined) {
      text += c;
    } else if (next === '$') {
      text += '$';
      i++;
    } else if (next === '&' || next === '`' || next === "'" || next === '+' || next === '_') {
      flush();
      parts.push({ special: next });
      i++;
    } else if (/\d/.test(next)) {
      const digits = /^\d+/.exec(replacement.slice(i + 1))![0];
      flush();
      parts.push({ group: Number(digits) });
      i += digits.length;
    } else if (next === '{') {
      const close = replacement.indexOf('}', i + 2);
      const name = close === -1 ? '' : replacement.slice(i + 2, close);
      if (/^\d+$/.test(name) || /^[A-Za-z_]\w*$/.test(name)) {
        flush();
        parts.push({ group: /^\d+$/.test(name) ? Number(name) : name });
        i = close;
      } else {
        text += c;
      }
    } else {
      text += c;
    }
  }
  flush();
  return parts;
}

export function expandSubstitution(
  parts: Substitution,
  match: RegExpExecArray,
  input: string,
): string {
  let out = '';
  for (const part of parts) {
    if ('text' in part) out += part.text;
    else if ('group' in part) out += groupText(part.group, match);
    else if (part.special === '&') out += match[0];
    else if (part.special === '`') out += input.slice(0, match.index);
    else if (part.special === "'") out += input.slice(match.index + match[0].length);
    else if (part.special === '_') out += input;
    else out += match.length > 1 ? (match[match.length - 1] ?? '') : '';
  }
  return out;
}

function groupText(group: number | string, match: RegExpExecArray): string {
  if (typeof group === 'number') {
    return group < match.length ? (match[group] ?? '') : `$${group}`;
  }
  if (match.groups && Object.hasOwn(match.groups, group)) return match.groups[group] ?? '';
  return `\${${group}}`;
}
