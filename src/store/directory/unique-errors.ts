/**
 * The directory's unique indexes as StoreError conflicts naming the attribute, for both
 * databases: SQLite names the columns in its message, PostgreSQL names the index.
 *
 * Example: await translatingDirectory(context, () => insert()) // conflict 'userPrincipalName'
 */
import type { StoreContext } from '../context.ts';
import { StoreError } from '../store-error.ts';

const uniques: { index: string; columns: RegExp; subject: string; message: string }[] = [
  {
    index: 'dir_users_upn',
    columns: /dir_users\.upn_ci/,
    subject: 'userPrincipalName',
    message: 'userPrincipalName is already taken (by a live or a soft-deleted user)',
  },
  {
    index: 'dir_apps_name',
    columns: /dir_apps\.name_ci/,
    subject: 'name',
    message: 'an enterprise app with this name already exists',
  },
  {
    index: 'dir_assignments_unique',
    columns: /dir_assignments\./,
    subject: 'assignment',
    message: 'this user or group already has this role in the app',
  },
  {
    index: 'identity_admins_email',
    columns: /identity_admins\.email/,
    subject: 'email',
    message: 'an identity admin with this email already exists',
  },
];

function translate(context: StoreContext, error: unknown): unknown {
  const e = error as { code?: string; constraint?: string; message?: string };
  const hit =
    context.dialect.name === 'postgres'
      ? e?.code === '23505' && uniques.find((u) => u.index === e.constraint)
      : /UNIQUE constraint failed/.test(e?.message ?? '') &&
        uniques.find((u) => u.columns.test(e.message ?? ''));
  if (hit) return new StoreError('conflict', hit.subject, hit.message);
  return context.dialect.translateError(error) ?? error;
}

/** Runs `work`, turning the directory's unique violations into StoreError conflicts. */
export async function translatingDirectory<T>(
  context: StoreContext,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw translate(context, error);
  }
}
