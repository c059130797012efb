/** A SCIM resource as JSON: core attributes at the top level, extensions under their URN. */
export type ScimResource = Record<string, unknown>;

export const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
