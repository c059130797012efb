/**
 * The composition root: reads the configuration (flags, environment, an optional JSON file),
 * opens the store, and wires accounts, the admin API, metrics, health and the SCIM endpoint
 * into one HTTP app. The only file besides main.ts that names a concrete store.
 *
 * Precedence: command-line flags, then environment variables, then the config file
 * (`--config FILE` or ROSTER_CONFIG), then defaults. Secrets (ROSTER_ADMIN_TOKEN, the SMTP
 * password) are never logged: the startup log says only whether one is set.
 *
 * Example: const app = await compose({ data: './data', port: 8080 }); await app.fetch(request);
 */

import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import pino from 'pino';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { z } from 'zod';
import { createServerApp } from './api/index.ts';
import { createDirectory, startPurgeSchedule } from './directory/index.ts';
import {
  createGraphileRunner,
  createProvisioning,
  createSecretBox,
  createSmtpMailer,
  minimumSecretKeyLength,
  parseSmtpUrl,
  type Runner,
  type SmtpSettings,
  type WorkerRunner,
} from './engine/index.ts';
import {
  checkNewPassword,
  createAccounts,
  createProvisionedResources,
  createScimApp,
  defaultScimLimits,
  hashPassword,
  lockSeconds,
  type ScimLimits,
  verifyPassword,
} from './scim-server/index.ts';
import { openPostgresStore } from './store/postgres/index.ts';
import { openSqliteStore } from './store/sqlite/index.ts';
import type { Store } from './store/store.ts';
import { defaultQuarantinePolicy, type QuarantinePolicy } from './sync/index.ts';

export const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export interface RosterConfig {
  dataDir: string;
  /** PostgreSQL connection string; undefined means SQLite under dataDir. Never logged. */
  databaseUrl: string | undefined;
  port: number;
  publicUrl: string;
  /** The operator token of the admin API; undefined turns the operator routes off. */
  adminToken: string | undefined;
  logLevel: (typeof logLevels)[number];
  /** Overrides of the SCIM endpoint's limits (body size, rate limit, page size, …); file only. */
  scimLimits: Partial<ScimLimits>;
  /**
   * The key that seals provisioning credentials at rest (ROSTER_SECRET_KEY); undefined: the
   * key file in the data directory, generated on first start. Never logged.
   */
  secretKey: string | undefined;
  /** The SMTP server of notification emails (file `smtp`, or ROSTER_SMTP_URL + ROSTER_SMTP_FROM). */
  smtp: SmtpSettings | undefined;
  /**
   * The provisioning engine: how cycles run (issue #9: in this process, or as jobs on
   * graphile-worker (PostgreSQL) that any number of `roster worker` processes run) and
   * `quarantine`, changes to Entra's thresholds and times. File only, but
   * ROSTER_PROVISIONING_RUNNER for the runner.
   */
  provisioning: ProvisioningSettings;
  /**
   * How long a provisioning job's lease lasts without renewal (ROSTER_PROVISIONING_LEASE_SECONDS;
   * default 300): after a crash, the next run waits at most this long.
   */
  provisioningLeaseSeconds: number | undefined;
  /**
   * SCIM resources (and users' group lists) the SQLite store keeps in memory, each
   * (ROSTER_SQLITE_CACHE_ENTRIES; default 200,000; 0 turns the cache off). Measured: ~1.5 KB
   * per cached user with its group list, so 100,000 users cost ~155 MB of RSS.
   */
  sqliteCacheEntries: number | undefined;
}

export const runnerKinds = ['in-process', 'graphile-worker'] as const;

export interface ProvisioningSettings {
  /** Default: graphile-worker on PostgreSQL, in-process on SQLite. */
  runner: (typeof runnerKinds)[number];
  /** graphile-worker's schema (default graphile_worker, or <schema>_worker beside another schema). */
  workerSchema?: string;
  /** Jobs a worker runs at once (default 2). */
  concurrency?: number;
  pageLeaseSeconds?: number;
  watchSeconds?: number;
  managerWaitSeconds?: number;
  quarantine: Partial<QuarantinePolicy>;
}

export interface ComposeOptions {
  /** --data DIR */
  data?: string | undefined;
  /** --database-url URL */
  databaseUrl?: string | undefined;
  /** --port N */
  port?: number | undefined;
  /** --config FILE */
  config?: string | undefined;
  /** True for `serve`: port 0 becomes a free port before URLs are printed. */
  listen?: boolean;
  /** Run provisioning cycles in this process (default: when listening; `serve --no-worker` and CLI commands do not). */
  worker?: boolean;
  env?: Record<string, string | undefined>;
  clock?: () => Date;
  /** How provisioning reaches targets (tests pass an app's `request`); default global fetch. */
  fetch?: (url: string, init: RequestInit) => Promise<Response> | Response;
}

/** A configuration problem, in words naming the setting and where it came from. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const portRule = 'must be a port number from 0 to 65535 (0 picks a free one)';
const smtpPortRule = 'must be a port number from 1 to 65535';
const smtpSettings = z.strictObject(
  {
    host: z.string({ error: 'must name the SMTP server' }).min(1, 'must name the SMTP server'),
    port: z
      .number({ error: smtpPortRule })
      .int({ error: smtpPortRule })
      .min(1, { error: smtpPortRule })
      .max(65535, { error: smtpPortRule })
      .optional(),
    secure: z.boolean({ error: 'must be true (TLS from the start, port 465) or false' }).optional(),
    user: z.string({ error: 'must be a string' }).optional(),
    password: z.string({ error: 'must be a string' }).optional(),
    from: z
      .string({ error: 'is required: the sender, e.g. "Roster <roster@contoso.com>"' })
      .regex(/@/, { error: 'must be an email address, e.g. "Roster <roster@contoso.com>"' }),
  },
  { error: 'must be an object with host, port, secure, user, password and from' },
);
const count = (rule: string) =>
  z.number({ error: `must be ${rule}` }).min(0, { error: `must be ${rule}` });
const share = z
  .number({ error: 'must be a share from 0 to 1' })
  .min(0, { error: 'must be a share from 0 to 1' })
  .max(1, { error: 'must be a share from 0 to 1' });
const quarantineSettings = z.strictObject(
  {
    minFailures: count('a number of failures').optional(),
    failureShare: share.optional(),
    maxFailures: count('a number of failures').optional(),
    absoluteFailures: count('a number of failures').optional(),
    failingCallShare: share.optional(),
    failingCycles: z
      .number({ error: 'must be a whole number from 1' })
      .int({ error: 'must be a whole number from 1' })
      .min(1, { error: 'must be a whole number from 1' })
      .optional(),
    retryOffsetsMs: z
      .array(z.number().positive(), { error: 'must be a list of milliseconds, e.g. [21600000]' })
      .min(1, { error: 'must list at least one time' })
      .optional(),
    thenEveryMs: z
      .number({ error: 'must be milliseconds' })
      .positive({ error: 'must be more than 0' })
      .optional(),
    disableAfterMs: z
      .number({ error: 'must be milliseconds' })
      .positive({ error: 'must be more than 0' })
      .optional(),
  },
  { error: `must be an object with any of: ${Object.keys(defaultQuarantinePolicy).join(', ')}` },
);
const settings = z.strictObject({
  dataDir: z.string().min(1, { error: 'must name a directory' }).optional(),
  databaseUrl: z
    .string()
    .regex(/^postgres(ql)?:\/\//, {
      error: 'must be a PostgreSQL URL, e.g. postgres://user:password@host:5432/roster',
    })
    .optional(),
  port: z.coerce
    .number({ error: portRule })
    .int({ error: portRule })
    .min(0, { error: portRule })
    .max(65535, { error: portRule })
    .optional(),
  publicUrl: z
    .url({
      protocol: /^https?$/,
      error: 'must be an http:// or https:// URL, e.g. https://roster.example.com',
    })
    .optional(),
  adminToken: z
    .string()
    .min(16, {
      error: 'is too short: use at least 16 random characters (e.g. `openssl rand -base64 32`)',
    })
    .optional(),
  logLevel: z.enum(logLevels, { error: `must be one of: ${logLevels.join(', ')}` }).optional(),
  scimLimits: z
    .strictObject(
      Object.fromEntries(
        Object.keys(defaultScimLimits).map((key) => [
          key,
          z.number({ error: 'must be a number' }).min(0, { error: 'must be 0 or more' }).optional(),
        ]),
      ) as Record<keyof ScimLimits, z.ZodOptional<z.ZodNumber>>,
      { error: `must be an object with any of: ${Object.keys(defaultScimLimits).join(', ')}` },
    )
    .optional(),
  provisioning: z
    .strictObject(
      {
        runner: z
          .enum(runnerKinds, { error: `must be one of: ${runnerKinds.join(', ')}` })
          .optional(),
        workerSchema: z
          .string()
          .regex(/^[a-z_][a-z0-9_]{0,62}$/, {
            error: 'must be a PostgreSQL schema name (a-z, 0-9, _)',
          })
          .optional(),
        concurrency: z.number({ error: 'must be a number' }).int().min(1).max(64).optional(),
        pageLeaseSeconds: z.number({ error: 'must be a number' }).min(1).max(3600).optional(),
        watchSeconds: z.number({ error: 'must be a number' }).min(0.1).max(600).optional(),
        managerWaitSeconds: z.number({ error: 'must be a number' }).min(0).max(3600).optional(),
        quarantine: quarantineSettings.optional(),
      },
      {
        error:
          'must be an object with any of: runner, workerSchema, concurrency, pageLeaseSeconds, watchSeconds, managerWaitSeconds, quarantine',
      },
    )
    .optional(),
  secretKey: z
    .string()
    .min(minimumSecretKeyLength, {
      error: `is too short: use at least ${minimumSecretKeyLength} random characters (e.g. \`openssl rand -base64 32\`)`,
    })
    .optional(),
  smtp: smtpSettings.optional(),
  provisioningLeaseSeconds: z.coerce
    .number({ error: 'must be a number of seconds' })
    .int({ error: 'must be whole seconds' })
    .min(1, { error: 'must be at least 1 second' })
    .max(3600, { error: 'must be at most 3600 seconds' })
    .optional(),
  sqliteCacheEntries: z.coerce
    .number({ error: 'must be a number of entries' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be 0 (no cache) or more' })
    .optional(),
});
type Settings = z.infer<typeof settings>;

/** The keys the object at `at` (a path into the settings) knows, for "is not a setting". */
function knownKeys(at: readonly string[]): string[] {
  let schema: z.ZodType = settings;
  for (const key of at) {
    while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
    schema = (schema as z.ZodObject).shape[key] as z.ZodType;
  }
  while (schema instanceof z.ZodOptional) schema = schema.unwrap() as z.ZodType;
  return Object.keys((schema as z.ZodObject).shape);
}

function check(
  input: unknown,
  source: string,
  names: Partial<Record<keyof Settings, string>> = {},
): Settings {
  const parsed = settings.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const at = issue.path.map(String);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys(at);
    const name = [...at, issue.keys[0]].join('.');
    throw new ConfigError(`${source}: ${name} is not a setting (known: ${known.join(', ')})`);
  }
  const name = names[at[0] as keyof Settings] ?? at.join('.');
  const why = issue.message;
  throw new ConfigError(`${source}: ${name} ${why}`);
}

function readFileSettings(file: string): Settings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`config file ${file} cannot be read: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`config file ${file} is not valid JSON: ${(error as Error).message}`);
  }
  const found = check(json, `config file ${file}`);
  // A relative dataDir in a file is relative to the file, not to wherever the server starts.
  return found.dataDir
    ? { ...found, dataDir: path.resolve(path.dirname(file), found.dataDir) }
    : found;
}

/**
 * The SMTP server: ROSTER_SMTP_URL (smtp://user:password@host:port, smtps:// for TLS) replaces
 * the file's `smtp` server and login; ROSTER_SMTP_FROM its sender. Port 587 by default, 465
 * with TLS.
 */
function smtpOf(
  file: Settings['smtp'],
  env: Record<string, string | undefined>,
): SmtpSettings | undefined {
  const url = env.ROSTER_SMTP_URL || undefined;
  const from = env.ROSTER_SMTP_FROM || undefined;
  let server: Omit<SmtpSettings, 'from' | 'port' | 'secure'> & {
    port?: number | undefined;
    secure?: boolean | undefined;
  } = file ?? { host: '' };
  if (url) {
    try {
      server = parseSmtpUrl(url);
    } catch (error) {
      throw new ConfigError(`environment: ROSTER_SMTP_URL ${(error as Error).message}`);
    }
  }
  if (!url && !file) {
    if (from)
      throw new ConfigError(
        'environment: ROSTER_SMTP_FROM needs ROSTER_SMTP_URL (or smtp in the config file): the SMTP server to send through',
      );
    return undefined;
  }
  if (from !== undefined && !from.includes('@'))
    throw new ConfigError(
      'environment: ROSTER_SMTP_FROM must be an email address, e.g. "Roster <roster@contoso.com>"',
    );
  const sender = from ?? file?.from;
  if (!sender)
    throw new ConfigError(
      'environment: ROSTER_SMTP_URL needs ROSTER_SMTP_FROM: the sender, e.g. "Roster <roster@contoso.com>"',
    );
  const secure = server.secure ?? server.port === 465;
  return {
    host: server.host,
    port: server.port ?? (secure ? 465 : 587),
    secure,
    ...(server.user !== undefined && { user: server.user }),
    ...(server.password !== undefined && { password: server.password }),
    from: sender,
  };
}

/** The configuration from flags, environment and file; ConfigError in words when one is wrong. */
export function loadConfig(
  options: ComposeOptions = {},
  env = options.env ?? process.env,
): RosterConfig {
  const configFile = options.config ?? env.ROSTER_CONFIG;
  const file = configFile ? readFileSettings(configFile) : {};
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== ''));
  const fromEnv = check(
    defined({
      dataDir: env.ROSTER_DATA_DIR,
      databaseUrl: env.DATABASE_URL,
      port: env.PORT,
      publicUrl: env.ROSTER_PUBLIC_URL,
      adminToken: env.ROSTER_ADMIN_TOKEN,
      logLevel: env.ROSTER_LOG_LEVEL,
      secretKey: env.ROSTER_SECRET_KEY,
      ...(env.ROSTER_PROVISIONING_RUNNER && {
        provisioning: { runner: env.ROSTER_PROVISIONING_RUNNER },
      }),
      provisioningLeaseSeconds: env.ROSTER_PROVISIONING_LEASE_SECONDS,
      sqliteCacheEntries: env.ROSTER_SQLITE_CACHE_ENTRIES,
    }),
    'environment',
    {
      dataDir: 'ROSTER_DATA_DIR',
      databaseUrl: 'DATABASE_URL',
      port: 'PORT',
      publicUrl: 'ROSTER_PUBLIC_URL',
      adminToken: 'ROSTER_ADMIN_TOKEN',
      logLevel: 'ROSTER_LOG_LEVEL',
      secretKey: 'ROSTER_SECRET_KEY',
      provisioning: 'ROSTER_PROVISIONING_RUNNER',
      provisioningLeaseSeconds: 'ROSTER_PROVISIONING_LEASE_SECONDS',
      sqliteCacheEntries: 'ROSTER_SQLITE_CACHE_ENTRIES',
    },
  );
  const fromFlags = check(
    defined({ dataDir: options.data, databaseUrl: options.databaseUrl, port: options.port }),
    'command line',
    { dataDir: '--data', databaseUrl: '--database-url', port: '--port' },
  );
  const merged = { ...file, ...fromEnv, ...fromFlags };
  const chosenPort = merged.port ?? 8080;
  const runner = { ...file.provisioning, ...fromEnv.provisioning };
  if (runner.runner === 'graphile-worker' && !merged.databaseUrl)
    throw new ConfigError(
      'provisioning.runner graphile-worker needs PostgreSQL: set databaseUrl (DATABASE_URL or --database-url), or use in-process',
    );
  return {
    dataDir: merged.dataDir ?? './data',
    databaseUrl: merged.databaseUrl,
    port: chosenPort,
    publicUrl: (merged.publicUrl ?? `http://localhost:${chosenPort}`).replace(/\/+$/, ''),
    adminToken: merged.adminToken,
    logLevel: merged.logLevel ?? 'info',
    scimLimits: file.scimLimits ?? {},
    secretKey: merged.secretKey,
    smtp: smtpOf(file.smtp, env),
    provisioning: {
      ...runner,
      runner: runner.runner ?? (merged.databaseUrl ? 'graphile-worker' : 'in-process'),
      quarantine: runner.quarantine ?? {},
    },
    provisioningLeaseSeconds: merged.provisioningLeaseSeconds,
    sqliteCacheEntries: merged.sqliteCacheEntries,
  };
}

/**
 * The secret key in effect: the configured one, else `<dataDir>/secret.key`, created (0600) on
 * first start. `generated` says whether this start wrote the file.
 */
export function resolveSecretKey(config: RosterConfig): {
  key: string;
  source: 'configuration' | 'file';
  file?: string;
  generated: boolean;
} {
  if (config.secretKey) return { key: config.secretKey, source: 'configuration', generated: false };
  const file = path.resolve(config.dataDir, 'secret.key');
  if (existsSync(file)) {
    const key = readFileSync(file, 'utf8').trim();
    if (key.length < minimumSecretKeyLength)
      throw new ConfigError(
        `secret key file ${file} holds fewer than ${minimumSecretKeyLength} characters; remove it to have a new one generated (stored Secret Tokens must then be entered again)`,
      );
    return { key, source: 'file', file, generated: false };
  }
  mkdirSync(path.dirname(file), { recursive: true });
  const key = randomBytes(32).toString('base64');
  writeFileSync(file, `${key}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(file, 0o600);
  return { key, source: 'file', file, generated: true };
}

/**
 * The store for this configuration: PostgreSQL when a database URL is set, else SQLite under
 * the data directory. Either way pending migrations run first; `onMigrated` hears their names.
 */
export function openStore(
  config: RosterConfig,
  clock: () => Date,
  onMigrated?: (applied: string[]) => void,
): Promise<Store> {
  if (config.databaseUrl) {
    return openPostgresStore({ connectionString: config.databaseUrl, now: clock, onMigrated });
  }
  return openSqliteStore({
    location: path.join(config.dataDir, 'roster.db'),
    now: clock,
    onMigrated,
    ...(config.sqliteCacheEntries !== undefined && { cacheEntries: config.sqliteCacheEntries }),
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Where `vite build` puts the web console (src/console/vite.config.ts). */
export const consoleDir = path.resolve(import.meta.dirname, '../dist/console');

/** The runner this configuration asks for: graphile-worker jobs (PostgreSQL) or in-process. */
function createRunner(
  config: RosterConfig,
  provisioning: ReturnType<typeof createProvisioning>,
  parts: {
    store: Store;
    clock: () => Date;
    log: pino.Logger;
    fetch: ComposeOptions['fetch'];
    secret: string;
  },
): Runner | WorkerRunner {
  const settings = config.provisioning;
  if (settings.runner === 'in-process' || !config.databaseUrl) return provisioning.createRunner();
  const seconds = (s: number | undefined) => (s === undefined ? undefined : s * 1000);
  const timing = {
    ...(settings.pageLeaseSeconds && { pageLeaseMs: seconds(settings.pageLeaseSeconds)! }),
    ...(settings.watchSeconds && { watchMs: seconds(settings.watchSeconds)! }),
    ...(settings.managerWaitSeconds !== undefined && {
      managerWaitMs: seconds(settings.managerWaitSeconds)!,
    }),
  };
  return createGraphileRunner({
    store: parts.store,
    clock: parts.clock,
    log: parts.log,
    fetch: parts.fetch ?? ((url, init) => fetch(url, init)),
    secretBox: createSecretBox(parts.secret),
    events: provisioning.events,
    jobs: provisioning.jobs,
    runCycle: provisioning.runCycle,
    connectionString: config.databaseUrl,
    ...(settings.workerSchema && { workerSchema: settings.workerSchema }),
    ...(settings.concurrency && { concurrency: settings.concurrency }),
    timing,
  });
}

export async function compose(options: ComposeOptions = {}) {
  let config = loadConfig(options);
  if (options.listen && config.port === 0)
    config = loadConfig({ ...options, port: await freePort() });
  const clock = options.clock ?? (() => new Date());
  const log = pino(
    {
      level: config.logLevel,
      base: { service: 'roster' },
      redact: {
        paths: [
          'adminToken',
          'secretKey',
          'secretToken',
          '*.secretToken',
          'password',
          'token',
          '*.password',
          '*.token',
          '*.authorization',
          '*.cookie',
        ],
        censor: '[secret]',
      },
    },
    pino.destination({ dest: 2, sync: !options.listen }),
  );
  const migrations: string[] = [];
  const store = await openStore(config, clock, (applied) => migrations.push(...applied));
  const accounts = createAccounts({ store, clock, publicUrl: config.publicUrl });
  const provisioned = createProvisionedResources({ store });
  // The identity side: the same password hashing and lock policy as tenant admins.
  const directory = createDirectory({
    store,
    clock,
    passwords: {
      hash: (password) => hashPassword(password),
      verify: verifyPassword,
      check: (password, field) => void checkNewPassword(password, field),
      lockSeconds,
    },
  });
  const secret = resolveSecretKey(config);
  if (secret.generated)
    log.info(
      { file: secret.file },
      'generated a secret key for provisioning credentials; keep it (without it stored Secret Tokens cannot be read) or set ROSTER_SECRET_KEY',
    );
  if (config.databaseUrl && secret.source === 'file')
    log.warn(
      { file: secret.file },
      'the secret key comes from this data directory: every server sharing the database needs the same key (set ROSTER_SECRET_KEY)',
    );
  if (options.listen && !config.smtp)
    log.info(
      'no SMTP server is configured: notification emails of provisioning jobs are logged, not sent (set smtp in the config file, or ROSTER_SMTP_URL and ROSTER_SMTP_FROM)',
    );
  const provisioning = createProvisioning({
    store,
    clock,
    fetch: options.fetch ?? ((url, init) => fetch(url, init)),
    secretBox: createSecretBox(secret.key),
    log,
    templates: directory.gallery,
    mailer: config.smtp ? createSmtpMailer(config.smtp) : undefined,
    publicUrl: config.publicUrl,
    quarantine: config.provisioning.quarantine,
    ...(config.provisioningLeaseSeconds && { leaseMs: config.provisioningLeaseSeconds * 1000 }),
  });
  const runner =
    (options.worker ?? options.listen)
      ? createRunner(config, provisioning, {
          store,
          clock,
          log,
          fetch: options.fetch,
          secret: secret.key,
        })
      : undefined;
  runner?.start();
  const purge = options.listen
    ? startPurgeSchedule({
        purge: () => directory.purgeExpired(),
        onError: (err) => log.error({ err }, 'directory purge job failed'),
      })
    : undefined;
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const scim = createScimApp({
    store,
    log,
    registry,
    now: clock,
    publicUrl: config.publicUrl,
    limits: config.scimLimits,
  });
  const http = createServerApp({
    api: {
      accounts,
      provisioned,
      directory,
      provisioning,
      clock,
      adminToken: config.adminToken,
      secureCookies: config.publicUrl.startsWith('https:'),
    },
    scim,
    // The web console, built by `npm run build:console` (npm start builds it when missing).
    console: { dir: consoleDir },
    ping: () => store.tenants.byId('healthz'),
    registry,
    log,
  });
  return {
    /** The settings in effect, without the secret: `operatorApi` says whether a token is set. */
    config: {
      dataDir: config.dataDir,
      database: config.databaseUrl ? ('postgres' as const) : ('sqlite' as const),
      port: config.port,
      publicUrl: config.publicUrl,
      logLevel: config.logLevel,
      operatorApi: config.adminToken !== undefined,
      runner: config.provisioning.runner,
    },
    /** The provisioning runner of this process (none for CLI commands and `serve --no-worker`). */
    runner,
    /** The migrations this start applied (empty when the database was current). */
    migrations,
    accounts,
    directory,
    provisioning,
    http,
    fetch: (request: Request) => http.fetch(request),
    log,
    async close() {
      purge?.stop();
      await runner?.stop();
      await store.close();
      log.flush();
    },
  };
}

export type RosterApp = Awaited<ReturnType<typeof compose>>;
