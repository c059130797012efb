/**
 * Compiles a job's mapping configuration once per job (or per configuration change): resolves
 * every target path against the target schema, compiles every expression, orders the matching
 * attributes by precedence and prepares the scoping filters. Every problem is reported, each
 * with its JSON path, object mapping, target and — for expressions — the span of the text.
 *
 * Example:
 *   const compiled = compileMappings(config);
 *   if (!compiled.ok) console.log(compiled.issues);  // [{ code: 'expression', path: '…source', span, … }]
 *   const users = compiled.value.bySource.user!;    // → exportObject(source, users, …)
 */
import { createGroupSchema, createUserSchema, type ResourceSchema } from '../scim/index.ts';
import {
  type CompiledAttributeMapping,
  compileAttributeMapping,
  type TakenSlot,
} from './compile-attribute-mapping.ts';
import { type CompiledScopeGroup, compileScope } from './compile-scope.ts';
import type {
  MappingConfig,
  ObjectMapping,
  SourceObjectType,
  TargetAction,
} from './mapping-config.ts';
import type { Checked, MappingIssue } from './mapping-issue.ts';

export type { CompiledAttributeMapping } from './compile-attribute-mapping.ts';

export interface CompiledObjectMapping {
  /** Position in the configuration's `objectMappings`. */
  index: number;
  name: string;
  source: SourceObjectType;
  /** The SCIM resource type name (`User`). */
  target: string;
  /** The resource endpoint on the target (`/Users`), from the schema. */
  endpoint: string;
  enabled: boolean;
  actions: Readonly<Record<TargetAction, boolean>>;
  schema: ResourceSchema;
  /** Every mapping but those of type `none` without a default value, in configuration order. */
  attributes: readonly CompiledAttributeMapping[];
  /** The matching attributes, lowest precedence first. */
  matching: readonly CompiledAttributeMapping[];
  scope: readonly CompiledScopeGroup[];
  /** True when some mapping reads [IsSoftDeleted]: then a disable is an update (Entra). */
  readsIsSoftDeleted: boolean;
  /** Source attributes read by mappings and scoping filters, first spelling of each. */
  sourceAttributes: readonly string[];
}

export interface CompiledMappings {
  objectMappings: readonly CompiledObjectMapping[];
  /** The enabled object mapping for each source object type. */
  bySource: Partial<Record<SourceObjectType, CompiledObjectMapping>>;
}

export interface CompileOptions {
  /** Target schemas by resource type name. Default: core User + enterprise, core Group. */
  schemas?: Readonly<Record<string, ResourceSchema>>;
  /** When given, attributes read outside these names are reported (code `source`). */
  sourceAttributes?: Partial<Record<SourceObjectType, readonly string[]>>;
}

const defaultSchemas = (): Record<string, ResourceSchema> => ({
  User: createUserSchema(),
  Group: createGroupSchema(),
});

/** Compiles `config`; see the file comment. */
export function compileMappings(
  config: MappingConfig,
  options: CompileOptions = {},
): Checked<CompiledMappings> {
  const issues: MappingIssue[] = [];
  const schemas = options.schemas ?? defaultSchemas();
  const objectMappings: CompiledObjectMapping[] = [];
  const bySource: Partial<Record<SourceObjectType, CompiledObjectMapping>> = {};
  config.objectMappings.forEach((objectMapping, index) => {
    const compiled = compileObjectMapping(objectMapping, index, schemas, options, issues);
    if (!compiled) return;
    objectMappings.push(compiled);
    if (!compiled.enabled) return;
    if (bySource[compiled.source]) {
      issues.push({
        code: 'duplicate',
        path: `objectMappings[${index}].source`,
        message: `two enabled object mappings read ${compiled.source}s`,
        mapping: compiled.name,
      });
    } else bySource[compiled.source] = compiled;
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { objectMappings, bySource } };
}

function compileObjectMapping(
  objectMapping: ObjectMapping,
  index: number,
  schemas: Readonly<Record<string, ResourceSchema>>,
  options: CompileOptions,
  issues: MappingIssue[],
): CompiledObjectMapping | undefined {
  const at = `objectMappings[${index}]`;
  const name = objectMapping.name;
  const schema = Object.entries(schemas).find(
    ([type]) => type.toLowerCase() === objectMapping.target.toLowerCase(),
  )?.[1];
  if (!schema) {
    issues.push({
      code: 'target',
      path: `${at}.target`,
      message: `unknown target resource type "${objectMapping.target}" (known: ${Object.keys(schemas).join(', ')})`,
      mapping: name,
    });
    return undefined;
  }
  const before = issues.length;
  const attributes: CompiledAttributeMapping[] = [];
  const taken: TakenSlot[] = [];
  const read = new Map<string, string>();
  let readsIsSoftDeleted = false;
  objectMapping.attributeMappings.forEach((mapping, i) => {
    const compiled = compileAttributeMapping(mapping, i, {
      path: `${at}.attributeMappings[${i}]`,
      name,
      schema,
      taken,
      issues,
    });
    if (!compiled) return;
    for (const attribute of compiled.expression?.attributes ?? []) {
      if (attribute.toLowerCase() === 'issoftdeleted') readsIsSoftDeleted = true;
      else if (!read.has(attribute.toLowerCase())) read.set(attribute.toLowerCase(), attribute);
    }
    if (mapping.type === 'none' && mapping.defaultValue === undefined) return;
    attributes.push(compiled);
  });

  const scope = compileScope(
    objectMapping.scopingFilters ?? [],
    `${at}.scopingFilters`,
    issues,
    name,
  );
  for (const group of scope) {
    for (const { clause } of group.clauses) {
      const lower = clause.attribute.toLowerCase();
      if (!read.has(lower)) read.set(lower, clause.attribute);
    }
  }

  const matching = attributes
    .filter((a) => a.matchingPrecedence !== undefined)
    .sort((a, b) => a.matchingPrecedence! - b.matchingPrecedence!);
  for (let i = 1; i < matching.length; i++) {
    if (matching[i]!.matchingPrecedence === matching[i - 1]!.matchingPrecedence) {
      issues.push({
        code: 'duplicate',
        path: `${at}.attributeMappings[${matching[i]!.index}].matchingPrecedence`,
        message: `matching precedence ${matching[i]!.matchingPrecedence} is used twice`,
        mapping: name,
        target: matching[i]!.mapping.target,
      });
    }
  }
  if (objectMapping.enabled && objectMapping.actions.includes('create') && matching.length === 0) {
    issues.push({
      code: 'matching',
      path: `${at}.attributeMappings`,
      message:
        'no matching attribute: give one attribute mapping a matchingPrecedence, so that objects already on the target are found instead of duplicated',
      mapping: name,
    });
  }
  const known = options.sourceAttributes?.[objectMapping.source];
  if (known) {
    const names = new Set(known.map((n) => n.toLowerCase()));
    for (const [lower, spelled] of read) {
      if (!names.has(lower)) {
        issues.push({
          code: 'source',
          path: at,
          message: `${objectMapping.source}s have no attribute "${spelled}"`,
          mapping: name,
        });
      }
    }
  }
  if (issues.length > before) return undefined;
  return {
    index,
    name,
    source: objectMapping.source,
    target: schema.resourceType.name,
    endpoint: schema.resourceType.endpoint,
    enabled: objectMapping.enabled,
    actions: {
      create: objectMapping.actions.includes('create'),
      update: objectMapping.actions.includes('update'),
      delete: objectMapping.actions.includes('delete'),
    },
    schema,
    attributes,
    matching,
    scope,
    readsIsSoftDeleted,
    sourceAttributes: [...read.values()],
  };
}
