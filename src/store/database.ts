/**
 * The tables as Kysely sees them. Column names are snake_case; the mapping to the port's
 * camelCase records lives in the store only (architecture.md, house style).
 */
export interface Database {
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
}
