/**
 * `roster provisioning on-demand <app> <subject>`: provision one user, or one group of at most
 * five members, now, and print each object's step trace as Entra's "Provision on demand" pane
 * shows it — import (the attributes read), scope (assignments, scoping clauses), match (each
 * matching attribute tried, with its filter and how many it found), action (with the
 * modified properties). --json prints the API's answer.
 *
 * Example:
 *   roster provisioning on-demand Wrike ann@contoso.test
 *   roster provisioning on-demand Demo Sales --type group --json
 */
import type { Command } from 'commander';
import type { OnDemandReport, OnDemandResult } from '../engine/index.ts';
import type { CliDeps } from './app-port.ts';
import { withCommon } from './directory-run.ts';
import type { CliIo } from './program.ts';
import { type CommonOptions, json, runWithApp, UsageError } from './run-with-app.ts';

const show = (value: unknown): string =>
  value === null || value === undefined
    ? '(none)'
    : typeof value === 'string'
      ? value
      : JSON.stringify(value);

function detailLines(details: Record<string, unknown> | undefined): string[] {
  if (!details) return [];
  const lines: string[] = [];
  const attributes = details.attributes as Record<string, unknown> | undefined;
  if (attributes)
    for (const [name, value] of Object.entries(attributes)) lines.push(`${name}: ${show(value)}`);
  for (const key of ['assignments', 'clauses', 'tried'] as const) {
    const list = details[key];
    if (Array.isArray(list)) lines.push(...list.map(String));
  }
  const operations = details.operations;
  if (Array.isArray(operations) && operations.length > 0)
    lines.push(`PATCH ${JSON.stringify(operations)}`);
  return lines;
}

/** One object's trace, readable. */
export function describeOnDemandResult(result: OnDemandResult): string {
  const head =
    `${result.objectType} ${result.sourceIdentity} (${result.sourceId}): ${result.action} ${result.status}` +
    `${result.targetId ? ` → target ${result.targetId}` : ''}`;
  const lines = [head];
  if (result.errorCode || result.reason)
    lines.push(`  ${[result.errorCode, result.reason].filter(Boolean).join(': ')}`);
  if (result.recommendedAction) lines.push(`  What to do: ${result.recommendedAction}`);
  result.steps.forEach((step, i) => {
    lines.push(`  ${i + 1}. ${step.name.padEnd(6)} ${step.status.padEnd(7)} ${step.description}`);
    for (const line of detailLines(step.details)) lines.push(`       ${line}`);
  });
  if (result.modifiedProperties.length > 0) {
    lines.push('  Modified properties:');
    for (const p of result.modifiedProperties)
      lines.push(`       ${p.name}: ${show(p.old)} → ${show(p.new)}`);
  }
  return lines.join('\n');
}

export function describeOnDemand(report: OnDemandReport): string {
  return `${report.results.map(describeOnDemandResult).join('\n\n')}\n\n(cycle ${report.cycleId}: roster provisioning logs <app> --cycle ${report.cycleId})\n`;
}

export function registerOnDemandCommand(
  provisioning: Command,
  io: CliIo,
  deps: CliDeps | undefined,
): void {
  withCommon(provisioning.command('on-demand'), 'print the results as JSON')
    .description('provision one user, or one group of at most 5 members, now, with its step trace')
    .argument('<app>', 'object id or name of the enterprise app')
    .argument('<subject>', "a user's object id or userPrincipalName, or a group's id or name")
    .option('--type <type>', 'user or group: look the subject up as this type only')
    .action((ref: string, subject: string, options: CommonOptions & { type?: string }) =>
      runWithApp(io, deps, options, async ({ provisioning: p }) => {
        if (options.type !== undefined && options.type !== 'user' && options.type !== 'group')
          throw new UsageError('--type must be user or group', 'type');
        const report = await p.onDemand(ref, {
          subject,
          ...(options.type && { objectType: options.type as 'user' | 'group' }),
        });
        io.stdout(options.json ? json(report) : describeOnDemand(report));
        if (report.results.some((r) => r.status === 'Failure')) process.exitCode = 1;
      }),
    );
}
