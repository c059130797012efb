/**
 * StripSpaces(source): the text without any space characters (Entra "functions for
 * customizing application data", § StripSpaces). Only U+0020 is removed, as the reference says
 * (" "); tabs and non-breaking spaces stay.
 *
 * Null: null gives null.
 *
 * Example: StripSpaces("Mary Ann Lee") → "MaryAnnLee"
 */
import { toText } from '../coerce.ts';
import { defineFunction } from '../function-def.ts';

export const stripSpaces = defineFunction({
  name: 'StripSpaces',
  minArgs: 1,
  maxArgs: 1,
  signature: 'StripSpaces(source)',
  description: 'Removes every space character.',
  evaluate(args) {
    return toText(args.value(0), 'StripSpaces')?.replaceAll(' ', '') ?? null;
  },
});
