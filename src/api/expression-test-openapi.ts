/**
 * The OpenAPI entry of `POST /apps/{app}/provisioning/expressions/test` (expression-test-routes.ts),
 * generated from the same zod schemas, merged into /api/v1/openapi.json by createAdminApi.
 *
 * Example: addExpressionTestOpenApi(createOpenApiDocument('0.1.0')).paths['/apps/{app}/provisioning/expressions/test']
 */
import { z } from 'zod';
import { identityRoleNames } from '../directory/index.ts';
import { expressionTestBody, expressionTestView } from './expression-test-routes.ts';

const path = '/apps/{app}/provisioning/expressions/test';

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

const spanError = {
  type: 'object',
  properties: {
    error: {
      type: 'object',
      properties: {
        code: { const: 'invalid' },
        message: { type: 'string' },
        field: { const: 'expression' },
        span: {
          type: 'object',
          description: 'The offending text, end exclusive',
          properties: { start: { type: 'integer' }, end: { type: 'integer' } },
          required: ['start', 'end'],
        },
      },
      required: ['code', 'message', 'field', 'span'],
    },
  },
  required: ['error'],
};

/** Adds the expression test to the admin API's document. */
export function addExpressionTestOpenApi(
  document: Record<string, unknown>,
): Record<string, unknown> {
  document.paths ??= {};
  const paths = document.paths as Record<string, Record<string, unknown>>;
  const error = {
    description: 'An error in words, naming the field',
    content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
  };
  paths[path] ??= {};
  paths[path]!.post = {
    summary: 'Test an attribute-mapping expression against one directory user',
    description: `Needs permission read: ${identityRoleNames.join(', ')}.`,
    tags: ['provisioning'],
    security: [{ operatorToken: [] }, { identityToken: [] }, { identitySessionCookie: [] }],
    parameters: [{ name: 'app', in: 'path', required: true, schema: { type: 'string' } }],
    requestBody: {
      required: true,
      content: { 'application/json': { schema: jsonSchema(expressionTestBody, 'input') } },
    },
    responses: {
      200: {
        description: 'The value and its type',
        content: { 'application/json': { schema: jsonSchema(expressionTestView, 'output') } },
      },
      400: {
        description: 'The expression does not parse, or fails for this user: the span to underline',
        content: { 'application/json': { schema: spanError } },
      },
      '4XX': error,
      '5XX': error,
    },
  };
  return document;
}
