// What the admin API is built from; compose.ts supplies the real parts, tests supply their own.
import type { Directory } from '../directory/index.ts';
import type { Provisioning } from '../engine/index.ts';
import type { Accounts, ProvisionedResources } from '../scim-server/index.ts';
import type { SessionStore } from './session-store.ts';

export interface AdminApiDeps {
  accounts: Accounts;
  /** The provisioned users and groups of a tenant (read-only). */
  provisioned: ProvisionedResources;
  clock: () => Date;
  /** ROSTER_ADMIN_TOKEN; without it the operator routes answer 401. */
  adminToken?: string | undefined;
  /** Defaults to an in-memory session store on `clock`. */
  sessions?: SessionStore;
  /** Mark the session cookie Secure (when the public URL is https). */
  secureCookies?: boolean;
  /** The identity side (directory, apps, identity admins); without it those routes are absent. */
  directory?: Directory | undefined;
  /** The provisioning service (needs `directory`); without it those routes are absent. */
  provisioning?: Provisioning | undefined;
}

/** The deps with defaults filled in. */
export interface ResolvedApiDeps extends AdminApiDeps {
  sessions: SessionStore;
}
