/**
 * Where a JSON text stops being JSON (RFC 8259), for the error details of malformed bodies.
 * V8's JSON.parse names the position for most mistakes but not for a misspelt literal
 * (`{"active": tru}`); this small scanner finds it. Only called after JSON.parse has failed.
 *
 * Example: jsonErrorPosition('{"active": tru}') → 11
 */

const whitespace = new Set([' ', '\t', '\n', '\r']);

/** The 0-based offset of the first character that cannot continue `text` as JSON. */
export function jsonErrorPosition(text: string): number {
  let i = 0;
  const skip = () => {
    while (i < text.length && whitespace.has(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (text[i] !== ch) fail();
      i++;
    }
  };
  const string = () => {
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      i += text[i] === '\\' ? 2 : 1;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!match) fail();
    i += match![0].length;
  };
  const container = (close: '}' | ']', depth: number) => {
    i++;
    skip();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      if (close === '}') {
        skip();
        if (text[i] !== '"') fail();
        string();
        skip();
        if (text[i] !== ':') fail();
        i++;
      }
      value(depth + 1);
      skip();
      if (text[i] === close) {
        i++;
        return;
      }
      if (text[i] !== ',') fail();
      i++;
    }
  };
  const value = (depth: number) => {
    if (depth > 10_000) fail();
    skip();
    const ch = text[i];
    if (ch === '{') container('}', depth);
    else if (ch === '[') container(']', depth);
    else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else number();
  };
  try {
    value(0);
    skip();
    return Math.min(i, text.length);
  } catch (position) {
    return typeof position === 'number' ? position : 0;
  }
}
