/**
 * The admin API's request and response shapes as zod 4 schemas: requests are checked against
 * them, and openapi.ts turns the same schemas into the OpenAPI document, so the two cannot
 * drift apart. Content rules the domain owns (tenant names, password length) reuse its
 * patterns and words.
 *
 * Example: createTenantBody.parse({ name: 'acme', adminEmail: 'admin@acme.test', adminPassword: '…' })
 */
import { z } from 'zod';
import {
  appProfilePresets,
  maxPasswordLength,
  minPasswordLength,
  passwordRule,
  tenantNamePattern,
  tenantNameProblem,
} from '../scim-server/index.ts';

const email = (description: string) =>
  z
    .string()
    .max(254, { error: 'an email address has at most 254 characters' })
    .meta({ description, format: 'email', examples: ['admin@acme.test'] });

const newPassword = z
  .string()
  .min(minPasswordLength, {
    error: (issue) =>
      `adminPassword is ${[...String(issue.input)].length} characters long; ${passwordRule}`,
  })
  .max(maxPasswordLength, { error: `adminPassword is too long; ${passwordRule}` })
  .meta({ description: `The first admin's password: ${passwordRule}.` });

const password = z
  .string()
  .max(maxPasswordLength, { error: `password is too long; ${passwordRule}` })
  .meta({ description: "The admin's password." });

export const createTenantBody = z.strictObject({
  name: z
    .string()
    .regex(tenantNamePattern, { error: (issue) => tenantNameProblem(String(issue.input)) })
    .meta({ description: 'The tenant name, used in its SCIM Base URL.', examples: ['acme'] }),
  adminEmail: email('The first admin: the email they sign in with.'),
  adminPassword: newPassword,
  profile: z
    .enum(appProfilePresets as ['generic', 'wrike'])
    .optional()
    .meta({
      description:
        'What the SCIM endpoint accepts: `wrike` is users only, userName = work email. Default `generic`.',
    }),
  allowedDomains: z
    .array(z.string())
    .max(100)
    .optional()
    .meta({ description: 'Only emails in these domains are accepted (e.g. ["acme.test"]).' }),
});

export const signInBody = z.strictObject({ email: email("The admin's email."), password });

export const mintTokenBody = z.strictObject({
  password: password.meta({ description: "The signed-in admin's password, entered again." }),
  email: email(
    'With the operator token only: which admin re-enters the password (default: the only admin).',
  ).optional(),
});

export const listQuery = z.strictObject({
  filter: z
    .string()
    .max(10_000)
    .optional()
    .meta({ description: 'A SCIM filter (RFC 7644 §3.4.2.2), e.g. userName sw "a".' }),
  startIndex: z.coerce
    .number({ error: 'startIndex must be a whole number from 1' })
    .int({ error: 'startIndex must be a whole number from 1' })
    .min(1, { error: 'startIndex must be a whole number from 1' })
    .default(1),
  count: z.coerce
    .number({ error: 'count must be a whole number from 0 to 200' })
    .int({ error: 'count must be a whole number from 0 to 200' })
    .min(0, { error: 'count must be a whole number from 0 to 200' })
    .max(200, { error: 'count must be a whole number from 0 to 200' })
    .default(50),
});

const timestamp = z.string().meta({ format: 'date-time' });

export const appProfileSchema = z.object({
  groups: z.boolean().optional(),
  userNameIsEmail: z.boolean().optional(),
  allowedEmailDomains: z.array(z.string()).optional(),
});

export const tenantView = z.object({
  tenant: z.string(),
  baseUrl: z.string().meta({ description: "The tenant's SCIM Base URL (the IdP's Tenant URL)." }),
  profile: appProfileSchema,
  created: timestamp,
});

export const tenantList = z.object({ tenants: z.array(tenantView) });

export const scimEndpointView = z.object({ tenant: z.string(), baseUrl: z.string() });

export const sessionView = z.object({
  session: z.string().meta({
    description:
      'The session token (also set as the roster_session cookie). Send as Authorization: Bearer.',
  }),
  tenant: z.string(),
  email: z.string(),
  expires: timestamp,
});

export const tokenView = z.object({
  id: z.string(),
  prefix: z
    .string()
    .meta({ description: 'The first characters of the token, to tell tokens apart.' }),
  created: timestamp,
  lastUsed: timestamp.nullable(),
  revoked: timestamp.nullable(),
});

export const tokenList = z.object({ tokens: z.array(tokenView) });

export const mintedTokenView = z.object({
  id: z.string(),
  token: z
    .string()
    .meta({ description: 'The Secret Token: shown in this response only, never again.' }),
  prefix: z.string(),
  baseUrl: z.string(),
  created: timestamp,
});

const resourceView = z.looseObject({ id: z.string(), created: timestamp, lastModified: timestamp });

export const resourcePage = (key: 'users' | 'groups') =>
  z.object({
    totalResults: z.number().int(),
    startIndex: z.number().int(),
    itemsPerPage: z.number().int(),
    [key]: z.array(resourceView),
  });

export const errorView = z.object({
  error: z.object({
    code: z.string().meta({
      description:
        'invalid, unsupportedMediaType, unauthorized, forbidden, notFound, conflict, tooLarge, locked, internal, unavailable',
    }),
    message: z.string().meta({ description: 'What went wrong, in words.' }),
    field: z.string().nullable().meta({ description: 'The request field the message is about.' }),
  }),
});
