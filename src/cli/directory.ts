/**
 * `roster directory …`: bulk and maintenance work on the directory — import users from CSV or
 * JSON (idempotent by a key; a progress bar on a terminal; a report with every failed row's
 * line and reason; exit code 1 when a row failed), read the change feed, run the purge job.
 *
 * Example: roster directory import users.csv --key employeeId --json > report.json
 */
import { statSync } from 'node:fs';
import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { type ImportReport, importKeys } from '../directory/index.ts';
import type { CliDeps } from './app-port.ts';
import { wholeNumber, withCommon } from './directory-run.ts';
import type { CliIo } from './program.ts';
import { type CommonOptions, json, runWithApp, UsageError } from './run-with-app.ts';

interface ImportOptions extends CommonOptions {
  key: string;
  format?: string;
  progress: boolean;
}

const shownFailures = 20;

function summary(report: ImportReport): string {
  const lines = [
    `Imported ${report.rows} rows by ${report.key} in ${report.seconds} s: ${report.created} created, ${report.updated} updated, ${report.skipped} skipped (unchanged), ${report.failed} failed.`,
  ];
  for (const f of report.failures.slice(0, shownFailures))
    lines.push(`  line ${f.line}${f.key ? ` (${f.key})` : ''}: ${f.reason}`);
  if (report.failures.length > shownFailures)
    lines.push(`  … and ${report.failures.length - shownFailures} more failures (see --json)`);
  for (const w of report.warnings.slice(0, shownFailures))
    lines.push(`  warning, line ${w.line}: ${w.reason}`);
  if (report.warnings.length > shownFailures)
    lines.push(`  … and ${report.warnings.length - shownFailures} more warnings (see --json)`);
  return `${lines.join('\n')}\n`;
}

export function registerDirectoryCommands(
  program: Command,
  io: CliIo,
  deps: CliDeps | undefined,
): void {
  const directory = program
    .command('directory')
    .description('identity side: import users, the change feed, the purge job');

  withCommon(directory.command('import'), 'print the whole report as JSON')
    .description('import users from a CSV (header row of attribute names) or JSON file')
    .argument('<file>', '.csv, or .json (an array of objects) / .jsonl (one object per line)')
    .requiredOption(
      '--key <attribute>',
      `the attribute rows are matched on: ${importKeys.join(', ')}`,
    )
    .option('--format <format>', 'csv or json (default: from the file name)')
    .option('--no-progress', 'no progress bar, even on a terminal')
    .action((file: string, options: ImportOptions) =>
      runWithApp(io, deps, options, async (app) => {
        if (!(importKeys as readonly string[]).includes(options.key))
          throw new UsageError(`--key must be one of: ${importKeys.join(', ')}`, 'key');
        let size: number;
        try {
          size = statSync(file).size;
        } catch (error) {
          throw new UsageError(`cannot read ${file}: ${(error as Error).message}`, 'file');
        }
        const bar =
          options.progress && process.stderr.isTTY
            ? new SingleBar(
                {
                  stream: process.stderr,
                  format: 'importing [{bar}] {percentage}% | {rows} rows | {eta_formatted} left',
                  hideCursor: true,
                  clearOnComplete: true,
                  etaBuffer: 50,
                },
                Presets.shades_classic,
              )
            : undefined;
        bar?.start(size, 0, { rows: 0 });
        let rows = 0;
        try {
          const report = await app.directory.importFile(file, {
            key: options.key as (typeof importKeys)[number],
            format: options.format,
            onBytes: (bytes) => bar?.update(bytes, { rows }),
            onProgress: (counts) => {
              rows = counts.rows;
              bar?.update({ rows });
            },
          });
          bar?.update(size, { rows });
          bar?.stop();
          io.stdout(options.json ? json(report) : summary(report));
          if (report.failed > 0) process.exitCode = 1;
        } finally {
          bar?.stop();
        }
      }),
    );

  withCommon(directory.command('changes'))
    .description('print the change feed after a sequence number')
    .option('--since <n>', 'the last sequence number already seen', wholeNumber('since'), 0)
    .option('--limit <n>', 'at most this many changes (1–1000)', wholeNumber('limit'), 100)
    .action((options: CommonOptions & { since: number; limit: number }) =>
      runWithApp(io, deps, options, async (app) => {
        const feed = await app.directory.changes.since(options.since, options.limit);
        if (options.json) return io.stdout(json(feed));
        for (const c of feed.changes)
          io.stdout(
            `${c.sequence}  ${c.at}  ${c.objectType} ${c.kind}  ${c.objectId}${c.detail ? `  ${JSON.stringify(c.detail)}` : ''}\n`,
          );
        io.stdout(`head ${feed.head}\n`);
      }),
    );

  withCommon(directory.command('purge'))
    .description(
      'hard-delete users and groups soft-deleted more than 30 days ago (the server also runs this hourly)',
    )
    .action((options: CommonOptions) =>
      runWithApp(io, deps, options, async (app) => {
        const purged = await app.directory.purgeExpired();
        io.stdout(
          options.json
            ? json(purged)
            : `Purged ${purged.users.length} users and ${purged.groups.length} groups.\n`,
        );
      }),
    );
}
