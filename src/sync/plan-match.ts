/**
 * Matching a source object to an existing target object (Entra how-provisioning-works.md,
 * initial cycle steps 3–5): the matching attributes are tried in precedence order, each as one
 * SCIM filter on the value the object would be given; the first that finds anything decides —
 * one resource: link to it; several: DuplicateTargetEntries; none for every candidate: create.
 *
 * Filters are ASTs for the client to stringify (never string templates). A value-path target
 * becomes the RFC 7644 §3.4.2.2 valuePath filter `emails[type eq "work" and value eq "x"]`,
 * which every compliant server understands, rather than Entra's non-standard
 * `emails[type eq "work"].value eq "x"`. A matching attribute without a value (or with only its
 * default value) is skipped: matching on a placeholder would link strangers.
 *
 * Example:
 *   planMatch(exported, users) → [{ precedence: 1, target: 'userName', value: 'ann@contoso.test',
 *     filter: { kind: 'compare', path: { name: 'userName' }, op: 'eq', value: 'ann@contoso.test' } }]
 *   decideMatch([{ candidate, ids: ['t-1'] }]) → { kind: 'link', id: 't-1', candidate, tried: […] }
 */
import type { FilterLiteral, FilterNode } from '../scim/index.ts';
import type { CompiledObjectMapping } from './compile-mappings.ts';
import type { ExportedObject } from './export-object.ts';
import type { TargetSlot } from './target-slot.ts';

export interface MatchCandidate {
  precedence: number;
  /** Index of the attribute mapping. */
  index: number;
  /** The mapping's target path as configured. */
  target: string;
  value: string | number | boolean;
  filter: FilterNode;
}

/** What the target answered for one candidate's filter. */
export interface MatchResult {
  candidate: MatchCandidate;
  /** Ids of the resources found (at least the first two, when there are several). */
  ids: readonly string[];
  /** The ListResponse's totalResults, when larger than `ids`. */
  totalResults?: number;
}

export type MatchDecision =
  /** No candidate found anything: create the object. */
  | { kind: 'create'; tried: MatchResult[] }
  /** Exactly one resource: link to it (and update it). */
  | { kind: 'link'; id: string; candidate: MatchCandidate; tried: MatchResult[] }
  /** Several resources for the first candidate that found any: error DuplicateTargetEntries. */
  | { kind: 'duplicate'; ids: readonly string[]; candidate: MatchCandidate; tried: MatchResult[] }
  /** Every matching attribute is empty: nothing to match on (the engine skips the object). */
  | { kind: 'noCandidates' };

/** The filter `slot eq value`, as a valuePath for element slots. */
export function slotFilter(slot: TargetSlot, value: FilterLiteral): FilterNode {
  const uri = slot.inCore ? {} : { uri: slot.schemaUrn };
  if (slot.shape === 'attribute') {
    return { kind: 'compare', path: { ...uri, name: slot.name }, op: 'eq', value };
  }
  if (slot.shape === 'subAttribute') {
    return {
      kind: 'compare',
      path: { ...uri, name: slot.name, subAttr: slot.subAttr! },
      op: 'eq',
      value,
    };
  }
  const test: FilterNode = { kind: 'compare', path: { name: slot.subAttr! }, op: 'eq', value };
  return {
    kind: 'valuePath',
    path: { ...uri, name: slot.name },
    filter: { kind: 'and', left: slot.filter!, right: test },
  };
}

/** The matching candidates of an exported object, in precedence order; see the file comment. */
export function planMatch(
  exported: ExportedObject,
  mapping: CompiledObjectMapping,
): MatchCandidate[] {
  const candidates: MatchCandidate[] = [];
  for (const compiled of mapping.matching) {
    const attribute = exported.attributes.find((a) => a.index === compiled.index);
    if (attribute?.status !== 'value') continue;
    const value = attribute.value;
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      continue;
    }
    candidates.push({
      precedence: compiled.matchingPrecedence!,
      index: compiled.index,
      target: compiled.mapping.target,
      value,
      filter: slotFilter(compiled.slot, value),
    });
  }
  return candidates;
}

/**
 * Decides from the answers to the candidates' searches, in precedence order. The engine may stop
 * searching at the first candidate that found anything; `results` is then that prefix.
 */
export function decideMatch(results: readonly MatchResult[]): MatchDecision {
  if (results.length === 0) return { kind: 'noCandidates' };
  const tried: MatchResult[] = [];
  for (const result of results) {
    tried.push(result);
    const total = Math.max(result.ids.length, result.totalResults ?? 0);
    if (total === 0) continue;
    if (total === 1 && result.ids.length === 1) {
      return { kind: 'link', id: result.ids[0]!, candidate: result.candidate, tried };
    }
    return { kind: 'duplicate', ids: result.ids, candidate: result.candidate, tried };
  }
  return { kind: 'create', tried };
}
