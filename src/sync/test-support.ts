/**
 * Helpers shared by the sync ring's tests: Entra's default mappings (the generic SCIM template)
 * compiled, and a compiler for small ad-hoc configurations that fails loudly.
 *
 * Example: const users = compileUsers([{ type: 'direct', source: 'mail', target: 'userName', matchingPrecedence: 1 }]);
 */

import { type CompiledObjectMapping, compileMappings } from './compile-mappings.ts';
import defaultMappings from './fixtures/entra-default-mappings.json' with { type: 'json' };
import type { AttributeMapping, MappingConfig, ObjectMapping } from './mapping-config.ts';

export const entraDefaults = defaultMappings as MappingConfig;

export function compileOrThrow(config: MappingConfig) {
  const compiled = compileMappings(config);
  if (!compiled.ok) throw new Error(JSON.stringify(compiled.issues, null, 2));
  return compiled.value;
}

export const defaultUsers = (): CompiledObjectMapping =>
  compileOrThrow(entraDefaults).bySource.user!;
export const defaultGroups = (): CompiledObjectMapping =>
  compileOrThrow(entraDefaults).bySource.group!;

/** A user object mapping with the given attribute mappings (and overrides). */
export function userMapping(
  attributeMappings: AttributeMapping[],
  overrides: Partial<ObjectMapping> = {},
): ObjectMapping {
  return {
    name: 'Provision users',
    source: 'user',
    target: 'User',
    enabled: true,
    actions: ['create', 'update', 'delete'],
    attributeMappings,
    ...overrides,
  };
}

export function compileUsers(
  attributeMappings: AttributeMapping[],
  overrides: Partial<ObjectMapping> = {},
): CompiledObjectMapping {
  return compileOrThrow({ objectMappings: [userMapping(attributeMappings, overrides)] }).bySource
    .user!;
}
