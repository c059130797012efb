/**
 * The bare (unquoted, unbracketed) names an expression may use, and their values. Entra's
 * reference uses exactly two, as InStr's compareType (`InStr("repEated","e",3,vbBinaryCompare)`);
 * they are VBA constants, so they evaluate to VBA's numbers and `InStr(…, 1)` works too.
 * Names are case-insensitive, like function names.
 *
 * Example: enumValue('vbTextCompare') → 1; enumValue('USA') → undefined (a parse error)
 */
const enumValues: ReadonlyMap<string, number> = new Map([
  ['vbbinarycompare', 0],
  ['vbtextcompare', 1],
]);

export function enumValue(name: string): number | undefined {
  return enumValues.get(name.toLowerCase());
}
