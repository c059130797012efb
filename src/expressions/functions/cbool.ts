/**
 * CBool(expression): the expression as a boolean; non-zero numbers are True (Entra "functions
 * for customizing application data", § CBool). Also reads booleans, "True"/"False" in any
 * case and numeric strings; any other text is an error (VBA's "type mismatch").
 *
 * Null: null gives null (no value to convert), not False.
 *
 * Example: CBool([attribute1] = [attribute2]) → True when both hold the same value
 */
import { toBoolean } from '../coerce.ts';
import { defineFunction } from '../function-def.ts';

export const cbool = defineFunction({
  name: 'CBool',
  minArgs: 1,
  maxArgs: 1,
  signature: 'CBool(expression)',
  description: 'Converts a value to True or False; non-zero numbers are True.',
  evaluate(args) {
    return toBoolean(args.value(0), 'CBool');
  },
});
