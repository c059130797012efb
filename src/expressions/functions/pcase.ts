/**
 * PCase(source, wordSeparators): the text in proper case, the first letter of each word upper
 * and the rest lower (Entra "functions for customizing application data", § PCase). Without
 * separators, words are found by .NET's ToTitleCase rules over Unicode categories; with them,
 * only the given characters separate words. All-capital words are lower-cased first, as the
 * reference's "PABLO GONSALVES (SECOND)" → "Pablo Gonsalves (Second)" shows (plain .NET would
 * keep them as acronyms). Details in `text/title-case.ts`.
 *
 * Null: null gives null. An empty or null wordSeparators means "not specified".
 *
 * Example: PCase([lastName], " '-") with "PINTO-DE'SILVA" → "Pinto-De'Silva"
 */
import { toText } from '../coerce.ts';
import { defineFunction } from '../function-def.ts';
import { properCase } from '../text/title-case.ts';

export const pcase = defineFunction({
  name: 'PCase',
  minArgs: 1,
  maxArgs: 2,
  signature: 'PCase(source, wordSeparators)',
  description: 'Proper case: the first letter of each word upper, the rest lower.',
  evaluate(args) {
    const source = toText(args.value(0), 'PCase source');
    if (source === null) return null;
    const separators = toText(args.value(1), 'PCase wordSeparators') || undefined;
    return properCase(source, separators);
  },
});
