/**
 * Switch(source, defaultValue, key1, value1, key2, value2, …): the value paired with the first
 * key equal to the source, else defaultValue (Entra "functions for customizing application
 * data", § Switch). (The export is `switchFunction`: `switch` is a reserved word.)
 *
 * - Comparison is of text, ordinal and case-sensitive, as the reference notes; booleans read
 *   "True"/"False", which is what the default `active` mapping
 *   `Switch([IsSoftDeleted], , "False", "True", "True", "False")` relies on.
 * - A null or empty source matches the key "" (the reference's caution: "use a literal empty
 *   string as one of the key values"); a null key is "" too.
 * - Keys and values come in pairs, so the argument count is even (at least 4); checked at
 *   compile time. An empty defaultValue is null. Only the chosen value is evaluated.
 *
 * Example: Switch([state], "Australia/Sydney", "NSW", "Australia/Sydney", "QLD", "Australia/Brisbane")
 *   with "QLD" → "Australia/Brisbane"
 */
import { toText } from '../coerce.ts';
import { ExpressionError } from '../expression-error.ts';
import { defineFunction } from '../function-def.ts';

export const switchFunction = defineFunction({
  name: 'Switch',
  minArgs: 4,
  maxArgs: null,
  signature: 'Switch(source, defaultValue, key1, value1, key2, value2, …)',
  description: 'The value paired with the key equal to the source, else the default.',
  prepare({ node }) {
    if (node.args.length % 2 !== 0) {
      const last = node.args.at(-1)!;
      throw new ExpressionError(
        'arity',
        'Switch takes key/value pairs after the default: this key has no value',
        last.span,
      );
    }
  },
  evaluate(args) {
    const source = toText(args.value(0), 'Switch source') ?? '';
    for (let i = 2; i + 1 < args.count; i += 2) {
      if ((toText(args.value(i), 'Switch key') ?? '') === source) return args.value(i + 1);
    }
    return args.value(1);
  },
});
