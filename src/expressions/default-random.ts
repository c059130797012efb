/**
 * The random source Guid and RandomString use when the caller injects none: the platform's
 * cryptographically secure generator (RandomString makes passwords), with rejection sampling so
 * that every integer in the range is equally likely. Tests inject their own for determinism.
 *
 * Example: secureRandomInt(10) → 7
 */

export function secureRandomInt(maxExclusive: number): number {
  if (!Number.isInteger(maxExclusive) || maxExclusive < 1 || maxExclusive > 2 ** 32) {
    throw new RangeError(`secureRandomInt: bad range ${maxExclusive}`);
  }
  const buffer = new Uint32Array(1);
  const limit = 2 ** 32 - (2 ** 32 % maxExclusive);
  while (true) {
    globalThis.crypto.getRandomValues(buffer);
    if (buffer[0]! < limit) return buffer[0]! % maxExclusive;
  }
}
