/**
 * Matching a page of source objects against the target (Entra how-provisioning-works.md,
 * initial cycle): the matching attributes in precedence order, the first that finds anything
 * deciding (src/sync planMatch/decideMatch). To spare one request per object, the candidates of
 * one precedence are asked together as one RFC 7644 filter `c1 or c2 or …` (every compliant
 * target supports `or`), and each resource found is given back to the candidates whose filter it
 * satisfies, evaluated here with the target schema (so case rules hold). A chunk whose answer may
 * be incomplete (more results than returned), or a target that refuses `or`, falls back to one
 * query per object, as Entra sends them.
 *
 * Example:
 *   const decisions = await matchBatch(client, users, exports, state);
 *   decisions.get('o-ann') → { kind: 'link', id: 't-1', … }
 */
import { isSyncError, type ScimClient } from '../../client/index.ts';
import { compileFilter, type FilterNode, stringifyFilter } from '../../scim/index.ts';
import {
  type CompiledObjectMapping,
  decideMatch,
  type ExportedObject,
  type MatchCandidate,
  type MatchDecision,
  type MatchResult,
  planMatch,
} from '../../sync/index.ts';

export interface MatchState {
  /** False once the target refused an `or` filter: one query per object from then on. */
  batching: boolean;
  /** Most candidates per `or` query. */
  chunkSize: number;
  /** Results per page the target returns at most (its filter.maxResults, else 100). */
  maxResults: number;
}

/** Longest `or` filter text sent (URLs stay far below common 8 KiB limits). */
const maxFilterLength = 3000;

function attributeOf(candidate: MatchCandidate, mapping: CompiledObjectMapping): string {
  const compiled = mapping.matching.find((m) => m.index === candidate.index)!;
  const { slot } = compiled;
  return slot.inCore ? slot.name : `${slot.schemaUrn}:${slot.name}`;
}

/** One query per candidate, in precedence order, stopping at the first hit. */
async function matchOne(
  client: ScimClient,
  mapping: CompiledObjectMapping,
  candidates: readonly MatchCandidate[],
): Promise<MatchDecision> {
  const results: MatchResult[] = [];
  for (const candidate of candidates) {
    const found = await client.search(mapping.endpoint, candidate.filter, {
      count: 2,
      attributes: ['id'],
    });
    results.push({
      candidate,
      ids: found.resources.map((r) => String(r.id)),
      totalResults: found.totalResults,
    });
    if (found.totalResults > 0 || found.resources.length > 0) break;
  }
  return decideMatch(results);
}

/**
 * Decisions for `exports` (source id → create-mode export), keyed by source id. Objects
 * without any matching value get `noCandidates`.
 */
export async function matchBatch(
  client: ScimClient,
  mapping: CompiledObjectMapping,
  exports: ReadonlyMap<string, ExportedObject>,
  state: MatchState,
): Promise<Map<string, MatchDecision>> {
  const decisions = new Map<string, MatchDecision>();
  const plans = new Map<string, MatchCandidate[]>();
  for (const [id, exported] of exports) {
    const candidates = planMatch(exported, mapping);
    if (candidates.length === 0) decisions.set(id, { kind: 'noCandidates' });
    else plans.set(id, candidates);
  }
  if (!state.batching || plans.size <= 1) {
    await Promise.all(
      [...plans].map(async ([id, candidates]) => {
        decisions.set(id, await matchOne(client, mapping, candidates));
      }),
    );
    return decisions;
  }

  const tried = new Map<string, MatchResult[]>([...plans.keys()].map((id) => [id, []]));
  const fallback = new Set<string>();
  const precedences = [
    ...new Set([...plans.values()].flatMap((c) => c.map((x) => x.precedence))),
  ].sort((a, b) => a - b);
  for (const precedence of precedences) {
    // Objects still undecided that have a candidate at this precedence.
    const asking: [string, MatchCandidate][] = [];
    for (const [id, candidates] of plans) {
      if (decisions.has(id) || fallback.has(id)) continue;
      const candidate = candidates.find((c) => c.precedence === precedence);
      if (candidate) asking.push([id, candidate]);
    }
    const chunks: [string, MatchCandidate][][] = [];
    let current: [string, MatchCandidate][] = [];
    let length = 0;
    for (const item of asking) {
      const text = stringifyFilter(item[1].filter).length + 4;
      if (
        current.length > 0 &&
        (current.length >= state.chunkSize || length + text > maxFilterLength)
      ) {
        chunks.push(current);
        current = [];
        length = 0;
      }
      current.push(item);
      length += text;
    }
    if (current.length > 0) chunks.push(current);

    await Promise.all(
      chunks.map(async (chunk) => {
        if (!state.batching) {
          for (const [id] of chunk) fallback.add(id);
          return;
        }
        const filter = chunk
          .map(([, c]) => c.filter)
          .reduce((left: FilterNode, right): FilterNode => ({ kind: 'or', left, right }));
        const count = Math.min(state.maxResults, chunk.length * 2);
        let answer: Awaited<ReturnType<ScimClient['search']>>;
        try {
          answer = await client.search(mapping.endpoint, filter, {
            count,
            attributes: [...new Set(chunk.map(([, c]) => attributeOf(c, mapping)))],
          });
        } catch (error) {
          if (isSyncError(error) && error.kind === 'rejected') {
            state.batching = false;
            for (const [id] of chunk) fallback.add(id);
            return;
          }
          throw error;
        }
        if (answer.totalResults > answer.resources.length) {
          for (const [id] of chunk) fallback.add(id);
          return;
        }
        for (const [id, candidate] of chunk) {
          let test: (resource: Record<string, unknown>) => boolean;
          try {
            test = compileFilter(candidate.filter, mapping.schema);
          } catch {
            fallback.add(id);
            continue;
          }
          const ids = answer.resources.filter((r) => test(r)).map((r) => String(r.id));
          const result: MatchResult = { candidate, ids };
          tried.get(id)!.push(result);
          if (ids.length > 0) decisions.set(id, decideMatch(tried.get(id)!));
        }
      }),
    );
  }
  for (const [id] of plans) {
    if (decisions.has(id)) continue;
    if (fallback.has(id)) decisions.set(id, await matchOne(client, mapping, plans.get(id)!));
    else decisions.set(id, decideMatch(tried.get(id)!));
  }
  return decisions;
}
