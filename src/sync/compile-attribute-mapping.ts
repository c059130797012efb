/**
 * Compiles one attribute mapping of an object mapping: its target path resolved into a slot
 * (and checked against the slots taken before it), its expression compiled — a direct mapping
 * as `[attribute]` — and its matching attribute judged usable. Problems go to `issues` with the
 * mapping's JSON path; the mapping is then left out (undefined).
 *
 * Example: compileAttributeMapping({ type: 'direct', source: 'mail', target: 'emails[type eq "work"].value' }, 4, context)
 *   → { index: 4, slot: { shape: 'element', … }, apply: 'always', expression: { text: '[mail]', … } }
 */
import {
  type CompiledExpression,
  compileExpression,
  ExpressionError,
} from '../expressions/index.ts';
import type { ResourceSchema } from '../scim/index.ts';
import type { ApplyMode, AttributeMapping } from './mapping-config.ts';
import type { MappingIssue } from './mapping-issue.ts';
import { resolveTargetSlot, type TargetSlot } from './target-slot.ts';

export interface CompiledAttributeMapping {
  /** Position in the object mapping's `attributeMappings`. */
  index: number;
  mapping: AttributeMapping;
  slot: TargetSlot;
  apply: ApplyMode;
  /** direct and expression mappings (a direct mapping compiles as `[attribute]`). */
  expression?: CompiledExpression;
  /** constant mappings. */
  constant?: string;
  matchingPrecedence?: number;
}

/** A slot an earlier mapping of the same object mapping writes. */
export interface TakenSlot {
  slot: TargetSlot;
  index: number;
}

export interface AttributeMappingContext {
  /** JSON path of the attribute mapping. */
  path: string;
  /** The object mapping's name. */
  name: string;
  schema: ResourceSchema;
  /** Slots of the mappings compiled so far; this one is added when it compiles. */
  taken: TakenSlot[];
  issues: MappingIssue[];
}

/** Two slots that write the same place: equal, or one is the whole attribute of the other. */
function overlaps(a: TargetSlot, b: TargetSlot): boolean {
  if (a.key.toLowerCase() === b.key.toLowerCase()) return true;
  const sameAttribute =
    a.schemaUrn.toLowerCase() === b.schemaUrn.toLowerCase() &&
    a.name.toLowerCase() === b.name.toLowerCase();
  return sameAttribute && (a.shape === 'attribute' || b.shape === 'attribute');
}

function unmatchable(slot: TargetSlot): string | undefined {
  if (slot.reference) return 'a reference attribute cannot be matched on';
  if (slot.shape === 'attribute' && slot.attribute?.multiValued) {
    return 'a multi-valued attribute cannot be matched on: select one element, e.g. emails[type eq "work"].value';
  }
  if (slot.valueDefinition?.type === 'complex') {
    return 'a complex attribute cannot be matched on: name a sub-attribute';
  }
  return undefined;
}

/** Compiles `mapping`; see the file comment. */
export function compileAttributeMapping(
  mapping: AttributeMapping,
  index: number,
  context: AttributeMappingContext,
): CompiledAttributeMapping | undefined {
  const { path, name, schema, taken, issues } = context;
  const issue = (
    code: MappingIssue['code'],
    where: string,
    message: string,
    span?: MappingIssue['span'],
  ) => {
    issues.push({
      code,
      path: `${path}${where}`,
      message,
      ...(span && { span }),
      mapping: name,
      target: mapping.target,
    });
    return undefined;
  };
  const resolved = resolveTargetSlot(mapping.target, schema);
  if (!resolved.ok) return issue('target', '.target', resolved.message);
  const slot = resolved.slot;
  const overlap = taken.find((other) => overlaps(other.slot, slot));
  if (overlap !== undefined) {
    return issue(
      'duplicate',
      '.target',
      `"${mapping.target}" writes where attributeMappings[${overlap.index}] ("${overlap.slot.text}") does`,
    );
  }
  taken.push({ slot, index });
  const compiled: CompiledAttributeMapping = {
    index,
    mapping,
    slot,
    apply: mapping.apply ?? 'always',
  };
  if (mapping.matchingPrecedence !== undefined) {
    compiled.matchingPrecedence = mapping.matchingPrecedence;
    const reason = unmatchable(slot);
    if (reason) issue('matching', '.matchingPrecedence', reason);
  }
  if (mapping.type === 'constant') compiled.constant = mapping.source ?? '';
  if (mapping.type === 'direct' || mapping.type === 'expression') {
    const source = mapping.source ?? '';
    if (mapping.type === 'direct' && !/^[^[\]]+$/.test(source.trim())) {
      return issue('expression', '.source', 'a direct mapping names one source attribute');
    }
    try {
      compiled.expression = compileExpression(mapping.type === 'direct' ? `[${source}]` : source);
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      return issue('expression', '.source', error.message, error.span);
    }
  }
  return compiled;
}
