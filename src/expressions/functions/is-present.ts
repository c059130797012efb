/**
 * IsPresent(expression): True when the value is neither null nor empty (Entra "functions for
 * customizing application data", § IsPresent); the inverse of IsNullOrEmpty. A present number,
 * boolean or date counts as present, not only a string.
 *
 * Example: IsPresent([directManager]) with directManager "m1" → True
 */
import { defineFunction } from '../function-def.ts';
import { isNullOrEmpty } from '../presence.ts';

export const isPresent = defineFunction({
  name: 'IsPresent',
  minArgs: 1,
  maxArgs: 1,
  signature: 'IsPresent(expression)',
  description: 'True when the value is neither null nor empty.',
  evaluate(args) {
    return !isNullOrEmpty(args.value(0));
  },
});
