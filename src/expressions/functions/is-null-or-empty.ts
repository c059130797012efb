/**
 * IsNullOrEmpty(expression): True when the value is null or the empty string (Entra
 * "functions for customizing application data", § IsNullOrEmpty); the inverse of IsPresent.
 * Whitespace is not empty.
 *
 * Example: IsNullOrEmpty([displayName]) with displayName "" → True
 */
import { defineFunction } from '../function-def.ts';
import { isNullOrEmpty as valueIsNullOrEmpty } from '../presence.ts';

export const isNullOrEmpty = defineFunction({
  name: 'IsNullOrEmpty',
  minArgs: 1,
  maxArgs: 1,
  signature: 'IsNullOrEmpty(expression)',
  description: 'True when the value is null or empty.',
  evaluate(args) {
    return valueIsNullOrEmpty(args.value(0));
  },
});
