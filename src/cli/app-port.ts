/**
 * What the commands need from a running Roster, and how they get one: main.ts passes
 * `openApp`, built on compose.ts, so this ring never names a concrete store. Tests can pass
 * their own.
 *
 * Example: createProgram(io, version, { openApp: (options) => compose(options) })
 */
import type { Directory } from '../directory/index.ts';
import type { Provisioning } from '../engine/index.ts';
import type { Accounts } from '../scim-server/index.ts';

export interface AppOptions {
  /** --data DIR */
  data?: string | undefined;
  /** --database-url URL: PostgreSQL instead of SQLite under the data directory. */
  databaseUrl?: string | undefined;
  /** --port N (serve) */
  port?: number | undefined;
  /** --config FILE */
  config?: string | undefined;
  /** True for `serve`. */
  listen?: boolean;
  /** Run provisioning cycles in this process (`serve` unless --no-worker; `worker`). */
  worker?: boolean;
}

export interface CliLog {
  info(fields: Record<string, unknown>, message: string): void;
  error(fields: Record<string, unknown>, message: string): void;
}

export interface CliApp {
  config: {
    dataDir: string;
    database: 'sqlite' | 'postgres';
    port: number;
    publicUrl: string;
    operatorApi: boolean;
    /** How provisioning cycles run: in-process, or graphile-worker jobs. */
    runner?: 'in-process' | 'graphile-worker';
  };
  /** The provisioning runner of this process, when it runs cycles. */
  runner?: { ready?: () => Promise<void>; running(): string[] } | undefined;
  /** Migrations applied when this app opened the database. */
  migrations: string[];
  accounts: Accounts;
  /** The identity side: directory, gallery, apps, assignments, import, identity admins. */
  directory: Directory;
  /** The provisioning service: jobs, cycles, status, logs. */
  provisioning: Provisioning;
  fetch(request: Request): Response | Promise<Response>;
  log: CliLog;
  close(): Promise<void>;
}

export interface CliDeps {
  openApp: (options: AppOptions) => Promise<CliApp>;
  /** Where ROSTER_ADMIN_PASSWORD is read (default process.env). */
  env?: Record<string, string | undefined>;
}
