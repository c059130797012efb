/**
 * The default mapping configuration of a job: the gallery template's object mappings in the
 * job's format (they are the same format, but a template spells "apply on create only" as
 * `onCreateOnly` and writes the default `apply: "always"` out), checked by the sync ring.
 *
 * Example: defaultMappings(app.templateMappings) → { objectMappings: [{ name: 'Provision users', … }] }
 */
import { type MappingConfig, validateMappingConfig } from '../sync/index.ts';
import { ProvisioningError } from './engine-error.ts';

type Json = Record<string, unknown>;

function normalizeAttribute(mapping: Json): Json {
  const { apply, ...rest } = mapping;
  if (apply === 'onCreateOnly' || apply === 'onCreate') return { ...rest, apply: 'onCreate' };
  return rest;
}

/** The template's mappings as a job's MappingConfig; throws when the template's are invalid. */
export function defaultMappings(templateMappings: readonly unknown[]): MappingConfig {
  const objectMappings = templateMappings.map((m) => {
    const mapping = m as Json;
    const attributes = (mapping.attributeMappings as Json[] | undefined) ?? [];
    return { ...mapping, attributeMappings: attributes.map(normalizeAttribute) };
  });
  const checked = validateMappingConfig({ objectMappings });
  if (!checked.ok)
    throw new ProvisioningError(
      'invalid',
      `the app's template mappings are invalid: ${checked.issues[0]?.path}: ${checked.issues[0]?.message}`,
      'mappings',
      checked.issues,
    );
  return checked.value;
}
