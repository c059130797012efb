/**
 * Not(source): False when the source is True, otherwise True (Entra "functions for
 * customizing application data", § Not). We follow that literally: "True" in any case, the
 * boolean True and a non-zero number are True; everything else, null and unrecognised text
 * included, gives True.
 *
 * Example: Not([accountEnabled]) with "True" → False
 */
import { single } from '../coerce.ts';
import { defineFunction } from '../function-def.ts';

export const not = defineFunction({
  name: 'Not',
  minArgs: 1,
  maxArgs: 1,
  signature: 'Not(source)',
  description: 'False when the value is True, otherwise True.',
  evaluate(args) {
    const value = single(args.value(0), 'Not');
    const isTrue =
      value === true ||
      (typeof value === 'number' && value !== 0) ||
      (typeof value === 'string' && value.trim().toLowerCase() === 'true');
    return !isTrue;
  },
});
