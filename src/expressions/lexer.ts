/**
 * Splits an expression into tokens (Entra "functions for customizing application data",
 * § Syntax overview). Strings are double-quoted; `\"` and `\\` are the documented escapes, and a
 * backslash before any other character is kept as written, so a regex such as `"\d+"` means what
 * its author meant (the documented form `"\\d+"` works too). Numbers are decimal (`-10`, `7`)
 * or VBA hex (`&HF7`). An attribute name is whatever stands between the brackets, trimmed:
 * dots, spaces, colons and `extension_<appId>_name` are all fine; `[`, `]` and line breaks are
 * not. Whitespace, newlines included, separates tokens.
 *
 * The parser pulls one token at a time, so the first error reported is the leftmost one.
 *
 * Example: createLexer('Left([a], 3)').next() → { kind: 'identifier', name: 'Left', span: { start: 0, end: 4 } }
 */
import type { CompareOperator, Span } from './ast.ts';
import { ExpressionError } from './expression-error.ts';

export type Token =
  | { kind: '(' | ')' | ',' | 'end'; span: Span }
  | { kind: 'identifier'; name: string; span: Span }
  | { kind: 'attribute'; name: string; span: Span }
  | { kind: 'string'; value: string; span: Span }
  | { kind: 'number'; value: number; hex: boolean; span: Span }
  | { kind: 'compare'; op: CompareOperator; span: Span };

const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isIdentifierStart = (c: string) => /[A-Za-z_]/.test(c);
const isIdentifierPart = (c: string | undefined) => c !== undefined && /[A-Za-z0-9_]/.test(c);

export interface Lexer {
  peek(): Token;
  next(): Token;
}

export function createLexer(text: string): Lexer {
  let pos = 0;
  let ahead: Token | undefined;
  const fail = (reason: string, start: number, end = start + 1): never => {
    throw new ExpressionError('syntax', reason, { start, end: Math.min(end, text.length) });
  };

  function scan(): Token {
    while (pos < text.length && isSpace(text[pos]!)) pos++;
    const start = pos;
    if (pos >= text.length) return { kind: 'end', span: { start, end: start } };
    const c = text[pos]!;
    if (c === '(' || c === ')' || c === ',') {
      pos++;
      return { kind: c, span: { start, end: pos } };
    } else if (c === '"') {
      let value = '';
      pos++;
      while (true) {
        if (pos >= text.length)
          fail("unterminated string: expected a closing '\"'", start, text.length);
        const ch = text[pos]!;
        if (ch === '"') break;
        if (ch === '\\' && (text[pos + 1] === '"' || text[pos + 1] === '\\')) {
          value += text[pos + 1];
          pos += 2;
        } else {
          value += ch;
          pos++;
        }
      }
      pos++;
      return { kind: 'string', value, span: { start, end: pos } };
    } else if (c === '[') {
      const close = text.indexOf(']', pos + 1);
      const inner = close === -1 ? text.slice(pos + 1) : text.slice(pos + 1, close);
      const bad = inner.search(/[[\n\r]/);
      if (close === -1 || bad !== -1) {
        const at = bad === -1 ? text.length : pos + 1 + bad;
        fail("unterminated attribute reference: expected ']'", start, at);
      }
      pos = close + 1;
      const name = inner.trim();
      if (name === '') fail('empty attribute name', start, pos);
      return { kind: 'attribute', name, span: { start, end: pos } };
    } else if (c === '&' && (text[pos + 1] === 'H' || text[pos + 1] === 'h')) {
      pos += 2;
      const digitsStart = pos;
      while (pos < text.length && /[0-9A-Fa-f]/.test(text[pos]!)) pos++;
      if (pos === digitsStart) fail("expected hex digits after '&H'", start, pos + 1);
      if (pos - digitsStart > 13) fail('hex number is too large', start, pos);
      if (isIdentifierPart(text[pos])) fail('malformed hex number', start, pos + 1);
      const value = Number.parseInt(text.slice(digitsStart, pos), 16);
      return { kind: 'number', value, hex: true, span: { start, end: pos } };
    } else if (isDigit(c) || (c === '-' && isDigit(text[pos + 1]))) {
      pos++;
      while (isDigit(text[pos])) pos++;
      if (text[pos] === '.' && isDigit(text[pos + 1])) {
        pos++;
        while (isDigit(text[pos])) pos++;
      }
      if (isIdentifierPart(text[pos]) || text[pos] === '.')
        fail('malformed number', start, pos + 1);
      const value = Number(text.slice(start, pos));
      if (!Number.isFinite(value)) fail('number is out of range', start, pos);
      return { kind: 'number', value, hex: false, span: { start, end: pos } };
    } else if (isIdentifierStart(c)) {
      while (isIdentifierPart(text[pos])) pos++;
      return { kind: 'identifier', name: text.slice(start, pos), span: { start, end: pos } };
    } else if (c === '=' || c === '<' || c === '>') {
      const two = text.slice(pos, pos + 2);
      const op: CompareOperator =
        two === '<>' || two === '<=' || two === '>=' ? two : (c as CompareOperator);
      pos += op.length;
      return { kind: 'compare', op, span: { start, end: pos } };
    } else {
      const char = String.fromCodePoint(text.codePointAt(pos)!);
      const reason =
        char === "'" || char === '‘' || char === '“'
          ? `unexpected character ${JSON.stringify(char)}: strings take straight double quotes`
          : `unexpected character ${JSON.stringify(char)}`;
      return fail(reason, start, start + char.length);
    }
  }

  return {
    peek() {
      ahead ??= scan();
      return ahead;
    },
    next() {
      const token = ahead ?? scan();
      ahead = undefined;
      return token;
    },
  };
}
