/** A SCIM resource as JSON: core attributes at the top level, extensions under their URN. */
export type ScimResource = Record<string, unknown>;

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A deep copy of a JSON value (what JSON.parse can give: objects, arrays, primitives) that
 * shares nothing with the input. ~10× faster than structuredClone on a user (0.3 vs 3 µs),
 * which PATCH pays for every resource it applies operations to. A `__proto__` key stays an
 * own data property, as JSON.parse made it, instead of setting the copy's prototype.
 */
export function cloneJson<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map(cloneJson) as T;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const item = cloneJson((value as Record<string, unknown>)[key]);
    if (key === '__proto__')
      Object.defineProperty(copy, key, {
        value: item,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else copy[key] = item;
  }
  return copy as T;
}
