/**
 * The tables of a cycle's work on many workers (migration 004-cycle-work), merged into the
 * store's Database type. JSON columns are text on SQLite and jsonb on PostgreSQL.
 */
export interface CycleWorkTables {
  prov_cycle_plans: {
    cycle_id: string;
    app_id: string;
    phase: string;
    plan: string;
    outcome: string;
    created: string;
    updated: string;
  };
  prov_cycle_pages: {
    cycle_id: string;
    phase: string;
    seq: number;
    app_id: string;
    work: string;
    status: string;
    attempts: number;
    owner: string | null;
    lease_until: string | null;
    done: number;
    counts: string;
    result: string | null;
    error: string | null;
    updated: string;
  };
  prov_cycle_claims: {
    cycle_id: string;
    source_id: string;
    app_id: string;
    page: string;
    done: number;
  };
  prov_cycle_creates: {
    cycle_id: string;
    object_type: string;
    source_id: string;
    app_id: string;
    target_id: string | null;
  };
  prov_cycle_deprovisions: {
    cycle_id: string;
    object_type: string;
    source_id: string;
    app_id: string;
    item: string;
  };
}
