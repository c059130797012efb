/**
 * Append(source, suffix): the source text followed by the suffix (Entra "functions for
 * customizing application data", § Append).
 *
 * Null: a null source gives null, since there is nothing to append to and Entra sends no value
 * for a null source; a null suffix appends nothing.
 *
 * Example: Append([userPrincipalName], ".test") with "John.Doe@contoso.com"
 *   → "John.Doe@contoso.com.test"
 */
import { toText } from '../coerce.ts';
import { defineFunction } from '../function-def.ts';

export const append = defineFunction({
  name: 'Append',
  minArgs: 2,
  maxArgs: 2,
  signature: 'Append(source, suffix)',
  description: 'Adds a suffix to the end of the source text.',
  evaluate(args) {
    const source = toText(args.value(0), 'Append source');
    if (source === null) return null;
    return source + (toText(args.value(1), 'Append suffix') ?? '');
  },
});
