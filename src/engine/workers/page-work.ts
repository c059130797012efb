/**
 * What a cycle on workers keeps about itself (the plan) and what each of its pages works on,
 * and the split of a cycle's objects into bounded pages (pure). Phases run in order; the pages
 * of one phase run on any workers at once:
 *
 *   sync (users and groups) → members (incremental) → sweep (initial) → reference → deprovision → finish
 *
 * Example:
 *   splitObjects('user', ids, 500, { assigned: true }) → [{ kind: 'objects', type: 'user', ids: [500 ids], assigned: true }, …]
 */
import type { CycleKind, CyclePageRecord, CyclePhase } from '../../store/store.ts';
import type { MemberDelta } from '../cycle/change-window.ts';
import type { Deprovision } from '../cycle/cycle-context.ts';
import type { DeletionHold } from '../cycle/deprovision.ts';
import type { EscrowRetry } from '../cycle/object-state.ts';
import type { Job } from '../job-record.ts';

export type PageWork =
  /** Users or groups through syncObjects; `assigned` (initial): from the in-scope list; `claims`: initial users take claims. */
  | {
      kind: 'objects';
      type: 'user' | 'group';
      ids: string[];
      /** The change that brought each object in (incremental), by position. */
      changes?: (number | null)[];
      /** The escrow retry each object is (incremental), by position; null for none. */
      retries?: (EscrowRetry | null)[];
      assigned?: boolean;
      claims?: boolean;
    }
  /** Member deltas of groups (incremental): group id → [member id, delta][]. */
  | { kind: 'members'; groups: [string, [string, MemberDelta][]][] }
  /** Links with pending references (the reference pass, a page at a time). */
  | { kind: 'reference'; type: 'user' | 'group'; ids: string[] }
  /** Disables and deletes: `items` to carry out (under the threshold), else all of them checked against it. */
  | { kind: 'deprovision'; items?: Deprovision[] }
  | { kind: 'finish' };

/** The plan JSON of a cycle on workers (prov_cycle_plans.plan). */
export interface CyclePlan {
  kind: CycleKind;
  /** The job as it was when the cycle started: every page uses these settings and mappings. */
  job: Job;
  started: string;
  /** What the watermark becomes when the cycle succeeds, and whether more changes wait. */
  watermark: number;
  more: boolean;
  total: number;
  /** The object types the job's mappings provision (users, and groups when the target takes them). */
  types: ('user' | 'group')[];
  /** Stopping the job (enabled → false) stops the cycle; a cycle run while off is not stopped. */
  enabledAtStart: boolean;
}

/** The outcome JSON (prov_cycle_plans.outcome). */
export interface CycleOutcomeState {
  failure?: string;
  /** The failure was a `stop` (credentials, Tenant URL): quarantine takes it at once. */
  stop?: boolean;
  stopped?: string;
  hold?: DeletionHold;
}

export const phaseOrder: readonly CyclePhase[] = [
  'sync',
  'members',
  'sweep',
  'reference',
  'deprovision',
  'finish',
];

export function chunked<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Pages of objects of one type, `size` at a time (changes follow their ids). */
export function splitObjects(
  type: 'user' | 'group',
  ids: readonly string[],
  size: number,
  extra: {
    assigned?: boolean;
    claims?: boolean;
    changes?: readonly (number | null)[];
    retries?: readonly (EscrowRetry | null)[];
  } = {},
): PageWork[] {
  return chunked(ids, size).map((part, i) => {
    const retries = extra.retries?.slice(i * size, i * size + part.length);
    return {
      kind: 'objects' as const,
      type,
      ids: part,
      ...(extra.changes && { changes: extra.changes.slice(i * size, i * size + part.length) }),
      ...(retries?.some((r) => r !== null) && { retries }),
      ...(extra.assigned && { assigned: true }),
      ...(extra.claims && { claims: true }),
    };
  });
}

/** The page rows of `works` in `phase`, numbered from `first`. */
export function pageRecords(
  cycleId: string,
  appId: string,
  phase: CyclePhase,
  works: readonly PageWork[],
  now: string,
  first = 0,
): CyclePageRecord[] {
  return works.map((work, i) => ({
    cycleId,
    phase,
    seq: first + i,
    appId,
    work: work as unknown as Record<string, unknown>,
    status: 'pending',
    attempts: 0,
    owner: null,
    leaseUntil: null,
    done: 0,
    counts: {},
    result: null,
    error: null,
    updated: now,
  }));
}

/** A page's name, e.g. "c1f…:sync:3" (claims and job keys use it). */
export const pageName = (key: { cycleId: string; phase: string; seq: number }) =>
  `${key.cycleId}:${key.phase}:${key.seq}`;
