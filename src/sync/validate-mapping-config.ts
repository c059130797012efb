/**
 * Checks an untrusted mapping configuration (an API body, an imported job document, a gallery
 * template's `provisioning`) and returns it typed, or every issue found — shape first (types,
 * required and unknown keys, so a typo such as `matchingPrecendence` is reported rather than
 * silently ignored), then meaning (through compileMappings: target paths, expressions with
 * their spans, matching precedences, scoping clauses).
 *
 * Hand-written rather than zod: the sync ring is pure and imports no packages, and most rules
 * are semantic anyway. The admin API may wrap this in a zod `superRefine`.
 *
 * Example:
 *   validateMappingConfig({ objectMappings: [{ name: 'Users', source: 'user', target: 'User',
 *     enabled: true, actions: ['create'], attributeMappings: [{ type: 'direct', source: 'mail', target: 'emails[type eq "work"].valu' }] }] })
 *   → { ok: false, issues: [{ code: 'target', path: 'objectMappings[0].attributeMappings[0].target', message: '"emails" has no sub-attribute "valu"' }, …] }
 */
import { type CompileOptions, compileMappings } from './compile-mappings.ts';
import {
  type ApplyMode,
  type AttributeMapping,
  type MappingConfig,
  type MappingType,
  mappingTypes,
  type ObjectMapping,
  type ScopingClause,
  type ScopingFilterGroup,
  type TargetAction,
  targetActions,
} from './mapping-config.ts';
import type { Checked, MappingIssue } from './mapping-issue.ts';
import {
  parseScopingOperator,
  type ScopingOperator,
  scopingOperators,
} from './scoping-operators.ts';

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

class Checker {
  readonly issues: MappingIssue[] = [];

  fail(path: string, message: string): undefined {
    this.issues.push({ code: 'shape', path, message });
    return undefined;
  }

  object(value: unknown, path: string, keys: readonly string[]): Json | undefined {
    if (!isObject(value)) return this.fail(path, 'must be an object');
    for (const key of Object.keys(value)) {
      if (!keys.includes(key)) {
        const near = keys.find((k) => k.toLowerCase() === key.toLowerCase());
        this.fail(
          `${path}.${key}`,
          near ? `unknown key: did you mean "${near}"?` : `unknown key (known: ${keys.join(', ')})`,
        );
      }
    }
    return value;
  }

  string(value: unknown, path: string, options: { optional?: boolean; nonEmpty?: boolean } = {}) {
    if (value === undefined && options.optional) return undefined;
    if (typeof value !== 'string') return this.fail(path, 'must be a string');
    if (options.nonEmpty && value.trim() === '') return this.fail(path, 'must not be empty');
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
      return value as T;
    return this.fail(path, `must be one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }

  array(value: unknown, path: string): unknown[] | undefined {
    if (!Array.isArray(value)) return this.fail(path, 'must be an array');
    return value;
  }
}

function checkAttributeMapping(
  c: Checker,
  value: unknown,
  path: string,
): AttributeMapping | undefined {
  const o = c.object(value, path, [
    'type',
    'source',
    'target',
    'defaultValue',
    'apply',
    'matchingPrecedence',
  ]);
  if (!o) return undefined;
  const type = c.oneOf<MappingType>(o.type, `${path}.type`, mappingTypes);
  const source = c.string(o.source, `${path}.source`, {
    optional: type === 'none' || type === undefined,
    nonEmpty: type === 'direct' || type === 'expression',
  });
  const target = c.string(o.target, `${path}.target`, { nonEmpty: true });
  const defaultValue = c.string(o.defaultValue, `${path}.defaultValue`, { optional: true });
  const apply =
    o.apply === undefined
      ? undefined
      : c.oneOf<ApplyMode>(o.apply, `${path}.apply`, ['always', 'onCreate']);
  let matchingPrecedence: number | undefined;
  if (o.matchingPrecedence !== undefined && o.matchingPrecedence !== null) {
    if (!Number.isInteger(o.matchingPrecedence) || (o.matchingPrecedence as number) < 1) {
      c.fail(`${path}.matchingPrecedence`, 'must be an integer of 1 or more');
    } else matchingPrecedence = o.matchingPrecedence as number;
  }
  if (type === undefined || target === undefined) return undefined;
  const mapping: AttributeMapping = { type, target };
  if (source !== undefined && type !== 'none') mapping.source = source;
  if (defaultValue !== undefined) mapping.defaultValue = defaultValue;
  if (apply !== undefined) mapping.apply = apply;
  if (matchingPrecedence !== undefined) mapping.matchingPrecedence = matchingPrecedence;
  return mapping;
}

function checkClause(c: Checker, value: unknown, path: string): ScopingClause | undefined {
  const o = c.object(value, path, ['attribute', 'operator', 'value']);
  if (!o) return undefined;
  const attribute = c.string(o.attribute, `${path}.attribute`, { nonEmpty: true });
  const spelled = c.string(o.operator, `${path}.operator`);
  let operator: ScopingOperator | undefined;
  if (spelled !== undefined) {
    operator = parseScopingOperator(spelled);
    if (!operator) {
      c.fail(
        `${path}.operator`,
        `unknown operator "${spelled}" (known: ${scopingOperators.join(', ')})`,
      );
    }
  }
  const operand =
    typeof o.value === 'number' || typeof o.value === 'boolean' ? String(o.value) : o.value;
  const clauseValue = c.string(operand, `${path}.value`, { optional: true });
  if (attribute === undefined || operator === undefined) return undefined;
  const clause: ScopingClause = { attribute, operator };
  if (clauseValue !== undefined) clause.value = clauseValue;
  return clause;
}

function checkGroup(c: Checker, value: unknown, path: string): ScopingFilterGroup | undefined {
  const o = c.object(value, path, ['title', 'clauses']);
  if (!o) return undefined;
  const title = c.string(o.title, `${path}.title`, { optional: true });
  const clauses = c.array(o.clauses, `${path}.clauses`);
  if (!clauses) return undefined;
  if (clauses.length === 0) c.fail(`${path}.clauses`, 'a scoping filter needs at least one clause');
  const checked = clauses.map((clause, i) => checkClause(c, clause, `${path}.clauses[${i}]`));
  if (checked.some((x) => x === undefined)) return undefined;
  const group: ScopingFilterGroup = { clauses: checked as ScopingClause[] };
  if (title !== undefined) group.title = title;
  return group;
}

function checkObjectMapping(c: Checker, value: unknown, path: string): ObjectMapping | undefined {
  const o = c.object(value, path, [
    'name',
    'source',
    'target',
    'enabled',
    'actions',
    'attributeMappings',
    'scopingFilters',
  ]);
  if (!o) return undefined;
  const name = c.string(o.name, `${path}.name`, { nonEmpty: true });
  const source = c.oneOf(o.source, `${path}.source`, ['user', 'group'] as const);
  const target = c.string(o.target, `${path}.target`, { nonEmpty: true });
  if (typeof o.enabled !== 'boolean') c.fail(`${path}.enabled`, 'must be true or false');
  const actions = c
    .array(o.actions, `${path}.actions`)
    ?.map((a, i) => c.oneOf<TargetAction>(a, `${path}.actions[${i}]`, targetActions));
  if (actions && new Set(actions).size !== actions.length)
    c.fail(`${path}.actions`, 'lists an action twice');
  const attributes = c
    .array(o.attributeMappings, `${path}.attributeMappings`)
    ?.map((m, i) => checkAttributeMapping(c, m, `${path}.attributeMappings[${i}]`));
  const groups =
    o.scopingFilters === undefined
      ? []
      : c
          .array(o.scopingFilters, `${path}.scopingFilters`)
          ?.map((g, i) => checkGroup(c, g, `${path}.scopingFilters[${i}]`));
  if (
    name === undefined ||
    source === undefined ||
    target === undefined ||
    typeof o.enabled !== 'boolean' ||
    !actions ||
    actions.some((a) => a === undefined) ||
    !attributes ||
    attributes.some((a) => a === undefined) ||
    !groups ||
    groups.some((g) => g === undefined)
  ) {
    return undefined;
  }
  const mapping: ObjectMapping = {
    name,
    source,
    target,
    enabled: o.enabled,
    actions: actions as TargetAction[],
    attributeMappings: attributes as AttributeMapping[],
  };
  if (o.scopingFilters !== undefined) mapping.scopingFilters = groups as ScopingFilterGroup[];
  return mapping;
}

/** The configuration typed and canonical (operator spellings), or every issue; see above. */
export function validateMappingConfig(
  input: unknown,
  options: CompileOptions = {},
): Checked<MappingConfig> {
  const c = new Checker();
  const root = c.object(input, '$', ['objectMappings']);
  const list = root ? c.array(root.objectMappings, 'objectMappings') : undefined;
  const objectMappings = list?.map((m, i) => checkObjectMapping(c, m, `objectMappings[${i}]`));
  if (c.issues.length > 0 || !objectMappings) return { ok: false, issues: c.issues };
  const config: MappingConfig = { objectMappings: objectMappings as ObjectMapping[] };
  const compiled = compileMappings(config, options);
  if (!compiled.ok) return { ok: false, issues: compiled.issues };
  return { ok: true, value: config };
}
