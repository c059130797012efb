/**
 * The provisioning API's request and response shapes (zod 4): job settings, admin credentials,
 * Test Connection, mappings, the job document, runs, status, cycles and logs. Requests are
 * checked against them for shape; the engine checks meaning (mappings through the sync ring)
 * and answers with a ProvisioningError naming the field. provisioning-openapi.ts turns the same
 * schemas into the OpenAPI document.
 *
 * Example: settingsBody.parse({ mode: 'automatic', scope: 'assigned', intervalSeconds: 2400 })
 */
import { z } from 'zod';
import { defaultResetScopes, maxIntervalSeconds, resetScopes } from '../engine/index.ts';

const timestamp = z.string().meta({ format: 'date-time' });
const counts = z.record(z.string(), z.number()).meta({
  description:
    'Log entries by action (Create, Update, Disable, Delete, StagedDelete, Other) and by status',
});

export const settingsBody = z.strictObject({
  mode: z.enum(['manual', 'automatic']).optional(),
  scope: z.enum(['assigned', 'all']).optional().meta({
    description:
      'Sync only assigned users and groups, or all. A change makes the next cycle initial.',
  }),
  intervalSeconds: z
    .number()
    .int()
    .min(1)
    .max(maxIntervalSeconds)
    .optional()
    .meta({ description: 'Seconds between cycles (default 2400, Entra’s 40 minutes).' }),
  deletionThreshold: z.number().int().min(0).optional().meta({
    description:
      'Accidental deletions: most disables + deletes per cycle (default 500; 0 turns it off).',
  }),
  skipOutOfScopeDeletions: z.boolean().optional(),
  notificationEmail: z.email().nullable().optional(),
  sendFailureEmail: z.boolean().optional(),
  flattenNestedGroups: z.boolean().optional(),
  useBulk: z.boolean().optional().meta({ description: 'Use /Bulk when the target advertises it.' }),
});

export const credentialsBody = z.strictObject({
  tenantUrl: z
    .string()
    .min(1)
    .meta({
      description: 'The SCIM Base URL of the app',
      examples: ['https://app.example.com/scim/v2'],
    }),
  secretToken: z
    .string()
    .min(1)
    .meta({ description: 'The bearer token the app minted; stored encrypted, never returned' }),
});

export const testConnectionBody = z.strictObject({
  tenantUrl: z.string().min(1).optional(),
  secretToken: z.string().min(1).optional(),
});

export const runBody = z.strictObject({
  dryRun: z
    .boolean()
    .optional()
    .meta({ description: 'Report what the cycle would do without writing to the target' }),
  wait: z
    .boolean()
    .optional()
    .meta({ description: 'Answer with the report when the cycle ends (dry runs always wait)' }),
});

export const restartBody = z.strictObject({
  reset: z
    .array(z.string().meta({ enum: [...resetScopes] }))
    .optional()
    .meta({
      description:
        'What the restart resets: watermark (the next cycle is initial), escrows (failed objects and their counts), quarantine (lifted; a job turned off by quarantine stays off until started), forceDeletes (the held deletes go through), full (all of these, and every link is dropped so everything is matched again). ' +
        `Omitted or empty: ${defaultResetScopes.join(', ')}. Every restart lifts a TooManyDeletes hold.`,
    }),
});

const quarantineView = z
  .looseObject({
    since: timestamp,
    reason: z.enum([
      'EncounteredQuarantineException',
      'EncounteredEscrowProportionThreshold',
      'EncounteredEscrowAbsoluteThreshold',
      'AllCallsFailing',
    ]),
    detail: z.string(),
    nextAttemptAt: timestamp
      .nullable()
      .meta({ description: 'When the next attempt runs; null while the job is off' }),
  })
  .nullable();

const holdView = z
  .looseObject({
    reason: z.literal('TooManyDeletes'),
    detail: z.string(),
    since: timestamp,
    count: z.number(),
    threshold: z.number(),
  })
  .nullable();

const disabledReason = z
  .string()
  .nullable()
  .meta({ description: 'Why quarantine turned the job off (after four weeks); null otherwise' });

const attributeMapping = z.looseObject({
  type: z.enum(['direct', 'constant', 'expression', 'none']),
  source: z.string().optional(),
  target: z.string(),
  defaultValue: z.string().optional(),
  apply: z.enum(['always', 'onCreate']).optional(),
  matchingPrecedence: z.number().int().min(1).optional(),
});

export const mappingConfig = z.looseObject({
  objectMappings: z.array(
    z.looseObject({
      name: z.string(),
      source: z.enum(['user', 'group']),
      target: z.string(),
      enabled: z.boolean(),
      actions: z.array(z.enum(['create', 'update', 'delete'])),
      attributeMappings: z.array(attributeMapping),
      scopingFilters: z
        .array(
          z.looseObject({
            title: z.string().optional(),
            clauses: z.array(
              z.looseObject({
                attribute: z.string(),
                operator: z.string(),
                value: z.string().optional(),
              }),
            ),
          }),
        )
        .optional(),
    }),
  ),
});

export const jobDocument = z.looseObject({
  format: z.literal('roster.provisioning-job/1'),
  app: z.looseObject({ name: z.string(), templateId: z.string() }).optional(),
  settings: settingsBody.optional(),
  mappings: mappingConfig,
});

export const jobView = z.looseObject({
  appId: z.string(),
  appName: z.string(),
  templateId: z.string(),
  enabled: z.boolean(),
  settings: settingsBody.required(),
  credentials: z
    .object({ tenantUrl: z.string(), secretTokenSet: z.literal(true), updated: timestamp })
    .nullable(),
  limits: z.object({
    requestsPerMinute: z.number().nullable(),
    groups: z.boolean(),
    bulk: z.boolean(),
  }),
  initialPending: z.boolean(),
  watermark: z.number(),
  nextRunAt: timestamp.nullable(),
  hold: holdView,
  quarantine: quarantineView,
  disabledReason,
});

export const restartView = jobView.extend({
  reset: z
    .array(z.enum(resetScopes))
    .meta({ description: 'The scopes reset, full expanded into the others' }),
});

export const connectionTestView = z.looseObject({
  ok: z.boolean(),
  problem: z.string().optional(),
  status: z.number().optional(),
  message: z.string(),
});

export const cycleReportView = z.looseObject({
  cycleId: z.string(),
  kind: z.enum(['initial', 'incremental', 'onDemand']),
  dryRun: z.boolean(),
  status: z.enum(['running', 'succeeded', 'failed', 'stopped', 'held']),
  started: timestamp,
  finished: timestamp,
  durationMs: z.number(),
  done: z.number(),
  total: z.number(),
  counts,
  error: z.string().nullable(),
  watermark: z.number(),
  more: z.boolean(),
  entries: z.array(z.looseObject({})).optional(),
});

export const statusView = z.looseObject({
  state: z.enum(['off', 'idle', 'running', 'held', 'quarantined']),
  currentCycle: z
    .looseObject({
      id: z.string(),
      kind: z.string(),
      started: timestamp,
      done: z.number(),
      total: z.number(),
      counts,
    })
    .nullable(),
  lastCycle: z
    .looseObject({ kind: z.string(), status: z.string(), durationMs: z.number(), counts })
    .nullable(),
  statistics: z.looseObject({ cycles: z.number(), counts, durationMs: z.number() }),
  initialPending: z.boolean(),
  nextRunAt: timestamp.nullable(),
  hold: holdView,
  quarantine: quarantineView,
  disabledReason,
});

export const cycleList = z.object({
  cycles: z.array(z.looseObject({ id: z.string(), kind: z.string(), status: z.string() })),
});

const logActions = ['Create', 'Update', 'Disable', 'Delete', 'StagedDelete', 'Other'] as const;
const logStatuses = ['Success', 'Failure', 'Skipped', 'Warning'] as const;

export const logsQuery = z.strictObject({
  status: z.enum(logStatuses).optional(),
  action: z.enum(logActions).optional(),
  identity: z.string().optional().meta({
    description:
      'An object id (source or target), or the start of the userPrincipalName / displayName',
  }),
  since: z.iso.datetime().optional(),
  until: z.iso.datetime().optional(),
  cycle: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  before: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .meta({ description: 'The `next` of the previous page' }),
  format: z
    .enum(['csv', 'json'])
    .optional()
    .meta({ description: 'Download every matching entry as CSV or JSON' }),
});

export const logPage = z.object({
  entries: z.array(
    z.looseObject({
      id: z.number(),
      cycleId: z.string(),
      at: timestamp,
      action: z.enum(logActions),
      status: z.enum(logStatuses),
      sourceIdentity: z.string(),
    }),
  ),
  next: z.number().optional(),
});

export const cyclesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export const onDemandBody = z.strictObject({
  subject: z
    .string()
    .min(1)
    .meta({
      description: "A user's object id or userPrincipalName, or a group's object id or displayName",
      examples: ['ann@contoso.test'],
    }),
  objectType: z
    .enum(['user', 'group'])
    .optional()
    .meta({ description: 'Look the subject up as this type only' }),
});

const logStep = z.looseObject({
  name: z.enum(['import', 'scope', 'match', 'action']),
  status: z.enum(logStatuses),
  description: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

export const onDemandView = z.object({
  appId: z.string(),
  cycleId: z
    .string()
    .meta({ description: "The run's own cycle (kind onDemand): GET …/logs?cycle=<cycleId>" }),
  results: z
    .array(
      z.object({
        objectType: z.enum(['user', 'group']),
        sourceId: z.string(),
        sourceIdentity: z.string(),
        targetId: z.string().nullable(),
        action: z.enum(logActions),
        status: z.enum(logStatuses),
        errorCode: z.string().nullable(),
        reason: z.string().nullable(),
        recommendedAction: z.string().nullable(),
        steps: z.array(logStep),
        modifiedProperties: z.array(
          z.object({ name: z.string(), old: z.unknown(), new: z.unknown() }),
        ),
        exported: z
          .record(z.string(), z.unknown())
          .nullable()
          .meta({ description: 'The attributes exported to the target' }),
      }),
    )
    .meta({ description: 'The subject first; for a group, one result per member after it' }),
});
