/**
 * ToUpper(source, culture): the text in upper case (Entra "functions for customizing
 * application data", § ToUpper), by the invariant culture or by the culture given ("tr-TR").
 * Each character maps to one character, as in .NET: "ß" stays "ß" (`text/case-map.ts`).
 * A literal culture is checked at compile time.
 *
 * Null: null gives null; an empty culture is the invariant one.
 *
 * Example: ToUpper("contoso", "en-US") → "CONTOSO"
 */
import { defineFunction } from '../function-def.ts';
import { caseFunction } from '../text/case-function.ts';
import { toUpperText } from '../text/case-map.ts';

export const toUpper = defineFunction(
  caseFunction('ToUpper', 'Converts text to upper case.', toUpperText),
);
