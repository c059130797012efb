/**
 * Item(attribute, index): one value of a multi-valued attribute, counting from 1 (Entra
 * "functions for customizing application data", § Item: `Item([proxyAddresses], 1)` is the
 * first item and "index 0 shouldn't be used"). An index below 1 is therefore an error, not a
 * silent null; an index past the end gives null. A single value is a list of one.
 *
 * Null: a null attribute gives null.
 *
 * Example: Item([proxyAddresses], 2) with ["SMTP:a@x.com", "smtp:b@x.com"] → "smtp:b@x.com"
 */
import { toInteger } from '../coerce.ts';
import { failEvaluation } from '../evaluation-error.ts';
import { defineFunction } from '../function-def.ts';
import { isNull } from '../presence.ts';

export const item = defineFunction({
  name: 'Item',
  minArgs: 2,
  maxArgs: 2,
  signature: 'Item(attribute, index)',
  description: 'The value at a 1-based index of a multi-valued attribute.',
  evaluate(args) {
    const list = args.value(0);
    const index = toInteger(args.value(1), 'Item index');
    if (index === null) return failEvaluation('Item: the index is missing');
    if (index < 1) failEvaluation(`Item: the index counts from 1, got ${index}`);
    if (isNull(list)) return null;
    const values = Array.isArray(list) ? list : [list];
    return values[index - 1] ?? null;
  },
});
