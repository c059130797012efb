// Row ↔ record mapping of cycle plans and pages (migration 004-cycle-work).
import type {
  CyclePageRecord,
  CyclePageSummary,
  CyclePhase,
  CyclePlanRecord,
  PageKey,
  PageStatus,
} from '../cycle-work-port.ts';
import type { Database } from '../database.ts';
import { parseJson } from '../directory/change-feed.ts';

type PlanRow = Database['prov_cycle_plans'];
type PageRow = Database['prov_cycle_pages'];

export const toPlan = (row: PlanRow): CyclePlanRecord => ({
  cycleId: row.cycle_id,
  appId: row.app_id,
  phase: row.phase as CyclePlanRecord['phase'],
  plan: parseJson(row.plan),
  outcome: parseJson(row.outcome),
  created: row.created,
  updated: row.updated,
});

export const planRow = (plan: CyclePlanRecord): PlanRow => ({
  cycle_id: plan.cycleId,
  app_id: plan.appId,
  phase: plan.phase,
  plan: JSON.stringify(plan.plan),
  outcome: JSON.stringify(plan.outcome),
  created: plan.created,
  updated: plan.updated,
});

export function toPageSummary(row: Omit<PageRow, 'work'>): CyclePageSummary {
  return {
    cycleId: row.cycle_id,
    phase: row.phase as CyclePhase,
    seq: Number(row.seq),
    appId: row.app_id,
    status: row.status as PageStatus,
    attempts: Number(row.attempts),
    owner: row.owner,
    leaseUntil: row.lease_until,
    done: Number(row.done),
    counts: parseJson(row.counts),
    result: row.result === null ? null : parseJson(row.result),
    error: row.error,
    updated: row.updated,
  };
}

export const toPage = (row: PageRow): CyclePageRecord => ({
  ...toPageSummary(row),
  work: parseJson(row.work),
});

export const pageRow = (page: CyclePageRecord): PageRow => ({
  cycle_id: page.cycleId,
  phase: page.phase,
  seq: page.seq,
  app_id: page.appId,
  work: JSON.stringify(page.work),
  status: page.status,
  attempts: page.attempts,
  owner: page.owner,
  lease_until: page.leaseUntil,
  done: page.done,
  counts: JSON.stringify(page.counts),
  result: page.result === null ? null : JSON.stringify(page.result),
  error: page.error,
  updated: page.updated,
});

/** The columns of a page but its work (summaries). */
export const summaryColumns = [
  'cycle_id',
  'phase',
  'seq',
  'app_id',
  'status',
  'attempts',
  'owner',
  'lease_until',
  'done',
  'counts',
  'result',
  'error',
  'updated',
] as const;

export const pageKeyOf = (row: { cycle_id: string; phase: string; seq: number }): PageKey => ({
  cycleId: row.cycle_id,
  phase: row.phase as CyclePhase,
  seq: Number(row.seq),
});
