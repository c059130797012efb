/**
 * The shape of an app template (a JSON file in this folder), as a zod 4 schema, with the rules
 * that span fields: matching precedences 1, 2, … without gaps, expressions that compile, target
 * paths that parse as SCIM paths, source attributes that exist in the directory, a group mapping only when the target syncs groups, and the app roles every
 * app needs ("User", and the legacy "Default Access" that is never provisioned).
 *
 * Example: appTemplateSchema.parse(JSON.parse(readFileSync('wrike.json', 'utf8')))
 */
import { z } from 'zod';
import { compileExpression } from '../../expressions/index.ts';
import { parsePatchPath, ScimError } from '../../scim/index.ts';
import { extensionNamePattern, userAttributeNames } from '../user-attributes.ts';

/** Source attributes a mapping may read, besides extensions, per source object. */
export const sourceAttributes = {
  user: new Set<string>([...userAttributeNames, 'objectId', 'IsSoftDeleted']),
  group: new Set<string>([
    'displayName',
    'description',
    'mailNickname',
    'securityEnabled',
    'objectId',
    'members',
    'IsSoftDeleted',
  ]),
};

const isSource = (object: 'user' | 'group', name: string) =>
  sourceAttributes[object].has(name) || (object === 'user' && extensionNamePattern.test(name));

const attributeMapping = z.strictObject({
  type: z.enum(['direct', 'constant', 'expression']),
  /** direct: a source attribute; constant: the value; expression: Entra expression text. */
  source: z.string().min(1).max(10_000),
  target: z.string().min(1).max(512),
  matchingPrecedence: z.number().int().min(1).optional(),
  apply: z.enum(['always', 'onCreateOnly']).default('always'),
  defaultValue: z.string().optional(),
});

const objectMapping = z
  .strictObject({
    name: z.string().min(1),
    source: z.enum(['user', 'group']),
    target: z.enum(['User', 'Group']),
    enabled: z.boolean(),
    actions: z.array(z.enum(['create', 'update', 'delete'])).min(1),
    attributeMappings: z.array(attributeMapping).min(1),
  })
  .superRefine((mapping, ctx) => {
    const precedences = mapping.attributeMappings
      .map((m) => m.matchingPrecedence)
      .filter((p): p is number => p !== undefined)
      .sort((a, b) => a - b);
    if (precedences.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['attributeMappings'],
        message: 'needs at least one matching attribute (matchingPrecedence 1)',
      });
    else if (precedences.some((p, i) => p !== i + 1))
      ctx.addIssue({
        code: 'custom',
        path: ['attributeMappings'],
        message: `matching precedences must be 1, 2, … without gaps or repeats; found ${precedences.join(', ')}`,
      });
    const targets = new Set<string>();
    mapping.attributeMappings.forEach((m, i) => {
      if (targets.has(m.target))
        ctx.addIssue({
          code: 'custom',
          path: ['attributeMappings', i, 'target'],
          message: `${JSON.stringify(m.target)} is mapped twice`,
        });
      targets.add(m.target);
      try {
        parsePatchPath(m.target);
      } catch (error) {
        ctx.addIssue({
          code: 'custom',
          path: ['attributeMappings', i, 'target'],
          message: `is not a SCIM attribute path: ${error instanceof ScimError ? error.detail : String(error)}`,
        });
      }
      let sources: readonly string[] = [];
      if (m.type === 'direct') sources = [m.source];
      else if (m.type === 'expression') {
        try {
          sources = compileExpression(m.source).attributes;
        } catch (error) {
          ctx.addIssue({
            code: 'custom',
            path: ['attributeMappings', i, 'source'],
            message: error instanceof Error ? error.message : String(error),
          });
        }
      }
      for (const source of sources)
        if (!isSource(mapping.source, source))
          ctx.addIssue({
            code: 'custom',
            path: ['attributeMappings', i, 'source'],
            message: `${JSON.stringify(source)} is not a ${mapping.source} attribute of the directory`,
          });
    });
  });

const appRole = z.strictObject({
  id: z.uuid(),
  displayName: z.string().min(1).max(120),
  value: z.string().min(1).max(120),
  description: z.string(),
  allowedMemberTypes: z.array(z.enum(['user', 'group'])).min(1),
  /** False for the legacy "Default Access" (msiam_access): such assignments are not provisioned. */
  provisioned: z.boolean(),
});

export const appTemplateSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be lower-case letters, digits and -'),
    name: z.string().min(1).max(120),
    publisher: z.string().min(1),
    description: z.string().min(1),
    logo: z
      .string()
      .max(16_384, 'must be a small inline image (at most 16 KiB)')
      .regex(/^data:image\/(?:svg\+xml|png)[;,]/, 'must be a data: URI of an SVG or PNG image'),
    appRoles: z.array(appRole).min(1),
    provisioning: z.strictObject({
      objectMappings: z.array(objectMapping).min(1),
      limits: z.strictObject({
        /** Requests a minute the target tolerates; null when it has no known limit. */
        requestsPerMinute: z.number().int().positive().nullable(),
        groups: z.boolean(),
        bulk: z.boolean(),
        notes: z.array(z.string()),
      }),
    }),
  })
  .superRefine((template, ctx) => {
    const ids = template.appRoles.map((r) => r.id);
    if (new Set(ids).size !== ids.length)
      ctx.addIssue({ code: 'custom', path: ['appRoles'], message: 'role ids must be unique' });
    if (!template.appRoles.some((r) => r.value === 'User' && r.provisioned))
      ctx.addIssue({
        code: 'custom',
        path: ['appRoles'],
        message: 'needs a provisioned "User" role',
      });
    const legacy = template.appRoles.find((r) => r.value === 'msiam_access');
    if (legacy?.provisioned)
      ctx.addIssue({
        code: 'custom',
        path: ['appRoles'],
        message: '"Default Access" (msiam_access) must have provisioned: false',
      });
    const mappings = template.provisioning.objectMappings;
    if (new Set(mappings.map((m) => m.source)).size !== mappings.length)
      ctx.addIssue({
        code: 'custom',
        path: ['provisioning', 'objectMappings'],
        message: 'one mapping per source object (user, group)',
      });
    mappings.forEach((m, i) => {
      if (m.source === 'group' && !template.provisioning.limits.groups)
        ctx.addIssue({
          code: 'custom',
          path: ['provisioning', 'objectMappings', i],
          message: 'limits.groups is false: the target does not sync groups, so no group mapping',
        });
    });
  });

export type AppTemplate = z.output<typeof appTemplateSchema>;
export type AppRole = AppTemplate['appRoles'][number];
export type ObjectMapping = AppTemplate['provisioning']['objectMappings'][number];
export type AttributeMapping = ObjectMapping['attributeMappings'][number];
