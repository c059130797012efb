/**
 * ConvertToBase64(source): the base64 of the text's UTF-16LE bytes, .NET's "Unicode" encoding
 * (Entra "functions for customizing application data", § ConvertToBase64; the documented
 * output "SABlAGwAbABvACAAdwBvAHIAbABkACEA" is UTF-16LE, not UTF-8).
 *
 * Null: null gives null.
 *
 * Example: ConvertToBase64("Hello world!") → "SABlAGwAbABvACAAdwBvAHIAbABkACEA"
 */
import { toText } from '../coerce.ts';
import { defineFunction } from '../function-def.ts';
import { base64, utf16le } from '../text/base64.ts';

export const convertToBase64 = defineFunction({
  name: 'ConvertToBase64',
  minArgs: 1,
  maxArgs: 1,
  signature: 'ConvertToBase64(source)',
  description: 'Base64 of the text in UTF-16LE (.NET Unicode).',
  evaluate(args) {
    const source = toText(args.value(0), 'ConvertToBase64');
    return source === null ? null : base64(utf16le(source));
  },
});
