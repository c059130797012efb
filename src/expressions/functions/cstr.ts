/**
 * CStr(value): the value as text (Entra "functions for customizing application data", § CStr):
 * numbers in decimal, booleans as "True"/"False", DateTime as "M/d/yyyy h:mm:ss tt" (see
 * `coerce.ts`).
 *
 * Null: null gives null.
 *
 * Example: CStr([dn]) → "cn=Joe,dc=contoso,dc=com"
 */
import { toText } from '../coerce.ts';
import { defineFunction } from '../function-def.ts';

export const cstr = defineFunction({
  name: 'CStr',
  minArgs: 1,
  maxArgs: 1,
  signature: 'CStr(value)',
  description: 'Converts a number, boolean, date or reference to text.',
  evaluate(args) {
    return toText(args.value(0), 'CStr');
  },
});
