/**
 * Upper- and lower-casing as .NET's TextInfo does it (Entra "functions for customizing
 * application data", § ToLower, § ToUpper): one character at a time, each mapping to exactly
 * one character. JavaScript's full case mapping would turn "ß" into "SS" and "ﬁ" into "FI";
 * .NET leaves them, and so do we, so the length never changes and casing is idempotent.
 * Without a culture the mapping is the invariant one; with a culture ("tr-TR") the language's
 * rules apply (Turkish dotted and dotless i).
 *
 * Example: toUpperText('straße', undefined) → 'STRAßE'; toUpperText('i', 'tr-TR') → 'İ'
 */

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return false;
  return true;
}

export function toUpperText(text: string, culture: string | undefined): string {
  if (culture === undefined && isAscii(text)) return text.toUpperCase();
  return mapEach(text, (c) =>
    culture === undefined ? c.toUpperCase() : c.toLocaleUpperCase(culture),
  );
}

export function toLowerText(text: string, culture: string | undefined): string {
  if (culture === undefined && isAscii(text)) return text.toLowerCase();
  return mapEach(text, (c) =>
    culture === undefined ? c.toLowerCase() : c.toLocaleLowerCase(culture),
  );
}

function mapEach(text: string, map: (c: string) => string): string {
  let out = '';
  for (const c of text) {
    const mapped = map(c);
    out += [...mapped].length === 1 ? mapped : c;
  }
  return out;
}

/** The canonical form of a culture name, or undefined if it is not a well-formed tag. */
export function canonicalCulture(culture: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(culture)[0];
  } catch {
    return undefined;
  }
}
