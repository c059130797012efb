/**
 * Where an API error goes on a form: next to the field it names (`error.field`), or, when it
 * names none of the form's fields, in the form's own alert. `fallbackField` takes the errors
 * that name no field (e.g. "the email or password is wrong" → next to the password).
 *
 * Example: errorsFrom(new ApiFailure(400, 'invalid', 'employeeId has 20 characters…', 'employeeId'), ['employeeId'])
 *   → { fields: { employeeId: 'employeeId has 20 characters…' }, form: null }
 */
import { ApiFailure } from '../api/http.ts';

export interface FormErrors {
  fields: Record<string, string>;
  form: string | null;
}

export const noErrors: FormErrors = { fields: {}, form: null };

/**
 * Capitalises a message's first word so it reads as a sentence ("the email…" → "The email…"),
 * but leaves a field name as the API spells it ("employeeId has 20 characters…").
 */
export const sentence = (text: string) =>
  /^[a-z]+(?:\s|$)/.test(text) ? text[0]!.toUpperCase() + text.slice(1) : text;

export function errorsFrom(
  error: unknown,
  fields: readonly string[],
  fallbackField?: string,
): FormErrors {
  if (!(error instanceof ApiFailure)) {
    const message = error instanceof Error ? error.message : String(error);
    return { fields: {}, form: sentence(message) };
  }
  const message = sentence(error.message);
  if (error.field !== null) {
    const named = fields.find((f) => f.toLowerCase() === error.field!.toLowerCase());
    if (named) return { fields: { [named]: message }, form: null };
  }
  if (
    fallbackField &&
    error.field === null &&
    (error.code === 'invalid' || error.code === 'unauthorized' || error.code === 'locked')
  )
    return { fields: { [fallbackField]: message }, form: null };
  return { fields: {}, form: message };
}

/** Whether the form has any error to show. */
export const hasErrors = (errors: FormErrors) =>
  errors.form !== null || Object.keys(errors.fields).length > 0;
