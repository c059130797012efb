/**
 * Join(separator, source1, source2, …): the sources' text, separated by the separator (Entra
 * "functions for customizing application data", § Join). Every value of a multi-valued source
 * is joined. Null and empty values are skipped, so no doubled separators appear: the
 * reference's own example `Join(", ", "", [surname], [givenName])` gives "Doe, John".
 *
 * Null: when nothing is left to join, the result is null (a user with neither givenName nor
 * surname gets no name.formatted, rather than ""). A null separator joins with "".
 *
 * Example: Join(" ", [givenName], [surname]) with "John", "Doe" → "John Doe"
 */
import { elementText, toList, toText } from '../coerce.ts';
import { defineFunction } from '../function-def.ts';

export const join = defineFunction({
  name: 'Join',
  minArgs: 2,
  maxArgs: null,
  signature: 'Join(separator, source1, source2, …)',
  description: 'Joins values (all values of multi-valued ones) with a separator.',
  evaluate(args) {
    const separator = toText(args.value(0), 'Join separator') ?? '';
    const parts: string[] = [];
    for (let i = 1; i < args.count; i++) {
      for (const element of toList(args.value(i))) {
        const text = elementText(element);
        if (text !== '') parts.push(text);
      }
    }
    return parts.length === 0 ? null : parts.join(separator);
  },
});
