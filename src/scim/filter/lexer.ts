/**
 * The scanner for filters and PATCH paths (RFC 7644 §3.4.2.2, §3.5.2). It is pulled by the
 * parser one token at a time, so an error early in a huge input costs nothing for the rest.
 * Attribute paths, operators and keywords are `word` tokens; the parser gives them meaning.
 * Values are read in a separate mode (`value()`), because a compValue may be a bare word.
 *
 * Example: createLexer('userName eq "a"', fail).next() → { kind: 'word', text: 'userName', pos: 0 }
 */
import { quote } from '../errors.ts';
import type { FilterLiteral } from './ast.ts';
import { readJsonString } from './json-string.ts';
import { type Fail, unexpected } from './syntax-error.ts';

export type TokenKind = 'word' | 'string' | '(' | ')' | '[' | ']' | 'end';

export interface Token {
  kind: TokenKind;
  /** The source text of the token ('' at the end). */
  text: string;
  /** 0-based offset of the token's first character. */
  pos: number;
}

export interface Lexer {
  peek(): Token;
  next(): Token;
  /** Reads a compValue at the cursor; only valid when nothing has been peeked. */
  value(): { value: FilterLiteral; pos: number };
}

/** JSON number (RFC 8259 §6). */
const numberPattern = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?$/;

const isSpace = (code: number) => code === 32 || code === 9 || code === 10 || code === 13;

/** Letters, digits and `_ $ - : . /` (names, sub-attributes, schema URNs and URLs). */
function isWordChar(code: number): boolean {
  return (
    (code >= 97 && code <= 122) || // a-z
    (code >= 65 && code <= 90) || // A-Z
    (code >= 45 && code <= 58) || // - . / 0-9 :
    code === 95 || // _
    code === 36 // $
  );
}

/** Where an unquoted value ends: whitespace, a bracket or a quote. */
const endsBareValue = (code: number) =>
  isSpace(code) || code === 40 || code === 41 || code === 91 || code === 93 || code === 34;

const valueHint = 'expected a value: a "string", a number, true, false or null';

export function createLexer(source: string, fail: Fail): Lexer {
  let pos = 0;
  let ahead: Token | undefined;

  function skipSpace(): void {
    while (pos < source.length && isSpace(source.charCodeAt(pos))) pos++;
  }

  function scan(): Token {
    skipSpace();
    const start = pos;
    if (pos >= source.length) return { kind: 'end', text: '', pos };
    const ch = source[pos]!;
    if (ch === '(' || ch === ')' || ch === '[' || ch === ']') {
      pos++;
      return { kind: ch, text: ch, pos: start };
    }
    if (ch === '"') {
      pos = readJsonString(source, start, fail).end;
      return { kind: 'string', text: source.slice(start, pos), pos: start };
    }
    if (!isWordChar(source.charCodeAt(pos))) {
      fail(`Unexpected character ${quote(String.fromCodePoint(source.codePointAt(pos)!))}`, pos);
    }
    while (pos < source.length && isWordChar(source.charCodeAt(pos))) pos++;
    return { kind: 'word', text: source.slice(start, pos), pos: start };
  }

  function value(): { value: FilterLiteral; pos: number } {
    if (ahead) throw new Error('lexer: value() called after peek()');
    skipSpace();
    const start = pos;
    if (pos >= source.length) return fail(unexpected(''), pos, valueHint);
    if (source[pos] === '"') {
      const read = readJsonString(source, start, fail);
      pos = read.end;
      return { value: read.value, pos: start };
    }
    while (pos < source.length && !endsBareValue(source.charCodeAt(pos))) pos++;
    const text = source.slice(start, pos);
    if (text === '') return fail(unexpected(source[start]!), start, valueHint);
    if (numberPattern.test(text)) {
      const number = Number(text);
      if (!Number.isFinite(number)) fail(`Number ${quote(text)} is out of range`, start);
      return { value: number, pos: start };
    }
    if (text === 'true') return { value: true, pos: start };
    if (text === 'false') return { value: false, pos: start };
    if (text === 'null') return { value: null, pos: start };
    // Entra leniency: an unquoted bare word (`externalId eq jyoung`, from Microsoft's older
    // documentation) is read as the string it spells. JSON literals stay lower-case only.
    return { value: text, pos: start };
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
    value,
  };
}
