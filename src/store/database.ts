/**
 * The tables as Kysely sees them. Column names are snake_case; the mapping to the port's
 * camelCase records lives in the store only (architecture.md, house style).
 */
import type { ProvisioningTables } from './provisioning/tables.ts';
import type { CycleWorkTables } from './provisioning/work-tables.ts';

export interface Database extends ProvisioningTables, CycleWorkTables {
  tenants: { id: string; name: string; profile: string; created: string };
  tenant_admins: {
    id: string;
    tenant_id: string;
    email: string;
    password_hash: string;
    failed_attempts: number;
    locked_until: string | null;
    created: string;
  };
  scim_tokens: {
    id: string;
    tenant_id: string;
    prefix: string;
    token_hash: string;
    created: string;
    last_used: string | null;
    revoked: string | null;
  };
  scim_resources: {
    tenant_id: string;
    id: string;
    kind: string;
    /** userName folded to lower case: the per-tenant unique key of users. */
    user_name_ci: string | null;
    external_id: string | null;
    display_name: string | null;
    display_name_ci: string | null;
    created: string;
    last_modified: string;
    version: number;
    /** The resource JSON without id, meta, members and groups. */
    data: string;
  };
  /** Values of indexed multi-valued and extension attributes, one row each (emails.value, …). */
  scim_values: {
    tenant_id: string;
    resource_id: string;
    attr: string;
    value: string;
    value_ci: string;
  };
  scim_members: { tenant_id: string; group_id: string; member_id: string; member_kind: string };
  // The identity side (migration 002-directory).
  dir_users: {
    id: string;
    /** userPrincipalName folded to lower case: unique, soft-deleted users included. */
    upn_ci: string;
    mail_ci: string | null;
    mail_nickname_ci: string | null;
    employee_id: string | null;
    display_name_ci: string | null;
    manager_id: string | null;
    account_enabled: number;
    deleted: string | null;
    created: string;
    last_modified: string;
    version: number;
    data: string;
  };
  dir_groups: {
    id: string;
    display_name_ci: string;
    mail_nickname_ci: string | null;
    security_enabled: number;
    deleted: string | null;
    created: string;
    last_modified: string;
    version: number;
    data: string;
  };
  dir_members: { group_id: string; member_id: string; member_type: string };
  dir_apps: {
    id: string;
    name: string;
    name_ci: string;
    template_id: string;
    created: string;
    last_modified: string;
    version: number;
    data: string;
  };
  dir_assignments: {
    id: string;
    app_id: string;
    principal_type: string;
    principal_id: string;
    role_id: string;
    created: string;
  };
  /** The change feed: one row per change, numbered in commit order. */
  dir_changes: {
    sequence: number | string;
    object_type: string;
    object_id: string;
    kind: string;
    at: string;
    detail: string | null;
  };
  /** One row (id 1): the last sequence handed out; its row lock orders concurrent writers. */
  dir_change_counter: { id: number; last_sequence: number | string };
  identity_admins: {
    id: string;
    email: string;
    display_name: string;
    role: string;
    password_hash: string;
    failed_attempts: number;
    locked_until: string | null;
    created: string;
  };
  identity_tokens: {
    id: string;
    name: string;
    role: string;
    prefix: string;
    token_hash: string;
    created_by: string | null;
    created: string;
    last_used: string | null;
    revoked: string | null;
  };
}
