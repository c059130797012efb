/**
 * Computes what the target should hold for one source object (Entra how-provisioning-works.md,
 * customize-application-attributes.md): every attribute mapping is evaluated and its value,
 * converted to the target attribute's type, written at its SCIM path — nested objects,
 * extension objects under their URN, and for value paths the selected element
 * (`emails[type eq "work"].value` → `emails: [{ type: 'work', value }]`).
 *
 * - No value (null, empty, an expression that came to nothing): nothing is written. On create,
 *   "default value if null" applies; on update, a mapping with a default value leaves the
 *   target as it is, and one without is cleared (see diff-to-patch.ts).
 * - IgnoreFlowIfNullOrEmpty, evaluation errors, onCreate-only mappings in update mode and
 *   unresolved references are `untouched`: the diff never changes those slots.
 * - Reference attributes (manager, group members) carry directory ids; they are listed in
 *   `references` for the reference pass (resolve-references.ts) instead of being written.
 *
 * Each mapping's outcome is in `attributes` (for the provisioning log's modified properties and
 * provision on demand's "perform action" step); an object with `errors`, or created without a
 * required attribute (`missingRequired`), should not be written.
 *
 * Example:
 *   exportObject({ userPrincipalName: 'ann@contoso.test', mail: 'ann@contoso.test' }, users,
 *     { mode: 'create', now: new Date() }).resource
 *   → { schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'ann@contoso.test',
 *       active: true, emails: [{ type: 'work', value: 'ann@contoso.test' }] }
 */
import { type EvaluationResult, evaluate } from '../expressions/index.ts';
import type { ScimResource } from '../scim/index.ts';
import type { CompiledAttributeMapping, CompiledObjectMapping } from './compile-mappings.ts';
import type {
  ExportError,
  ExportedAttribute,
  ExportedObject,
  ExportedStatus,
  ExportOptions,
  PendingReference,
} from './exported-object.ts';
import { writeSlot } from './slot-access.ts';
import type { SourceObject } from './source-attributes.ts';
import { toTargetValue } from './target-value.ts';

export type * from './exported-object.ts';

function idsOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  const ids: string[] = [];
  for (const item of items) {
    if (typeof item === 'string' && item !== '') ids.push(item);
    else if (typeof item === 'object' && item !== null && !(item instanceof Date)) {
      const id = (item as Record<string, unknown>).value;
      if (typeof id === 'string' && id !== '') ids.push(id);
    }
  }
  return ids;
}

function run(
  mapping: CompiledAttributeMapping,
  source: SourceObject,
  options: ExportOptions,
): EvaluationResult {
  if (mapping.constant !== undefined) {
    return mapping.constant === ''
      ? { kind: 'noValue', redacted: false }
      : { kind: 'value', value: mapping.constant, redacted: false };
  }
  if (!mapping.expression) return { kind: 'noValue', redacted: false };
  return evaluate(mapping.expression, {
    attributes: source,
    isSoftDeleted: options.isSoftDeleted ?? false,
    now: () => options.now,
    ...(options.randomInt && { randomInt: options.randomInt }),
  });
}

/** The target resource for `source` under `mapping`; see the file comment. */
export function exportObject(
  source: SourceObject,
  mapping: CompiledObjectMapping,
  options: ExportOptions,
): ExportedObject {
  const resource: ScimResource = {};
  const attributes: ExportedAttribute[] = [];
  const references: PendingReference[] = [];
  const errors: ExportError[] = [];
  const untouched = new Set<string>();
  const creating = options.mode === 'create';

  for (const compiled of mapping.attributes) {
    const { slot } = compiled;
    const base = { index: compiled.index, target: compiled.mapping.target, key: slot.key };
    if (!creating && compiled.apply === 'onCreate') {
      untouched.add(slot.key);
      attributes.push({ ...base, status: 'onCreateOnly', redacted: false });
      continue;
    }
    const result = run(compiled, source, options);
    const redacted = result.redacted;
    if (result.kind === 'error') {
      const { message, start, end } = result.error;
      const error: ExportError = {
        index: compiled.index,
        target: compiled.mapping.target,
        message,
        span: { start, end },
      };
      if (result.error.function !== undefined) error.function = result.error.function;
      errors.push(error);
      untouched.add(slot.key);
      attributes.push({ ...base, status: 'error', redacted, message });
      continue;
    }
    if (result.kind === 'ignoreFlow') {
      untouched.add(slot.key);
      attributes.push({ ...base, status: 'ignoreFlow', redacted });
      continue;
    }
    if (slot.reference) {
      const sourceIds = result.kind === 'value' ? idsOf(result.value) : [];
      references.push({
        index: compiled.index,
        slot,
        multiValued: slot.reference.multiValued,
        sourceIds,
      });
      untouched.add(slot.key);
      attributes.push({ ...base, status: 'reference', value: sourceIds, redacted });
      continue;
    }
    let converted =
      result.kind === 'value'
        ? toTargetValue(result.value, slot.valueDefinition, slot.text)
        : undefined;
    if (converted && !converted.ok) {
      errors.push({
        index: compiled.index,
        target: compiled.mapping.target,
        message: converted.message,
      });
      untouched.add(slot.key);
      attributes.push({ ...base, status: 'error', redacted, message: converted.message });
      continue;
    }
    let status: ExportedStatus = 'value';
    if (converted === undefined || converted.value === undefined) {
      const fallback = compiled.mapping.defaultValue;
      if (fallback === undefined) {
        attributes.push({ ...base, status: 'noValue', redacted });
        continue;
      }
      if (!creating) {
        untouched.add(slot.key);
        attributes.push({ ...base, status: 'noValue', redacted });
        continue;
      }
      converted = toTargetValue(fallback, slot.valueDefinition, slot.text);
      if (!converted.ok) {
        errors.push({
          index: compiled.index,
          target: compiled.mapping.target,
          message: converted.message,
        });
        untouched.add(slot.key);
        attributes.push({ ...base, status: 'error', redacted, message: converted.message });
        continue;
      }
      if (converted.value === undefined) {
        attributes.push({ ...base, status: 'noValue', redacted });
        continue;
      }
      status = 'default';
    }
    writeSlot(resource, slot, converted.value);
    const exported: ExportedAttribute = { ...base, status, value: converted.value, redacted };
    if (result.kind === 'value' && result.candidates) exported.candidates = result.candidates;
    attributes.push(exported);
  }

  const missingRequired = creating
    ? mapping.schema.core.attributes
        .filter((a) => a.required && a.mutability !== 'readOnly' && resource[a.name] === undefined)
        .map((a) => a.name)
    : [];
  return {
    mode: options.mode,
    resource: withSchemas(resource, mapping),
    attributes,
    references,
    errors,
    untouched,
    missingRequired,
  };
}

/** `resource` with `schemas` first: the core schema and every extension that holds data. */
export function withSchemas(resource: ScimResource, mapping: CompiledObjectMapping): ScimResource {
  const schemas = [mapping.schema.core.id];
  for (const key of Object.keys(resource)) {
    if (key.includes(':') && key !== 'schemas') schemas.push(key);
  }
  const { schemas: _ignored, ...rest } = resource;
  return { schemas, ...rest };
}
