/**
 * The values an expression reads and produces. Entra's attributes are strings, numbers,
 * booleans, multi-valued lists (proxyAddresses) and the appRoleAssignments list; its date
 * functions pass a DateTime between them (CDate → DateAdd), which we hold as a `Date` in UTC.
 * Complex values are role objects (AppRoleAssignmentsComplex) and appRoleAssignments entries.
 *
 * Example: const value: ExpressionValue = ['SMTP:a@contoso.com', 'smtp:b@contoso.com'];
 */

/** One appRoleAssignment of the user to the app, as the directory gives it. */
export interface AppRoleAssignment {
  /** The app role's id (the assignment may carry its own id too). */
  readonly id?: string;
  /** The app role's value, what a SCIM target usually wants. */
  readonly value?: string | null;
  readonly displayName?: string | null;
  readonly [key: string]: string | number | boolean | null | undefined;
}

export type ComplexValue = { readonly [key: string]: string | number | boolean | null | undefined };

export type ScalarValue = string | number | boolean | Date;
export type ElementValue = ScalarValue | ComplexValue;

/** null is "no value": an absent attribute, an empty argument, a function with nothing to say. */
export type ExpressionValue = ElementValue | readonly ElementValue[] | null;

/** What a caller may put in the context; `undefined` reads as null. */
export type AttributeValue = ExpressionValue | undefined;

export function isList(value: ExpressionValue): value is readonly ElementValue[] {
  return Array.isArray(value);
}

export function isComplex(value: ExpressionValue): value is ComplexValue {
  return (
    typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
  );
}

/**
 * An attribute value as the evaluator sees it: `undefined`, NaN/±Infinity and invalid dates
 * become null, null entries are dropped from lists. Anything else outside the types above
 * (a function, a nested list) is not a value either.
 */
export function normalizeAttribute(value: AttributeValue): ExpressionValue {
  if (Array.isArray(value)) {
    const elements: ElementValue[] = [];
    for (const element of value as readonly unknown[]) {
      const normal = normalizeElement(element);
      if (normal !== null) elements.push(normal);
    }
    return elements;
  }
  return normalizeElement(value);
}

function normalizeElement(value: unknown): ElementValue | null {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : null;
    case 'object':
      if (value === null || Array.isArray(value)) return null;
      if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
      return value as ComplexValue;
    default:
      return null;
  }
}
