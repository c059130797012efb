/**
 * Count(attribute): how many values a multi-valued attribute holds (Entra "functions for
 * customizing application data", § Count). A single value counts as one.
 *
 * Null: an absent attribute counts 0, so that `IIF(Count([proxyAddresses]) > 1, …)` works for
 * users without any.
 *
 * Example: Count([proxyAddresses]) with ["SMTP:a@contoso.com", "smtp:b@contoso.com"] → 2
 */
import { toList } from '../coerce.ts';
import { defineFunction } from '../function-def.ts';

export const count = defineFunction({
  name: 'Count',
  minArgs: 1,
  maxArgs: 1,
  signature: 'Count(attribute)',
  description: 'The number of values in a multi-valued attribute.',
  evaluate(args) {
    return toList(args.value(0)).length;
  },
});
