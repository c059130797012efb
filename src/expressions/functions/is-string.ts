/**
 * IsString(expression): True when the value is a string (Entra "functions for customizing
 * application data", § IsString). We read "can be evaluated to a string type" as "is of string
 * type": numbers, booleans and DateTime values can be converted to text, but they are not
 * strings, or IsString would be True for everything but null. The empty string is a string; a
 * single-element list reads as its element.
 *
 * Example: IsString([employeeId]) with employeeId 42 (a number) → False
 */
import { single } from '../coerce.ts';
import { defineFunction } from '../function-def.ts';

export const isString = defineFunction({
  name: 'IsString',
  minArgs: 1,
  maxArgs: 1,
  signature: 'IsString(expression)',
  description: 'True when the value is a string.',
  evaluate(args) {
    const value = args.value(0);
    if (Array.isArray(value) && value.length > 1) return false;
    return typeof single(value, 'IsString') === 'string';
  },
});
