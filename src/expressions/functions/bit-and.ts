/**
 * BitAnd(value1, value2): the bitwise AND of two integers (Entra "functions for customizing
 * application data", § BitAnd). Arguments may be numbers, decimal strings or VBA hex
 * (`&HF7`, also as a string). The arithmetic is on 64-bit signed integers, like .NET's long,
 * so flags above bit 31 (AD's large integer attributes) are not lost.
 *
 * Null: either argument null gives null. A fractional argument is an error.
 *
 * Example: BitAnd(&HF, &HF7) → 7
 */
import { toNumber } from '../coerce.ts';
import { failEvaluation } from '../evaluation-error.ts';
import { defineFunction } from '../function-def.ts';

export const bitAnd = defineFunction({
  name: 'BitAnd',
  minArgs: 2,
  maxArgs: 2,
  signature: 'BitAnd(value1, value2)',
  description: 'The bitwise AND of two integers.',
  evaluate(args) {
    const a = toNumber(args.value(0), 'BitAnd value1');
    const b = toNumber(args.value(1), 'BitAnd value2');
    if (a === null || b === null) return null;
    if (!Number.isInteger(a) || !Number.isInteger(b)) failEvaluation('BitAnd takes whole numbers');
    return Number(BigInt.asIntN(64, BigInt(a)) & BigInt.asIntN(64, BigInt(b)));
  },
});
