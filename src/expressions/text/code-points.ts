/**
 * Positions in text counted in characters (Unicode code points), not UTF-16 units, so that
 * Left, Mid, InStr and Word never cut an emoji or a supplementary-plane letter in half. For
 * the Latin text of directory attributes this is the same as .NET's counting.
 *
 * Example: codePointSlice('a😀b', 1, 2) → '😀'; codePointIndex('a😀b', 3) → 2
 */

export function codePointLength(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/** The characters [start, end) of the text, 0-based, in code points. */
export function codePointSlice(
  text: string,
  start: number,
  end = Number.POSITIVE_INFINITY,
): string {
  return Array.from(text).slice(start, end).join('');
}

/** The UTF-16 offset of the code point with 0-based index `index` (the text's length past the end). */
export function utf16Offset(text: string, index: number): number {
  let offset = 0;
  let count = 0;
  for (const c of text) {
    if (count === index) return offset;
    offset += c.length;
    count++;
  }
  return text.length;
}

/** The 0-based code point index of a UTF-16 offset. */
export function codePointIndex(text: string, offset: number): number {
  return codePointLength(text.slice(0, offset));
}
