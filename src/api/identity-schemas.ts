/**
 * The identity side's request and response shapes (zod 4): directory users and groups, apps,
 * assignments, identity admins and tokens. Requests are checked against them; identity-openapi.ts
 * turns the same schemas into the OpenAPI document. Value rules (UPN syntax, lengths, cycles)
 * belong to the directory ring, which answers with a DirectoryError naming the field.
 *
 * Example: userBody.parse({ userPrincipalName: 'ann@contoso.test', jobTitle: 'Lead' })
 */
import { z } from 'zod';
import { identityRoleNames, importKeys, userTextAttributes } from '../directory/index.ts';

const timestamp = z.string().meta({ format: 'date-time' });
const text = (description: string) => z.string().nullable().optional().meta({ description });

const textFields = Object.fromEntries(
  Object.entries(userTextAttributes).map(([name, max]) => [
    name,
    text(`At most ${max} characters; null or "" clears it.`),
  ]),
) as Record<keyof typeof userTextAttributes, ReturnType<typeof text>>;

const extensions = z
  .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
  .meta({
    description:
      'extensionAttribute1–15 and directory extensions (extension_<app>_<name>); null removes one.',
  });

export const userBody = z.strictObject({
  userPrincipalName: z
    .string()
    .optional()
    .meta({
      description: 'The sign-in name (name@domain); required to create a user.',
      examples: ['ann@contoso.test'],
    }),
  accountEnabled: z.boolean().optional().meta({ description: 'Default true.' }),
  manager: z
    .string()
    .nullable()
    .optional()
    .meta({ description: "The manager's object id or userPrincipalName; null clears it." }),
  ...textFields,
  extensions: extensions.optional(),
});

export const groupBody = z.strictObject({
  displayName: z.string().optional().meta({ description: 'Required to create a group.' }),
  description: text('At most 1024 characters.'),
  mailNickname: text('No spaces or @ ( ) \\ [ ] " ; : < > ,'),
  securityEnabled: z.boolean().optional().meta({ description: 'Default true.' }),
});

export const membersBody = z.strictObject({
  members: z
    .array(z.string())
    .min(1)
    .max(1000)
    .meta({ description: 'Object ids of users and groups to add (groups nest).' }),
});

const wholeNumber = (name: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number from ${min} to ${max}` })
    .int({ error: `${name} must be a whole number from ${min} to ${max}` })
    .min(min, { error: `${name} must be a whole number from ${min} to ${max}` })
    .max(max, { error: `${name} must be a whole number from ${min} to ${max}` })
    .default(fallback);

export const directoryListQuery = z.strictObject({
  state: z
    .enum(['active', 'deleted', 'all'])
    .default('active')
    .meta({ description: 'Live objects (default), soft-deleted ones, or both.' }),
  search: z.string().max(256).optional().meta({
    description:
      'Prefix of userPrincipalName, displayName or mail (groups: displayName), any case.',
  }),
  startIndex: wholeNumber('startIndex', 1, Number.MAX_SAFE_INTEGER, 1),
  count: wholeNumber('count', 1, 200, 50),
});

export const membersQuery = z.strictObject({
  transitive: z
    .enum(['true', 'false'])
    .default('false')
    .meta({ description: 'true: the users of this group and of every nested group, each once.' }),
});

export const changesQuery = z.strictObject({
  since: wholeNumber('since', 0, Number.MAX_SAFE_INTEGER, 0).meta({
    description: 'The last sequence number already seen (0 for the start).',
  }),
  limit: wholeNumber('limit', 1, 1000, 100),
});

export const importQuery = z.strictObject({
  key: z.enum(importKeys as [string, ...string[]]).meta({
    description: 'The attribute rows are matched on: a match is updated, no match is created.',
  }),
  format: z.enum(['csv', 'json']).optional().meta({
    description: 'Default: from Content-Type (text/csv, application/json, application/x-ndjson).',
  }),
});

export const appBody = z.strictObject({
  template: z.string().meta({ description: 'A gallery template id.', examples: ['wrike'] }),
  name: z.string().optional().meta({ description: "Default: the template's name." }),
});

export const appPatchBody = z.strictObject({ name: z.string() });

export const assignmentBody = z.strictObject({
  principalType: z.enum(['user', 'group']),
  principalId: z.string().meta({
    description: 'An object id; a userPrincipalName for users; a displayName for groups.',
  }),
  role: z
    .string()
    .optional()
    .meta({ description: 'A role id, value or displayName. Default "User".' }),
});

export const identitySignInBody = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(1024),
});

export const identityAdminBody = z.strictObject({
  email: z.string().max(254),
  password: z.string().max(1024),
  role: z.enum(identityRoleNames as [string, ...string[]]),
  displayName: z.string().max(256).optional(),
});

export const identityTokenBody = z.strictObject({
  name: z.string().meta({ description: 'What the token is for.' }),
  role: z
    .enum(identityRoleNames as [string, ...string[]])
    .meta({ description: "At most the minter's own permissions." }),
});

// Responses (documentation only).
const deletion = {
  deleted: timestamp.nullable(),
  restorableUntil: timestamp.nullable(),
  created: timestamp,
  lastModified: timestamp,
  version: z.number().int(),
};
export const userView = z.looseObject({
  id: z.string(),
  userPrincipalName: z.string(),
  accountEnabled: z.boolean(),
  ...deletion,
});
export const groupView = z.object({
  id: z.string(),
  displayName: z.string(),
  description: z.string().nullable(),
  mailNickname: z.string().nullable(),
  securityEnabled: z.boolean(),
  ...deletion,
});
const page = (key: string, item: z.ZodType) =>
  z.object({
    totalResults: z.number().int(),
    startIndex: z.number().int(),
    itemsPerPage: z.number().int(),
    [key]: z.array(item),
  });
export const userPage = page('users', userView);
export const groupPage = page('groups', groupView);
export const memberView = z.object({
  id: z.string(),
  type: z.enum(['user', 'group']),
  displayName: z.string().nullable(),
  deleted: z.boolean(),
});
export const memberList = z.object({ members: z.array(memberView) });
export const groupsOfView = z.object({ groups: z.array(memberView) });
export const addedView = z.object({ added: z.array(z.string()) });
export const changesView = z.object({
  changes: z.array(
    z.object({
      sequence: z.number().int(),
      objectType: z.enum(['user', 'group', 'membership', 'assignment']),
      objectId: z.string(),
      kind: z.enum(['created', 'updated', 'deleted', 'restored', 'purged', 'added', 'removed']),
      at: timestamp,
      detail: z.record(z.string(), z.string()).nullable(),
    }),
  ),
  head: z.number().int().meta({ description: 'The last sequence number written.' }),
});
const issue = z.object({ line: z.number().int(), key: z.string().nullable(), reason: z.string() });
export const importReportView = z.object({
  key: z.string(),
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  skipped: z.number().int().meta({ description: 'Rows that matched a user and changed nothing.' }),
  failed: z.number().int(),
  failures: z.array(issue),
  warnings: z.array(issue),
  seconds: z.number(),
});
export const purgeView = z.object({ users: z.array(z.string()), groups: z.array(z.string()) });
export const templateSummary = z.object({
  id: z.string(),
  name: z.string(),
  publisher: z.string(),
  description: z.string(),
  logo: z.string(),
});
export const templateList = z.object({ templates: z.array(templateSummary) });
export const templateView = z.looseObject({
  id: z.string(),
  name: z.string(),
  provisioning: z.looseObject({}),
});
export const appView = z.looseObject({
  id: z.string(),
  name: z.string(),
  templateId: z.string(),
  appRoles: z.array(z.looseObject({ id: z.string(), displayName: z.string(), value: z.string() })),
  provisioning: z.looseObject({}),
  created: timestamp,
  lastModified: timestamp,
  version: z.number().int(),
});
export const appList = z.object({ apps: z.array(appView) });
export const roleList = z.object({
  roles: z.array(z.looseObject({ id: z.string(), displayName: z.string() })),
});
export const assignmentView = z.object({
  id: z.string(),
  appId: z.string(),
  appName: z.string(),
  principalType: z.enum(['user', 'group']),
  principalId: z.string(),
  principalDisplayName: z.string().nullable(),
  roleId: z.string(),
  roleDisplayName: z.string(),
  provisioned: z.boolean().meta({ description: 'False for "Default Access": never provisioned.' }),
  created: timestamp,
});
export const assignmentList = z.object({ assignments: z.array(assignmentView) });
export const scopeView = z.object({
  users: z.array(z.string()),
  groups: z.array(z.string()),
  excluded: z.number().int(),
});
export const identitySessionView = z.object({
  session: z.string(),
  email: z.string(),
  role: z.string(),
  expires: timestamp,
});
export const principalView = z.object({
  kind: z.enum(['admin', 'token', 'operator']),
  id: z.string(),
  name: z.string(),
  role: z.string(),
  permissions: z.array(z.string()),
});
export const adminView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  role: z.string(),
  created: timestamp,
});
export const adminList = z.object({ admins: z.array(adminView) });
const tokenFields = {
  id: z.string(),
  name: z.string(),
  role: z.string(),
  prefix: z.string(),
  createdBy: z.string().nullable(),
  created: timestamp,
  lastUsed: timestamp.nullable(),
  revoked: timestamp.nullable(),
};
export const tokenListView = z.object({ tokens: z.array(z.object(tokenFields)) });
export const mintedIdentityTokenView = z.object({
  ...tokenFields,
  token: z.string().meta({ description: 'Shown in this response only.' }),
});
