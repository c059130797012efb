/**
 * What the engine reads of an enterprise app (the directory owns the record; the engine only
 * reads it through the store port): its name, template, roles (to leave "Default Access"
 * assignments out), the mappings copied from its gallery template and the target's limits.
 *
 * Example: const app = await findApp(store, 'Wrike'); app.limits.requestsPerMinute → 400
 */
import type { EnterpriseAppRecord, Store } from '../store/store.ts';
import { ProvisioningError } from './engine-error.ts';

export interface TargetLimits {
  /** Requests a minute the target tolerates; null when unknown (no limit). */
  requestsPerMinute: number | null;
  /** False: users only (Wrike); a group mapping is ignored and refused on import. */
  groups: boolean;
  /** The template allows /Bulk (the job's useBulk defaults to this). */
  bulk: boolean;
}

export interface AppRoleInfo {
  id: string;
  value: string;
  displayName: string;
  provisioned: boolean;
}

export interface AppInfo {
  id: string;
  name: string;
  templateId: string;
  roles: AppRoleInfo[];
  /** The template's object mappings as copied into the app (the job's default mappings). */
  templateMappings: unknown[];
  limits: TargetLimits;
}

/** A gallery template, as much of it as the engine needs (the directory's Gallery fits). */
export interface TemplateSource {
  get(
    id: string,
  ): { provisioning: { objectMappings: readonly unknown[]; limits: TargetLimits } } | undefined;
}

export function appInfoOf(record: EnterpriseAppRecord): AppInfo {
  const data = record.data as {
    appRoles?: AppRoleInfo[];
    provisioning?: { objectMappings?: unknown[]; limits?: Partial<TargetLimits> };
  };
  const limits = data.provisioning?.limits ?? {};
  return {
    id: record.id,
    name: record.name,
    templateId: record.templateId,
    roles: data.appRoles ?? [],
    templateMappings: data.provisioning?.objectMappings ?? [],
    limits: {
      requestsPerMinute: limits.requestsPerMinute ?? null,
      groups: limits.groups ?? true,
      bulk: limits.bulk ?? false,
    },
  };
}

/** The app by object id or name (case-insensitive), or ProvisioningError notFound. */
export async function findApp(store: Pick<Store, 'directory'>, ref: string): Promise<AppInfo> {
  const record = (await store.directory.apps.get(ref)) ?? (await store.directory.apps.byName(ref));
  if (!record)
    throw new ProvisioningError(
      'notFound',
      `there is no enterprise app with id or name ${JSON.stringify(ref)}`,
      'app',
    );
  return appInfoOf(record);
}

/** Roles whose assignments are provisioned: not the legacy "Default Access" (msiam_access). */
export const provisionedRoleIds = (app: AppInfo): Set<string> =>
  new Set(app.roles.filter((r) => r.provisioned && r.value !== 'msiam_access').map((r) => r.id));
