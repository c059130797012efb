/**
 * The work of a cycle split over many worker processes (issue #9), as the store keeps it
 * (`Store.provisioning.work`, migration 004-cycle-work): the cycle's plan (phase, the job as it
 * was when the cycle started, the outcome), its pages (bounded pieces of work, each with a
 * status, attempts, an owner and a lease), the claims of initial cycles (which page takes which
 * user, so no user is provisioned twice), the disables and deletes held for the end, and the
 * journal of creates (so a page run again after a crash logs an object it created as created).
 * A page's writes — links, log entries, escrows, deprovisions, claims done — are committed in one
 * transaction together with its status, and only by the attempt that still owns it.
 *
 * Example:
 *   const page = await store.provisioning.work.claimPage(key, 'host:1', until, now);
 *   await store.provisioning.work.commitPage(key, 'host:1', { status: 'done', writes });
 */
import type {
  EscrowRecord,
  ProvisioningLink,
  ProvisioningLogEntry,
  ProvisioningObjectType,
} from './provisioning-port.ts';

export type CyclePhase = 'sync' | 'members' | 'sweep' | 'reference' | 'deprovision' | 'finish';
export type PageStatus = 'pending' | 'running' | 'done' | 'failed' | 'cancelled';

export interface CyclePlanRecord {
  cycleId: string;
  appId: string;
  /** The phase whose pages run now; 'done' once the cycle has finished. */
  phase: CyclePhase | 'done';
  /** Engine-owned JSON: the job as it was at the start, the window, totals. */
  plan: Record<string, unknown>;
  /** Engine-owned JSON: failure, stop, hold. */
  outcome: Record<string, unknown>;
  created: string;
  updated: string;
}

export interface PageKey {
  cycleId: string;
  phase: CyclePhase;
  seq: number;
}

export interface CyclePageRecord extends PageKey {
  appId: string;
  /** Engine-owned JSON: what the page works on (ids, change ids, member deltas, …). */
  work: Record<string, unknown>;
  status: PageStatus;
  attempts: number;
  owner: string | null;
  leaseUntil: string | null;
  /** Objects done, log entries by action and status, the page's result (committed only). */
  done: number;
  counts: Record<string, number>;
  result: Record<string, unknown> | null;
  error: string | null;
  updated: string;
}

/** A page without its work (for the watcher's looks at every page of a phase). */
export type CyclePageSummary = Omit<CyclePageRecord, 'work'>;

/** Everything one page attempt wrote, applied in one transaction with its status. */
export interface PageWrites {
  linkPuts: ProvisioningLink[];
  linkDeletes: { objectType: ProvisioningObjectType; sourceIds: string[] }[];
  seen: { objectType: ProvisioningObjectType; sourceIds: string[] }[];
  logs: ProvisioningLogEntry[];
  escrowPuts: EscrowRecord[];
  escrowDeletes: { objectType: ProvisioningObjectType; sourceIds: string[] }[];
  /** Disables and deletes decided, held for the deprovision phase (engine-owned JSON each). */
  deprovisions: { objectType: ProvisioningObjectType; sourceId: string; item: unknown }[];
  /** Claimed users whose provisioning this commit records (initial cycles). */
  claimsDone: string[];
  done: number;
  counts: Record<string, number>;
}

export interface PageCommit {
  /** running: a part of the page (managers ahead); its done and counts add up. */
  status: 'running' | 'done' | 'failed' | 'cancelled';
  writes: PageWrites;
  result?: Record<string, unknown>;
  error?: string;
}

export interface CycleWorkStore {
  /** The plan and its first pages, in one transaction. */
  createPlan(plan: CyclePlanRecord, pages: CyclePageRecord[]): Promise<void>;
  getPlan(cycleId: string): Promise<CyclePlanRecord | undefined>;
  /** Plans not done, of one app or all. */
  openPlans(appId?: string): Promise<CyclePlanRecord[]>;
  /**
   * Moves the plan from phase `from` to `to` and inserts that phase's pages, in one
   * transaction; false (nothing written) when the plan is not at `from` any more.
   */
  advance(
    cycleId: string,
    from: CyclePhase,
    to: CyclePhase | 'done',
    pages: CyclePageRecord[],
  ): Promise<boolean>;
  /** Merges `patch` into the plan's outcome. */
  setOutcome(cycleId: string, patch: Record<string, unknown>): Promise<void>;
  getPage(key: PageKey): Promise<CyclePageRecord | undefined>;
  pages(cycleId: string, phase?: CyclePhase): Promise<CyclePageSummary[]>;
  /**
   * Takes a pending page, or a running one whose lease expired at `now`, for `owner` until
   * `until` (attempts + 1); undefined when it is done, cancelled or someone else's.
   */
  claimPage(
    key: PageKey,
    owner: string,
    until: string,
    now: string,
  ): Promise<CyclePageRecord | undefined>;
  /** Extends the lease while `owner` holds the page; false when it does not any more. */
  renewPage(key: PageKey, owner: string, until: string): Promise<boolean>;
  /** Writes the attempt's writes and status, only while `owner` still holds the page. */
  commitPage(key: PageKey, owner: string, commit: PageCommit): Promise<boolean>;
  /** Gives a page back (pending again) after a failed attempt that will be retried. */
  releasePage(key: PageKey, owner: string, error: string): Promise<void>;
  /** Running pages of the cycle whose lease expired at `now` become pending; returns them. */
  requeueExpired(cycleId: string, now: string): Promise<PageKey[]>;
  /** Pending pages of the phase become cancelled (a stopped or failed cycle). */
  cancelPending(cycleId: string, phase: CyclePhase): Promise<number>;
  /** Claims users for `page` (first come), then answers who holds each: id → page owner key and whether it is done. */
  claim(
    appId: string,
    cycleId: string,
    page: string,
    sourceIds: readonly string[],
  ): Promise<Map<string, { page: string; done: boolean }>>;
  /** Who holds these users already (no claim made). */
  claims(
    cycleId: string,
    sourceIds: readonly string[],
  ): Promise<Map<string, { page: string; done: boolean }>>;
  /** Journal: these objects are about to be created on the target by this cycle. */
  creating(
    appId: string,
    cycleId: string,
    objectType: ProvisioningObjectType,
    sourceIds: readonly string[],
  ): Promise<void>;
  /** Journal: the creates answered with these target ids. */
  created(
    appId: string,
    cycleId: string,
    objectType: ProvisioningObjectType,
    created: readonly { sourceId: string; targetId: string }[],
  ): Promise<void>;
  /** The journal of these objects: source id → target id (null: the create's answer is unknown). */
  creates(
    cycleId: string,
    objectType: ProvisioningObjectType,
    sourceIds: readonly string[],
  ): Promise<Map<string, string | null>>;
  /** The deprovisions held by the cycle's committed pages (engine-owned JSON each). */
  deprovisions(cycleId: string): Promise<unknown[]>;
  /** Drops the cycle's claims, journal, deprovisions, pages and plan. */
  clear(cycleId: string): Promise<void>;
}
