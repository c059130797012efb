/**
 * The whole configuration of a provisioning job as one JSON document (Entra's "export / import
 * the provisioning configuration"): settings and mappings, never the credentials. Importing
 * checks every part before anything changes.
 *
 * Example:
 *   { "format": "roster.provisioning-job/1", "app": { "name": "Wrike", "templateId": "wrike" },
 *     "settings": { "scope": "assigned", "intervalSeconds": 2400, … }, "mappings": { "objectMappings": [ … ] } }
 */
import { type MappingConfig, validateMappingConfig } from '../sync/index.ts';
import type { AppInfo } from './app-info.ts';
import { ProvisioningError } from './engine-error.ts';
import { checkSettings, type JobSettings, type SettingsUpdate } from './job-settings.ts';

export const jobDocumentFormat = 'roster.provisioning-job/1';

export interface JobDocument {
  format: typeof jobDocumentFormat;
  /** Informational: where the document came from. */
  app: { name: string; templateId: string };
  settings: JobSettings;
  mappings: MappingConfig;
}

export function exportJobDocument(
  app: AppInfo,
  settings: JobSettings,
  mappings: MappingConfig,
): JobDocument {
  return {
    format: jobDocumentFormat,
    app: { name: app.name, templateId: app.templateId },
    settings: structuredClone(settings),
    mappings: structuredClone(mappings),
  };
}

/** Refuses a group mapping for a users-only target (Wrike). */
export function checkMappingsFit(config: MappingConfig, app: AppInfo): void {
  if (app.limits.groups) return;
  const at = config.objectMappings.findIndex((m) => m.source === 'group' && m.enabled);
  if (at >= 0)
    throw new ProvisioningError(
      'invalid',
      `${app.name} syncs users only (template ${app.templateId}): disable or remove the group mapping "${config.objectMappings[at]!.name}"`,
      `objectMappings[${at}]`,
    );
}

/** A mapping configuration checked by the sync ring and against the target's limits. */
export function checkMappings(input: unknown, app: AppInfo): MappingConfig {
  const checked = validateMappingConfig(input);
  if (!checked.ok) {
    const shown = checked.issues
      .slice(0, 3)
      .map((i) => `${i.path}: ${i.message}`)
      .join('; ');
    const more = checked.issues.length > 3 ? ` (and ${checked.issues.length - 3} more)` : '';
    throw new ProvisioningError(
      'invalid',
      `the mappings are invalid: ${shown}${more}`,
      checked.issues[0]?.path ?? 'mappings',
      checked.issues,
    );
  }
  checkMappingsFit(checked.value, app);
  return checked.value;
}

/** The settings and mappings of an imported document, each checked; throws in words. */
export function readJobDocument(
  input: unknown,
  app: AppInfo,
): { settings: SettingsUpdate; mappings: MappingConfig } {
  if (typeof input !== 'object' || input === null || Array.isArray(input))
    throw new ProvisioningError('invalid', 'the job document must be a JSON object', 'document');
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o))
    if (!['format', 'app', 'settings', 'mappings'].includes(key))
      throw new ProvisioningError(
        'invalid',
        `${key} is not a part of a job document (format, app, settings, mappings)`,
        key,
      );
  if (o.format !== jobDocumentFormat)
    throw new ProvisioningError(
      'invalid',
      `format must be "${jobDocumentFormat}" (an export of roster provisioning export)`,
      'format',
    );
  if (o.mappings === undefined)
    throw new ProvisioningError('invalid', 'mappings is required', 'mappings');
  const settings = o.settings === undefined ? {} : checkSettings(o.settings);
  return { settings, mappings: checkMappings(o.mappings, app) };
}
