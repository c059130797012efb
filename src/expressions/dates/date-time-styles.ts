/**
 * FormatDateTime's dateTimeStyles argument: .NET DateTimeStyles names, separated by commas or
 * `|`, case-insensitive, with or without the "DateTimeStyles." prefix (Entra "functions for
 * customizing application data", § FormatDateTime). Empty means Entra's default (RoundtripKind,
 * AllowLeadingWhite, AllowTrailingWhite). Only two styles change anything here: every value is
 * UTC already (so AssumeUniversal, AdjustToUniversal, RoundtripKind, AssumeLocal are accepted
 * and have no effect) and leading/trailing whitespace is always allowed.
 *
 * Example: parseDateTimeStyles('AllowWhiteSpaces') → { allowInnerWhite: true, noCurrentDateDefault: false }
 */

export interface DateTimeStyles {
  allowInnerWhite: boolean;
  noCurrentDateDefault: boolean;
}

const known = new Set([
  'none',
  'allowleadingwhite',
  'allowtrailingwhite',
  'allowinnerwhite',
  'allowwhitespaces',
  'nocurrentdatedefault',
  'adjusttouniversal',
  'assumelocal',
  'assumeuniversal',
  'roundtripkind',
]);

/** The styles, or the name that is not a DateTimeStyles value. */
export function parseDateTimeStyles(text: string | null): DateTimeStyles | string {
  const styles: DateTimeStyles = { allowInnerWhite: false, noCurrentDateDefault: false };
  for (const part of (text ?? '').split(/[,|]/)) {
    const name = part
      .trim()
      .replace(/^DateTimeStyles\./i, '')
      .toLowerCase();
    if (name === '') continue;
    if (!known.has(name)) return part.trim();
    if (name === 'allowinnerwhite' || name === 'allowwhitespaces') styles.allowInnerWhite = true;
    if (name === 'nocurrentdatedefault') styles.noCurrentDateDefault = true;
  }
  return styles;
}
