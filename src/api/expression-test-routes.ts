/**
 * `POST /apps/{app}/provisioning/expressions/test`: the attribute-mapping editor's "test this
 * expression against user X". 200 `{value, type, user, isSoftDeleted}`; an expression that does
 * not parse (or fails for this user) is a 400 naming the field `expression` with the `span` of
 * the offending text, so the console can underline it. Any identity role may call it: it reads
 * what that role may read anyway.
 *
 * Example: POST /api/v1/apps/Wrike/provisioning/expressions/test
 *   {"expression":"Join(\" \", [givenName], [surname])","user":"ann@contoso.test"}
 *   → 200 {"value":"Ann Lee","type":"string","user":"ann@contoso.test","isSoftDeleted":false}
 */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Directory } from '../directory/index.ts';
import { isDirectoryError } from '../directory/index.ts';
import {
  isProvisioningError,
  type Provisioning,
  type ProvisioningErrorKind,
} from '../engine/index.ts';
import { expressionLimits } from '../expressions/index.ts';
import { ApiError, errorResponse } from './api-error.ts';
import { fromDirectoryError, type IdentityEnv, identityGuard } from './identity-auth.ts';
import { readBody } from './read-body.ts';
import type { SessionStore } from './session-store.ts';

export const expressionTestPath = '/apps/:app/provisioning/expressions/test';

export const expressionTestBody = z.strictObject({
  expression: z
    .string()
    // Longer than the language allows is the compiler's to explain (with its span).
    .max(expressionLimits.maxExpressionLength * 10)
    .meta({ description: 'The expression text, as in an attribute mapping of type expression' }),
  user: z
    .string()
    .min(1)
    .meta({ description: 'The directory user: its object id or userPrincipalName' }),
});

export const expressionTestView = z.object({
  value: z
    .unknown()
    .meta({ description: 'The result (DateTime values as Entra shows them), or null' }),
  type: z.enum(['string', 'boolean', 'number', 'list', 'null']),
  user: z.string().meta({ description: "The user's userPrincipalName" }),
  isSoftDeleted: z.boolean().meta({ description: 'What [IsSoftDeleted] read for this user' }),
});

export interface ExpressionTestApiDeps {
  directory: Directory;
  provisioning: Provisioning;
  sessions: SessionStore;
  adminToken?: string | undefined;
}

const statuses: Record<ProvisioningErrorKind, 400 | 404 | 409> = {
  invalid: 400,
  notFound: 404,
  conflict: 409,
};

// biome-ignore lint/suspicious/noExplicitAny: mounts into any Hono router (ApiEnv or plain)
export function registerExpressionTestApi(api: Hono<any>, deps: ExpressionTestApiDeps): void {
  const routes = new Hono<IdentityEnv>();
  const read = identityGuard(deps, 'read');

  routes.post(expressionTestPath, read, async (c) => {
    const body = await readBody(c, expressionTestBody);
    const result = await deps.provisioning.testExpression(c.req.param('app'), body);
    if (result.ok) {
      const { ok: _ok, ...answer } = result;
      return c.json(answer);
    }
    const error = {
      code: 'invalid',
      message:
        result.stage === 'parse'
          ? `the expression does not parse: ${result.message}`
          : `the expression fails: ${result.message}`,
      field: 'expression',
      span: result.span,
    };
    return c.json({ error }, 400);
  });

  routes.onError((error, c) => {
    if (isProvisioningError(error))
      return errorResponse(
        c,
        new ApiError(statuses[error.kind], error.kind, error.message, error.field ?? null),
      );
    if (isDirectoryError(error)) return errorResponse(c, fromDirectoryError(error));
    throw error;
  });
  api.route('/', routes);
}
