/**
 * ConvertToUTF8Hex(source): the text's UTF-8 bytes as upper-case hex digits (Entra "functions
 * for customizing application data", § ConvertToUTF8Hex). A lone surrogate is encoded as
 * U+FFFD, as TextEncoder (and .NET's UTF8Encoding) replaces it.
 *
 * Null: null gives null.
 *
 * Example: ConvertToUTF8Hex("Hello world!") → "48656C6C6F20776F726C6421"
 */
import { toText } from '../coerce.ts';
import { defineFunction } from '../function-def.ts';

const encoder = new TextEncoder();

export const convertToUtf8Hex = defineFunction({
  name: 'ConvertToUTF8Hex',
  minArgs: 1,
  maxArgs: 1,
  signature: 'ConvertToUTF8Hex(source)',
  description: 'The UTF-8 bytes of the text as upper-case hex.',
  evaluate(args) {
    const source = toText(args.value(0), 'ConvertToUTF8Hex');
    if (source === null) return null;
    let hex = '';
    for (const byte of encoder.encode(source))
      hex += byte.toString(16).toUpperCase().padStart(2, '0');
    return hex;
  },
});
