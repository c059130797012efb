/**
 * `roster provisioning …`: the provisioning service of an enterprise app, scripted (the
 * tutorial's Provisioning blade): admin credentials and Test Connection, settings, mappings
 * export / import / restore defaults, the whole job document, start / stop / restart (with
 * `--reset` scopes) / allow deletes, one cycle now (`run --once`, with a progress bar; `--dry-run` writes nothing),
 * one user or group now (`on-demand`, with its step trace),
 * status, cycles and provisioning logs (filters; CSV or JSON export). Every command takes
 * --json. The Secret Token can come from ROSTER_SECRET_TOKEN to keep it out of shell history.
 *
 * Example:
 *   roster provisioning credentials Wrike --tenant-url https://app.example.com/scim/v2 --secret-token …
 *   roster provisioning settings Wrike --mode automatic --interval 40m
 *   roster provisioning run Wrike --once
 *   roster provisioning restart Wrike --reset escrows,quarantine
 *   roster provisioning logs Wrike --status Failure --format csv > failures.csv
 */
import { readFileSync, writeFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import type { Command } from 'commander';
import { type CycleReport, type JobView, resetScopes } from '../engine/index.ts';
import type { CliDeps } from './app-port.ts';
import { withCommon } from './directory-run.ts';
import { registerOnDemandCommand } from './on-demand.ts';
import type { CliIo } from './program.ts';
import { type CommonOptions, json, runWithApp, table, UsageError } from './run-with-app.ts';

type Options = CommonOptions & Record<string, unknown>;

/** "40m", "90s", "2h", "1d" or plain seconds. */
export function parseInterval(text: string): number {
  const match = /^(\d+)\s*(s|m|h|d)?$/i.exec(text.trim());
  if (!match)
    throw new UsageError(
      `--interval ${JSON.stringify(text)}: give seconds, or a number with s, m, h or d (e.g. 40m)`,
      'interval',
    );
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[
    (match[2] ?? 's').toLowerCase() as 's' | 'm' | 'h' | 'd'
  ];
  return Number(match[1]) * unit;
}

function parseBoolean(name: string, text: string): boolean {
  if (/^(true|yes|on|1)$/i.test(text)) return true;
  if (/^(false|no|off|0)$/i.test(text)) return false;
  throw new UsageError(`--${name} must be true or false`, name);
}

function readJsonFile(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`, 'file');
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not valid JSON: ${(error as Error).message}`, 'file');
  }
}

function describeJob(job: JobView): string {
  const s = job.settings;
  const interval =
    s.intervalSeconds % 60 === 0 ? `${s.intervalSeconds / 60} min` : `${s.intervalSeconds} s`;
  return (
    `${job.appName} (app ${job.appId}, template ${job.templateId})\n` +
    `  status: ${job.enabled ? 'on' : 'off'}, mode ${s.mode}, scope ${s.scope === 'all' ? 'all users and groups' : 'assigned users and groups'}, every ${interval}\n` +
    `  credentials: ${job.credentials ? `${job.credentials.tenantUrl} (Secret Token set)` : 'not set'}\n` +
    `  accidental-deletion threshold ${s.deletionThreshold || 'off'}, skip out-of-scope deletions ${s.skipOutOfScopeDeletions ? 'on' : 'off'}, flatten nested groups ${s.flattenNestedGroups ? 'on' : 'off'}, Bulk ${s.useBulk ? 'on' : 'off'}\n` +
    `  notification email: ${s.notificationEmail ?? 'none'}${s.sendFailureEmail ? ' (on failure)' : ''}\n` +
    `  target limits: ${job.limits.requestsPerMinute ? `${job.limits.requestsPerMinute} requests/min` : 'no rate limit'}, ${job.limits.groups ? 'users and groups' : 'users only'}\n` +
    `  next cycle: ${job.initialPending ? 'initial' : 'incremental'}${job.nextRunAt ? ` at ${job.nextRunAt}` : ''}${job.hold ? `; held: ${job.hold.detail}` : ''}\n` +
    troubles(job)
  );
}

/** The quarantine (with its next attempt) and why quarantine turned the job off, as lines. */
function troubles(job: Pick<JobView, 'quarantine' | 'disabledReason'>): string {
  const q = job.quarantine;
  return (
    (q
      ? `  quarantine since ${q.since}: ${q.reason}: ${q.detail}; next attempt ${q.nextAttemptAt ?? 'none (provisioning is off)'}\n`
      : '') + (job.disabledReason ? `  turned off: ${job.disabledReason}\n` : '')
  );
}

/** `--reset a,b` as a list of scopes; an unknown one is a usage mistake. */
export function parseResetList(text: string): string[] {
  const items = text
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  for (const item of items)
    if (!(resetScopes as readonly string[]).includes(item))
      throw new UsageError(
        `--reset ${JSON.stringify(item)} is not a reset scope: use a comma-separated list of ${resetScopes.join(', ')}`,
        'reset',
      );
  return items;
}

const countsLine = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'nothing to do';

function describeReport(r: CycleReport): string {
  const head = `${r.dryRun ? 'Dry run of an' : 'The'} ${r.kind} cycle ${r.status} in ${(r.durationMs / 1000).toFixed(1)} s: ${r.done} objects; ${countsLine(r.counts)}.`;
  const lines = [head];
  if (r.error) lines.push(`  ${r.error}`);
  if (r.more) lines.push('  More changes are waiting: the next cycle continues.');
  const q = r.quarantine;
  if (q?.ranIn)
    lines.push(`  It ran as an attempt in quarantine (${q.ranIn.reason} since ${q.ranIn.since}).`);
  if (q?.now && (q.event === 'entered' || q.event === 'reasonChanged'))
    lines.push(
      `  The job is in quarantine: ${q.now.reason}: ${q.now.detail}; next attempt ${q.nextAttemptAt ?? 'none'}.`,
    );
  if (q?.event === 'lifted') lines.push('  The quarantine is lifted.');
  if (q?.event === 'disabled')
    lines.push('  After four weeks in quarantine, provisioning was turned off.');
  if (r.entries?.length)
    lines.push(
      table(
        ['ACTION', 'STATUS', 'TYPE', 'IDENTITY', 'DETAIL'],
        r.entries
          .slice(0, 50)
          .map((e) => [
            e.action,
            e.status,
            e.objectType,
            e.sourceIdentity,
            e.errorCode ?? e.modifiedProperties.map((p) => p.name).join(' '),
          ]),
      ).trimEnd(),
    );
  return `${lines.join('\n')}\n`;
}

export function registerProvisioningCommands(
  program: Command,
  io: CliIo,
  deps: CliDeps | undefined,
): void {
  const provisioning = program
    .command('provisioning')
    .description(
      'identity side: provisioning jobs of enterprise apps (credentials, mappings, cycles, logs)',
    );
  const jobOut = (options: Options, job: JobView, verb: string) =>
    io.stdout(options.json ? json(job) : `${verb}\n${describeJob(job)}`);

  withCommon(provisioning.command('show'))
    .description("show an app's provisioning job")
    .argument('<app>', 'object id or name of the enterprise app')
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async ({ provisioning: p }) =>
        jobOut(options, await p.jobs.get(ref), 'Provisioning job:'),
      ),
    );

  withCommon(provisioning.command('credentials'))
    .description('set the admin credentials: Tenant URL and Secret Token (stored encrypted)')
    .argument('<app>', 'object id or name of the enterprise app')
    .requiredOption('--tenant-url <url>', 'the SCIM Base URL of the app')
    .option('--secret-token <token>', 'the bearer token (default: env ROSTER_SECRET_TOKEN)')
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async ({ provisioning: p }) => {
        const token =
          (options.secretToken as string | undefined) ??
          (deps?.env ?? process.env).ROSTER_SECRET_TOKEN;
        if (!token)
          throw new UsageError(
            'give the Secret Token with --secret-token or ROSTER_SECRET_TOKEN',
            'secretToken',
          );
        jobOut(
          options,
          await p.jobs.setCredentials(ref, { tenantUrl: options.tenantUrl, secretToken: token }),
          'Saved the credentials.',
        );
      }),
    );

  withCommon(provisioning.command('test-connection'))
    .description('Test Connection: send the probe query and explain any failure')
    .argument('<app>', 'object id or name of the enterprise app')
    .option('--tenant-url <url>', 'test these instead of the stored credentials')
    .option('--secret-token <token>', 'test this token instead of the stored one')
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async ({ provisioning: p }) => {
        const result = await p.jobs.testConnection(ref, {
          ...(typeof options.tenantUrl === 'string' && { tenantUrl: options.tenantUrl }),
          ...(typeof options.secretToken === 'string' && { secretToken: options.secretToken }),
        });
        io.stdout(
          options.json ? json(result) : `${result.ok ? 'OK' : 'Failed'}: ${result.message}\n`,
        );
        if (!result.ok) process.exitCode = 1;
      }),
    );

  withCommon(provisioning.command('settings'))
    .description('change settings; a scope change makes the next cycle initial')
    .argument('<app>', 'object id or name of the enterprise app')
    .option('--mode <mode>', 'manual or automatic')
    .option('--scope <scope>', 'assigned (sync only assigned users and groups) or all')
    .option('--interval <time>', 'between cycles: seconds, or 30s, 40m, 2h')
    .option('--threshold <n>', 'accidental deletions: most disables + deletes per cycle (0: off)')
    .option('--skip-out-of-scope-deletions <bool>', 'leave users that leave scope as they are')
    .option('--notification-email <email>', 'where failure notifications go ("none" clears it)')
    .option('--send-failure-email <bool>', 'send an email notification when a failure occurs')
    .option(
      '--flatten-nested-groups <bool>',
      'provision nested groups’ members as members of the assigned group',
    )
    .option('--bulk <bool>', 'use /Bulk when the target advertises it')
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async ({ provisioning: p }) => {
        const update: Record<string, unknown> = {};
        if (options.mode !== undefined) update.mode = options.mode;
        if (options.scope !== undefined) update.scope = options.scope;
        if (options.interval !== undefined)
          update.intervalSeconds = parseInterval(String(options.interval));
        if (options.threshold !== undefined) {
          if (!/^\d+$/.test(String(options.threshold)))
            throw new UsageError('--threshold must be a whole number', 'threshold');
          update.deletionThreshold = Number(options.threshold);
        }
        if (options.notificationEmail !== undefined)
          update.notificationEmail =
            options.notificationEmail === 'none' ? null : options.notificationEmail;
        for (const [flag, key] of [
          ['skip-out-of-scope-deletions', 'skipOutOfScopeDeletions'],
          ['send-failure-email', 'sendFailureEmail'],
          ['flatten-nested-groups', 'flattenNestedGroups'],
          ['bulk', 'useBulk'],
        ] as const) {
          const value = options[flag === 'bulk' ? 'bulk' : key];
          if (value !== undefined) update[key] = parseBoolean(flag, String(value));
        }
        if (Object.keys(update).length === 0)
          throw new UsageError('give at least one setting to change (see --help)');
        jobOut(options, await p.jobs.updateSettings(ref, update), 'Saved the settings.');
      }),
    );

  const mappings = provisioning
    .command('mappings')
    .description("an app's attribute mappings and scoping filters");
  withCommon(mappings.command('export'))
    .description('print (or write) the mapping configuration as JSON')
    .argument('<app>', 'object id or name of the enterprise app')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async ({ provisioning: p }) => {
        const config = await p.jobs.getMappings(ref);
        if (typeof options.out === 'string') {
          writeFileSync(options.out, json(config));
          io.stdout(options.json ? json({ written: options.out }) : `Wrote ${options.out}.\n`);
        } else io.stdout(json(config));
      }),
    );
  withCommon(mappings.command('import'))
    .description('replace the mappings from a JSON file (validated; the next cycle is initial)')
    .argument('<app>', 'object id or name of the enterprise app')
    .argument('<file>', 'a mapping configuration, as mappings export writes it')
    .action((ref: string, file: string, options: Options) =>
      runWithApp(io, deps, options, async ({ provisioning: p }) => {
        const config = await p.jobs.setMappings(ref, readJsonFile(file));
        io.stdout(
          options.json
            ? json(config)
            : `Imported ${config.objectMappings.length} object mapping(s); the next cycle is an initial one.\n`,
        );
      }),
    );
  withCommon(mappings.command('restore-defaults'))
    .description("restore the gallery template's mappings")
    .argument('<app>', 'object id or name of the enterprise app')
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async ({ provisioning: p }) => {
        const config = await p.jobs.restoreDefaultMappings(ref);
        io.stdout(
          options.json
            ? json(config)
            : "Restored the template's mappings; the next cycle is an initial one.\n",
        );
      }),
    );

  withCommon(provisioning.command('export'))
    .description(
      'export the whole job configuration (settings and mappings, no credentials) as JSON',
    )
    .argument('<app>', 'object id or name of the enterprise app')
    .option('--out <file>', 'write to this file instead of stdout')
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async ({ provisioning: p }) => {
        const document = await p.jobs.exportDocument(ref);
        if (typeof options.out === 'string') {
          writeFileSync(options.out, json(document));
          io.stdout(options.json ? json({ written: options.out }) : `Wrote ${options.out}.\n`);
        } else io.stdout(json(document));
      }),
    );
  withCommon(provisioning.command('import'))
    .description('import a job document (settings and mappings), checked before anything changes')
    .argument('<app>', 'object id or name of the enterprise app')
    .argument('<file>', 'a document written by provisioning export')
    .action((ref: string, file: string, options: Options) =>
      runWithApp(io, deps, options, async ({ provisioning: p }) =>
        jobOut(
          options,
          await p.jobs.importDocument(ref, readJsonFile(file)),
          'Imported the job configuration.',
        ),
      ),
    );

  for (const [name, description, verb] of [
    [
      'start',
      'provisioning status on: cycles run on the interval (under roster serve)',
      'Started.',
    ],
    ['stop', 'provisioning status off: a running cycle stops after its page', 'Stopped.'],
    [
      'allow-deletes',
      'let the deletes held by the accidental-deletion threshold through',
      'Allowed the held deletes.',
    ],
  ] as const) {
    withCommon(provisioning.command(name))
      .description(description)
      .argument('<app>', 'object id or name of the enterprise app')
      .action((ref: string, options: Options) =>
        runWithApp(io, deps, options, async ({ provisioning: p }) => {
          const job =
            name === 'start'
              ? await p.jobs.start(ref)
              : name === 'stop'
                ? await p.jobs.stop(ref)
                : await p.jobs.allowDeletes(ref);
          jobOut(options, job, verb);
        }),
      );
  }

  withCommon(provisioning.command('restart'))
    .description(
      'restart with reset scopes (default watermark,escrows,quarantine: the next cycle is initial, failed objects are forgotten, quarantine is lifted)',
    )
    .argument('<app>', 'object id or name of the enterprise app')
    .option(
      '--reset <scopes>',
      `comma-separated: ${resetScopes.join(', ')} (full also drops every link, so everything is matched again)`,
    )
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async ({ provisioning: p }) => {
        const reset =
          options.reset === undefined ? undefined : parseResetList(String(options.reset));
        const job = await p.jobs.restart(ref, reset);
        jobOut(options, job, `Restarted; reset ${job.reset.join(', ')}.`);
      }),
    );

  withCommon(provisioning.command('run'), 'print the cycle report as JSON')
    .description('run one provisioning cycle now, with a progress bar')
    .argument('<app>', 'object id or name of the enterprise app')
    .option('--once', 'one cycle (roster serve runs them on the interval)')
    .option('--dry-run', 'report what the cycle would do without writing to the target')
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async ({ provisioning: p }) => {
        if (!options.once && !options.dryRun)
          throw new UsageError(
            'add --once to run one cycle now (roster serve runs cycles on the interval)',
            'once',
          );
        const tty = process.stderr.isTTY && !options.json;
        const bar = tty
          ? new cliProgress.SingleBar(
              {
                format: ' {bar} {value}/{total} objects | {eta_formatted} left',
                hideCursor: true,
                clearOnComplete: true,
              },
              cliProgress.Presets.shades_classic,
            )
          : undefined;
        let started = false;
        const off = p.events.on('cycle:progress', ({ done, total }) => {
          if (!bar) return;
          if (!started) {
            bar.start(total, done);
            started = true;
          } else bar.setTotal(total);
          bar.update(done);
        });
        try {
          const report = await p.runCycle(ref, { dryRun: Boolean(options.dryRun) });
          bar?.stop();
          io.stdout(options.json ? json(report) : describeReport(report));
          if (report.status !== 'succeeded') process.exitCode = 1;
        } finally {
          off();
          bar?.stop();
        }
      }),
    );

  registerOnDemandCommand(provisioning, io, deps);

  withCommon(provisioning.command('status'))
    .description('current cycle and progress, last cycle, statistics to date')
    .argument('<app>', 'object id or name of the enterprise app')
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async ({ provisioning: p }) => {
        const s = await p.status(ref);
        if (options.json) return io.stdout(json(s));
        const current = s.currentCycle
          ? `running a${s.currentCycle.kind === 'initial' ? 'n initial' : 'n incremental'} cycle: ${s.currentCycle.done}/${s.currentCycle.total} objects (${countsLine(s.currentCycle.counts)})`
          : s.state;
        const last = s.lastCycle
          ? `${s.lastCycle.kind} cycle ${s.lastCycle.status} at ${s.lastCycle.finished} in ${(s.lastCycle.durationMs / 1000).toFixed(1)} s: ${countsLine(s.lastCycle.counts)}`
          : 'none yet';
        io.stdout(
          `${s.appName}: ${current}\n` +
            `  last cycle: ${last}\n` +
            `  to date: ${s.statistics.cycles} cycle${s.statistics.cycles === 1 ? '' : 's'}; ${countsLine(s.statistics.counts)}\n` +
            `  linked: ${s.links.users} users, ${s.links.groups} groups; escrows: ${s.escrows}\n` +
            `  next cycle: ${s.initialPending ? 'initial' : 'incremental'}${s.nextRunAt ? ` at ${s.nextRunAt}` : ''}` +
            `${s.hold ? `\n  held: ${s.hold.detail}` : ''}\n${troubles(s)}`,
        );
      }),
    );

  withCommon(provisioning.command('cycles'))
    .description('recent cycles, newest first')
    .argument('<app>', 'object id or name of the enterprise app')
    .option('--limit <n>', 'how many (default 20)')
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async ({ provisioning: p }) => {
        const cycles = await p.cycles(ref, options.limit ? Number(options.limit) : 20);
        if (options.json) return io.stdout(json({ cycles }));
        io.stdout(
          table(
            ['STARTED', 'KIND', 'STATUS', 'DONE', 'COUNTS', 'ID'],
            cycles.map((c) => [
              c.started,
              `${c.kind}${c.dryRun ? ' (dry run)' : ''}`,
              c.status,
              `${c.done}/${c.total}`,
              countsLine(c.counts),
              c.id,
            ]),
          ),
        );
      }),
    );

  withCommon(provisioning.command('logs'))
    .description('provisioning logs, newest first; --format csv|json exports every match')
    .argument('<app>', 'object id or name of the enterprise app')
    .option('--status <status>', 'Success, Failure, Skipped or Warning')
    .option('--action <action>', 'Create, Update, Disable, Delete, StagedDelete or Other')
    .option(
      '--identity <text>',
      'an object id, or the start of the userPrincipalName / displayName',
    )
    .option('--since <time>', 'ISO 8601: entries at or after')
    .option('--until <time>', 'ISO 8601: entries before')
    .option('--cycle <id>', 'one cycle')
    .option('--limit <n>', 'entries to show (default 50; not with --format)')
    .option('--format <format>', 'csv or json: export every matching entry to stdout')
    .action((ref: string, options: Options) =>
      runWithApp(io, deps, options, async ({ provisioning: p }) => {
        const statuses = ['Success', 'Failure', 'Skipped', 'Warning'];
        const actions = ['Create', 'Update', 'Disable', 'Delete', 'StagedDelete', 'Other'];
        if (options.status !== undefined && !statuses.includes(String(options.status)))
          throw new UsageError(`--status must be one of ${statuses.join(', ')}`, 'status');
        if (options.action !== undefined && !actions.includes(String(options.action)))
          throw new UsageError(`--action must be one of ${actions.join(', ')}`, 'action');
        for (const key of ['since', 'until'] as const)
          if (options[key] !== undefined && Number.isNaN(Date.parse(String(options[key]))))
            throw new UsageError(`--${key} must be an ISO 8601 time`, key);
        const filter = {
          ...(options.status !== undefined && { status: options.status as 'Success' }),
          ...(options.action !== undefined && { action: options.action as 'Create' }),
          ...(options.identity !== undefined && { identity: String(options.identity) }),
          ...(options.since !== undefined && {
            since: new Date(String(options.since)).toISOString(),
          }),
          ...(options.until !== undefined && {
            until: new Date(String(options.until)).toISOString(),
          }),
          ...(options.cycle !== undefined && { cycleId: String(options.cycle) }),
        };
        if (options.format !== undefined) {
          if (options.format !== 'csv' && options.format !== 'json')
            throw new UsageError('--format must be csv or json', 'format');
          for await (const chunk of await p.exportLogs(ref, filter, options.format))
            io.stdout(chunk);
          return;
        }
        const page = await p.logs(ref, filter, {
          limit: options.limit ? Number(options.limit) : 50,
        });
        if (options.json) return io.stdout(json(page));
        io.stdout(
          table(
            ['AT', 'ACTION', 'STATUS', 'TYPE', 'IDENTITY', 'CODE', 'REASON'],
            page.entries.map((e) => [
              e.at,
              e.action,
              e.status,
              e.objectType,
              e.sourceIdentity,
              e.errorCode ?? '',
              e.reason ?? '',
            ]),
          ),
        );
      }),
    );
}
