/**
 * Word(string, wordNumber, delimiters): the wordNumber-th word, counting from 1, where words
 * are runs of characters between any of the delimiter characters (Entra "functions for
 * customizing application data", § Word). Adjacent delimiters do not make empty words, as in
 * MIM's Word: "a,,b" has two words.
 *
 * The reference's rules: wordNumber below 1 gives ""; a null string gives ""; too few words, or
 * no words, give "". An empty or null delimiters makes the whole string one word.
 *
 * Example: Word("This,string!has&many separators", 3, ",!&#") → "has"
 */
import { toInteger, toText } from '../coerce.ts';
import { failEvaluation } from '../evaluation-error.ts';
import { defineFunction } from '../function-def.ts';

export const word = defineFunction({
  name: 'Word',
  minArgs: 3,
  maxArgs: 3,
  signature: 'Word(string, wordNumber, delimiters)',
  description: 'The n-th word (1-based) between delimiter characters.',
  evaluate(args) {
    const text = toText(args.value(0), 'Word string');
    const number = toInteger(args.value(1), 'Word wordNumber');
    if (number === null) return failEvaluation('Word: wordNumber is missing');
    const delimiters = new Set(toText(args.value(2), 'Word delimiters') ?? '');
    if (text === null || number < 1) return '';
    const words: string[] = [];
    let current = '';
    for (const c of text) {
      if (delimiters.has(c)) {
        if (current !== '') words.push(current);
        current = '';
      } else {
        current += c;
      }
    }
    if (current !== '') words.push(current);
    return words[number - 1] ?? '';
  },
});
