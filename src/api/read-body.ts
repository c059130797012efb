/**
 * Reads a JSON request body and checks it against a zod schema, turning the first problem into
 * an ApiError that names the field in words ("adminEmail is required", "profile must be one
 * of: generic, wrike").
 *
 * Example: const body = await readBody(c, createTenantBody);
 */
import type { Context } from 'hono';
import type { z } from 'zod';
import { ApiError } from './api-error.ts';

const kindOf = (value: unknown) =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'object'
        ? 'an object'
        : `a ${typeof value}`;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let value = input;
  for (const key of path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key];
  return value;
}

/** The first zod issue as an ApiError 400 naming its field. */
export function issueToApiError(
  error: z.ZodError,
  input: unknown,
  where = 'the request body',
): ApiError {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join('.');
  switch (issue.code) {
    case 'unrecognized_keys': {
      const key = issue.keys[0]!;
      return new ApiError(400, 'invalid', `${JSON.stringify(key)} is not a field of ${where}`, key);
    }
    case 'invalid_type': {
      if (field === '')
        return new ApiError(400, 'invalid', `${where} must be a JSON object, not ${kindOf(input)}`);
      const value = valueAt(input, issue.path);
      // A message the schema wrote itself beats the generic one.
      if (value !== undefined && !issue.message.startsWith('Invalid input'))
        return new ApiError(400, 'invalid', issue.message, field);
      if (value === undefined) return new ApiError(400, 'invalid', `${field} is required`, field);
      return new ApiError(
        400,
        'invalid',
        `${field} must be ${issue.expected === 'array' ? 'an array' : `a ${issue.expected}`}, not ${kindOf(value)}`,
        field,
      );
    }
    case 'invalid_value':
      return new ApiError(
        400,
        'invalid',
        `${field} must be one of: ${issue.values.map(String).join(', ')}`,
        field,
      );
    default:
      return new ApiError(
        400,
        'invalid',
        issue.message.startsWith(field) ? issue.message : `${field}: ${issue.message}`,
        field || null,
      );
  }
}

export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/json\b/i.test(type))
    throw new ApiError(
      415,
      'unsupportedMediaType',
      'send the request body as JSON, with Content-Type: application/json',
    );
  const text = await c.req.text();
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    throw new ApiError(
      400,
      'invalid',
      `the request body is not valid JSON: ${(error as Error).message}`,
    );
  }
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw issueToApiError(parsed.error, input);
  return parsed.data;
}

/** Checks the query string against a zod schema (values arrive as strings). */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  const input = c.req.query();
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw issueToApiError(parsed.error, input, 'the query string');
  return parsed.data;
}
