/**
 * A mapping's target path, resolved once against the target resource type's schema into a
 * "slot": where in a SCIM resource the value lives and what type it has. Three shapes:
 *
 * - `attribute`: a top-level attribute, core or extension (`displayName`, `active`,
 *   `urn:…:enterprise:2.0:User:employeeNumber`, `roles`);
 * - `subAttribute`: a sub-attribute of a single-valued complex attribute (`name.givenName`);
 * - `element`: a sub-attribute of the element of a multi-valued attribute that an `eq` filter
 *   selects (`emails[type eq "work"].value`); the filter's tests are the element's `selector`
 *   and are written into the element when it is created (RFC 7644 §3.5.2 value paths).
 *
 * A complex attribute whose `$ref` points at Users or Groups (enterprise `manager`, Group
 * `members`) is a reference: its source values are directory object ids, which the engine
 * turns into target ids (see resolve-references.ts). An attribute of an extension schema the
 * target schema does not know (`urn:acme:…:User:badge`) is accepted as opaque: written as
 * given, never coerced.
 *
 * Example: resolveTargetSlot('emails[type eq "work"].value', createUserSchema())
 *   → { ok: true, slot: { shape: 'element', name: 'emails', subAttr: 'value',
 *        selector: [['type', 'work']], key: 'emails[type eq "work"].value', … } }
 */
import {
  type AttributeDefinition,
  type FilterLiteral,
  type FilterNode,
  type PatchPath,
  parsePatchPath,
  type ResourceSchema,
  ScimError,
  stringifyPatchPath,
} from '../scim/index.ts';

export type SlotShape = 'attribute' | 'subAttribute' | 'element';

export interface TargetSlot {
  /** The path as the mapping wrote it. */
  text: string;
  /** Canonical path text; one slot per key in an object mapping. */
  key: string;
  /** The canonical parsed path, ready for PATCH operations (stringifyPatchPath). */
  path: PatchPath;
  shape: SlotShape;
  /** Canonical top-level attribute name. */
  name: string;
  /** Schema URN of the attribute; for core attributes the core schema. */
  schemaUrn: string;
  /** True when the attribute lives at the top level of the resource JSON. */
  inCore: boolean;
  /** The top-level attribute's definition; undefined for an opaque extension attribute. */
  attribute: AttributeDefinition | undefined;
  /** Canonical sub-attribute name for `subAttribute` and `element`. */
  subAttr?: string;
  /** The definition of the value written at the slot (sub-attribute or attribute). */
  valueDefinition: AttributeDefinition | undefined;
  /** For `element`: the (sub-attribute, value) pairs that identify and create the element. */
  selector?: readonly (readonly [string, FilterLiteral])[];
  /** For `element`: the canonical filter and the key shared by slots of the same element. */
  filter?: FilterNode;
  elementKey?: string;
  /** Set when the attribute references other resources (manager, members). */
  reference?: { multiValued: boolean };
}

export type SlotResult = { ok: true; slot: TargetSlot } | { ok: false; message: string };

function isReference(attribute: AttributeDefinition): boolean {
  if (attribute.type !== 'complex') return false;
  const ref = attribute.subAttributes?.find((s) => s.name === '$ref');
  return !!ref?.referenceTypes?.some((t) => t === 'User' || t === 'Group');
}

/** The `eq` tests of an element filter, or a reason why it cannot create an element. */
function selectorOf(
  filter: FilterNode,
  attribute: AttributeDefinition,
  schema: ResourceSchema,
): { pairs: [string, FilterLiteral][] } | { message: string } {
  const pairs: [string, FilterLiteral][] = [];
  const pending: FilterNode[] = [filter];
  while (pending.length > 0) {
    const node = pending.pop()!;
    if (node.kind === 'and') {
      pending.push(node.right, node.left);
      continue;
    }
    if (
      node.kind !== 'compare' ||
      node.op !== 'eq' ||
      node.value === null ||
      node.path.uri !== undefined ||
      node.path.subAttr !== undefined
    ) {
      return {
        message:
          'the value filter must be "eq" tests joined by "and" (emails[type eq "work"]), so that a missing element can be created',
      };
    }
    const sub = schema.subAttribute(attribute, node.path.name);
    if (!sub) return { message: `"${attribute.name}" has no sub-attribute "${node.path.name}"` };
    if (pairs.some(([name]) => name === sub.name)) {
      return { message: `the value filter tests "${sub.name}" twice` };
    }
    // Entra writes `roles[primary eq "True"]`: a boolean sub-attribute tested against the
    // text "True"/"False" means the boolean, so the element is found, matched and created typed.
    const literal =
      sub.type === 'boolean' && typeof node.value === 'string' && /^(true|false)$/i.test(node.value)
        ? node.value.toLowerCase() === 'true'
        : node.value;
    pairs.push([sub.name, literal]);
  }
  return { pairs };
}

function selectorFilter(pairs: readonly (readonly [string, FilterLiteral])[]): FilterNode {
  const tests = pairs.map(
    ([name, value]): FilterNode => ({ kind: 'compare', path: { name }, op: 'eq', value }),
  );
  return tests.reduce((left, right) => ({ kind: 'and', left, right }));
}

/** Resolves a mapping target against the resource type's schema; see the file comment. */
export function resolveTargetSlot(text: string, schema: ResourceSchema): SlotResult {
  let parsed: PatchPath;
  try {
    parsed = parsePatchPath(text);
  } catch (error) {
    if (error instanceof ScimError) return { ok: false, message: error.detail };
    throw error;
  }
  const fail = (message: string): SlotResult => ({ ok: false, message });
  const resolved = schema.resolve({ uri: parsed.uri, name: parsed.name });
  if (!resolved) {
    const known = parsed.uri !== undefined && schema.schemaById(parsed.uri) !== undefined;
    if (parsed.uri === undefined || known) {
      return fail(`${schema.resourceType.name} has no attribute "${text}"`);
    }
    if (parsed.filter) return fail('a value filter needs an attribute the schema defines');
    return { ok: true, slot: opaqueSlot(text, parsed) };
  }
  const { attribute } = resolved;
  if (attribute.mutability === 'readOnly') {
    return fail(`"${resolved.name}" is readOnly: the target sets it`);
  }
  const path: PatchPath = { name: resolved.name };
  if (!resolved.inCore) path.uri = resolved.schema;
  const base = { text, schemaUrn: resolved.schema, inCore: resolved.inCore, name: resolved.name };
  const reference = isReference(attribute);

  if (parsed.filter) {
    if (!attribute.multiValued) return fail(`"${resolved.name}" is single-valued: no value filter`);
    if (reference) return fail(`"${resolved.name}" holds references: map the whole attribute`);
    if (parsed.subAttr === undefined) {
      return fail(`name the sub-attribute to write: "${text}.value"`);
    }
    const sub = schema.subAttribute(attribute, parsed.subAttr);
    if (!sub) return fail(`"${resolved.name}" has no sub-attribute "${parsed.subAttr}"`);
    if (sub.mutability === 'readOnly') return fail(`"${resolved.name}.${sub.name}" is readOnly`);
    const selector = selectorOf(parsed.filter, attribute, schema);
    if ('message' in selector) return fail(selector.message);
    const filter = selectorFilter(selector.pairs);
    path.filter = filter;
    const elementKey = stringifyPatchPath(path);
    path.subAttr = sub.name;
    const slot: TargetSlot = {
      ...base,
      key: stringifyPatchPath(path),
      path,
      shape: 'element',
      attribute,
      subAttr: sub.name,
      valueDefinition: sub,
      selector: selector.pairs,
      filter,
      elementKey,
    };
    return { ok: true, slot };
  }

  if (parsed.subAttr !== undefined) {
    if (attribute.type !== 'complex') return fail(`"${resolved.name}" has no sub-attributes`);
    if (attribute.multiValued) {
      return fail(
        `"${resolved.name}" is multi-valued: select the element, e.g. ${resolved.name}[type eq "work"].${parsed.subAttr}`,
      );
    }
    if (reference) return fail(`"${resolved.name}" is a reference: map the whole attribute`);
    const sub = schema.subAttribute(attribute, parsed.subAttr);
    if (!sub) return fail(`"${resolved.name}" has no sub-attribute "${parsed.subAttr}"`);
    if (sub.mutability === 'readOnly') return fail(`"${resolved.name}.${sub.name}" is readOnly`);
    path.subAttr = sub.name;
    const slot: TargetSlot = {
      ...base,
      key: stringifyPatchPath(path),
      path,
      shape: 'subAttribute',
      attribute,
      subAttr: sub.name,
      valueDefinition: sub,
    };
    return { ok: true, slot };
  }

  const slot: TargetSlot = {
    ...base,
    key: stringifyPatchPath(path),
    path,
    shape: 'attribute',
    attribute,
    valueDefinition: attribute,
  };
  if (reference) slot.reference = { multiValued: attribute.multiValued };
  return { ok: true, slot };
}

function opaqueSlot(text: string, parsed: PatchPath): TargetSlot {
  const path: PatchPath = { uri: parsed.uri!, name: parsed.name };
  const base = {
    text,
    schemaUrn: parsed.uri!,
    inCore: false,
    name: parsed.name,
    attribute: undefined,
    valueDefinition: undefined,
  };
  if (parsed.subAttr === undefined) {
    return { ...base, key: stringifyPatchPath(path), path, shape: 'attribute' };
  }
  path.subAttr = parsed.subAttr;
  return {
    ...base,
    key: stringifyPatchPath(path),
    path,
    shape: 'subAttribute',
    subAttr: parsed.subAttr,
  };
}
