/**
 * NormalizeDiacritics(source): the text with accented Latin letters replaced by plain ones
 * (Entra "functions for customizing application data", § NormalizeDiacritics). The reference's
 * table is reproduced by two steps: Unicode canonical decomposition with the combining marks
 * (U+0300–U+036F) removed, which turns "ë", "ā́" or "ṉ" into "e", "a", "n"; then the letters
 * that do not decompose: æ → ae, ø → oe, œ → oe (the table lists "œ̄"; plain œ is treated
 * alike), ß → ss, ł → l, ı → i, and their capitals. Marks on non-Latin letters stay: only the
 * Latin combining block is removed, and other scripts are left alone.
 *
 * Null: null gives null.
 *
 * Example: NormalizeDiacritics([givenName]) with "Zoë" → "Zoe"
 */
import { toText } from '../coerce.ts';
import { defineFunction } from '../function-def.ts';

const letters: Record<string, string> = {
  æ: 'ae',
  Æ: 'AE',
  ø: 'oe',
  Ø: 'OE',
  œ: 'oe',
  Œ: 'OE',
  ß: 'ss',
  ł: 'l',
  Ł: 'L',
  ı: 'i',
};

export function removeDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[æÆøØœŒßłŁı]/g, (c) => letters[c]!)
    .normalize('NFC');
}

export const normalizeDiacritics = defineFunction({
  name: 'NormalizeDiacritics',
  minArgs: 1,
  maxArgs: 1,
  signature: 'NormalizeDiacritics(source)',
  description: 'Replaces accented letters with their plain forms.',
  evaluate(args) {
    const source = toText(args.value(0), 'NormalizeDiacritics');
    return source === null ? null : removeDiacritics(source);
  },
});
