/**
 * ToLower(source, culture): the text in lower case (Entra "functions for customizing
 * application data", § ToLower), by the invariant culture or by the culture given as an RFC 4646
 * name ("tr-TR"). Each character maps to one character, as in .NET (`text/case-map.ts`).
 * A literal culture is checked at compile time.
 *
 * Null: null gives null; an empty culture is the invariant one.
 *
 * Example: ToLower("John.Smith@Contoso.com") → "john.smith@contoso.com"
 */
import { defineFunction } from '../function-def.ts';
import { caseFunction } from '../text/case-function.ts';
import { toLowerText } from '../text/case-map.ts';

export const toLower = defineFunction(
  caseFunction('ToLower', 'Converts text to lower case.', toLowerText),
);
