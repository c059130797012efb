/**
 * RemoveDuplicates(attribute): the values of a multi-valued attribute with repeats removed,
 * first occurrence kept, order kept (Entra "functions for customizing application data",
 * § RemoveDuplicates). Comparison is exact and case-sensitive: "SMTP:a@x.com" (primary) and
 * "smtp:a@x.com" (alias) mean different things in proxyAddresses. A single value is a list of one.
 *
 * Null: null gives null.
 *
 * Example: RemoveDuplicates([proxyAddresses]) with ["smtp:a@x", "smtp:b@x", "smtp:a@x"] → ["smtp:a@x", "smtp:b@x"]
 */
import { elementText, toList } from '../coerce.ts';
import { defineFunction } from '../function-def.ts';
import { isNull } from '../presence.ts';
import type { ElementValue } from '../values.ts';

export const removeDuplicates = defineFunction({
  name: 'RemoveDuplicates',
  minArgs: 1,
  maxArgs: 1,
  signature: 'RemoveDuplicates(attribute)',
  description: 'The values of a multi-valued attribute without repeats.',
  evaluate(args) {
    const value = args.value(0);
    if (isNull(value)) return null;
    const seen = new Set<string>();
    const out: ElementValue[] = [];
    for (const element of toList(value)) {
      const key = `${typeof element}:${elementText(element)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(element);
    }
    return out;
  },
});
