/**
 * "Test this expression against user X", the attribute-mapping editor's live preview: compiles
 * an expression and evaluates it for one directory user exactly as a cycle of the app's job
 * would (the same source attributes, the job's clock, and [IsSoftDeleted] true when the user is
 * soft-deleted, disabled, unassigned or left out by the scoping filters). A parse error or an
 * evaluation error comes back as data with its span, so the console can underline it.
 *
 * Example:
 *   await testExpression(deps, 'Wrike', { expression: 'Join(" ", [givenName], [surname])', user: 'ann@contoso.test' })
 *   → { ok: true, value: 'Ann Lee', type: 'string', user: 'ann@contoso.test', isSoftDeleted: false }
 */
import {
  compileExpression,
  ExpressionError,
  evaluate,
  type JsonValue,
  type Span,
  toJsonValue,
} from '../expressions/index.ts';
import type { DirectoryUserRecord, Store } from '../store/store.ts';
import { compileMappings, evaluateScope } from '../sync/index.ts';
import { loadAssignmentScope } from './assignment-scope.ts';
import { ProvisioningError } from './engine-error.ts';
import type { Jobs } from './jobs.ts';
import { userSource } from './source-objects.ts';

export type ExpressionValueType = 'string' | 'boolean' | 'number' | 'list' | 'null';

export type ExpressionTestResult =
  | {
      ok: true;
      value: JsonValue | null;
      type: ExpressionValueType;
      /** The user's userPrincipalName. */
      user: string;
      /** What [IsSoftDeleted] read for this user. */
      isSoftDeleted: boolean;
    }
  | { ok: false; stage: 'parse' | 'evaluate'; message: string; span: Span };

export interface ExpressionTestDeps {
  store: Pick<Store, 'directory'>;
  jobs: Pick<Jobs, 'load'>;
  clock: () => Date;
}

/** The JSON type the console shows beside the value. */
export function typeOfValue(value: JsonValue | null): ExpressionValueType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'number') return 'number';
  return 'string';
}

async function findUser(
  store: Pick<Store, 'directory'>,
  ref: string,
): Promise<DirectoryUserRecord> {
  const byUpn = ref.includes('@');
  const found = byUpn
    ? (await store.directory.users.findBy('userPrincipalName', [ref]))[0]
    : await store.directory.users.get(ref);
  if (!found)
    throw new ProvisioningError(
      'notFound',
      `there is no user with ${byUpn ? 'userPrincipalName' : 'id'} ${JSON.stringify(ref)}`,
      'user',
    );
  return found;
}

/** Evaluates `input.expression` for `input.user` under the app's job; see the file comment. */
export async function testExpression(
  deps: ExpressionTestDeps,
  appRef: string,
  input: { expression: string; user: string },
): Promise<ExpressionTestResult> {
  const { app, job } = await deps.jobs.load(appRef);
  let compiled: ReturnType<typeof compileExpression>;
  try {
    compiled = compileExpression(input.expression);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    return { ok: false, stage: 'parse', message: error.message, span: error.span };
  }
  const record = await findUser(deps.store, input.user.trim());
  const source = userSource(record);
  const scope = await loadAssignmentScope(deps.store, app, {
    all: job.settings.scope === 'all',
    flatten: job.settings.flattenNestedGroups,
  });
  const mappings = compileMappings(job.mappings);
  const users = mappings.ok ? mappings.value.bySource.user : undefined;
  const inScope = users ? evaluateScope(source, users.scope).inScope : true;
  const isSoftDeleted =
    record.deleted !== null ||
    !record.data.accountEnabled ||
    !inScope ||
    !(scope.all || (await scope.isUserAssigned(record.id)));
  const result = evaluate(compiled, { attributes: source, isSoftDeleted, now: deps.clock });
  if (result.kind === 'error') {
    const { message, start, end } = result.error;
    return {
      ok: false,
      stage: 'evaluate',
      message: `${message} (for user ${record.data.userPrincipalName})`,
      span: { start, end },
    };
  }
  const raw = result.kind === 'value' ? toJsonValue(result.value) : null;
  // A lone role object (rare: no function returns one outside a list) reads as its JSON text.
  const value =
    raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? JSON.stringify(raw) : raw;
  const shown = result.redacted ? '[Redact]' : value;
  return {
    ok: true,
    value: shown,
    type: typeOfValue(shown),
    user: record.data.userPrincipalName,
    isSoftDeleted,
  };
}
