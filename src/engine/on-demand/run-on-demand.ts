/**
 * Provision on demand (Entra provision-on-demand.md): one user, or one group with at most five
 * members, provisioned now, answering with each object's step trace — import (what was read),
 * scope (in or out, with the assignments and scoping clauses), match (each matching attribute
 * tried, its filter and how many it found), action (what was done, with the exported
 * attributes).
 *
 * There is no second provisioning path: the run builds a CycleContext like a cycle
 * (open-context.ts, kind `onDemand`, traced) and sends the objects through the cycle's own
 * syncObjects → reference pass (for these objects only) → deprovisions. A group's members go
 * first, so the group's member list can name them. The run is a cycle row of its own; its log
 * entries, links, last exports and escrows are written as a cycle writes them, so the next
 * cycle finds nothing left to do; the watermark, statistics and schedule are left alone.
 *
 * Concurrency: the run takes the job's lease, like a cycle, so it never works beside a
 * cycle of the same app (two unlinked writers could both create one user). When a cycle holds
 * the lease, the run waits up to `waitMs` (default 20 s) for it, then answers conflict.
 *
 * Example:
 *   const { results } = await runOnDemand(deps, 'Wrike', { subject: 'ann@contoso.test' });
 *   results[0] → { action: 'Create', status: 'Success', steps: [import, scope, match, action], exported: { userName: … } }
 */
import { setTimeout as delay } from 'node:timers/promises';
import { isSyncError } from '../../client/index.ts';
import type { DirectoryGroupRecord, DirectoryUserRecord } from '../../store/store.ts';
import { findApp } from '../app-info.ts';
import { endPage } from '../cycle/cycle-context.ts';
import { createCycleLinks } from '../cycle/cycle-links.ts';
import { createCycleRecorder } from '../cycle/cycle-recorder.ts';
import { runDeprovisions } from '../cycle/deprovision.ts';
import { closeInterrupted } from '../cycle/interrupted-cycles.ts';
import { actionStep, importStep } from '../cycle/log-steps.ts';
import {
  leaseOf,
  openCycleContext,
  recordRunningCycle,
  runnableJob,
} from '../cycle/open-context.ts';
import { runReferencesOf } from '../cycle/reference-pass.ts';
import { type CycleDeps, defaultOwner } from '../cycle/run-cycle.ts';
import { syncObjects } from '../cycle/sync-objects.ts';
import { ProvisioningError } from '../engine-error.ts';
import { codeOfSyncError, reasonOf, recommendedActions } from '../error-codes.ts';
import { groupIdentity, userIdentity } from '../source-objects.ts';
import { openTargetClient } from '../target-client.ts';
import { type OnDemandReport, onDemandResults } from './on-demand-results.ts';
import { findSubject, type OnDemandInput, type SubjectObject } from './on-demand-subject.ts';

export interface OnDemandOptions {
  /** Who runs it (the lease owner's prefix); default host:pid. */
  owner?: string;
  /** How long to wait for a running cycle of the app to give the lease back; default 20 s. */
  waitMs?: number;
  /** Waits between lease attempts (tests pass their own). */
  sleep?: (ms: number) => Promise<void>;
}

const pollMs = 250;

async function acquire(lease: () => Promise<boolean>, options: OnDemandOptions): Promise<boolean> {
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const attempts = Math.max(0, Math.ceil((options.waitMs ?? 20_000) / pollMs));
  for (let n = 0; ; n++) {
    if (await lease()) return true;
    if (n >= attempts) return false;
    await sleep(pollMs);
  }
}

const identityOf = (o: SubjectObject) =>
  o.type === 'user'
    ? userIdentity(o.record as DirectoryUserRecord)
    : groupIdentity(o.record as DirectoryGroupRecord);

export async function runOnDemand(
  deps: CycleDeps,
  appRef: string,
  input: OnDemandInput,
  options: OnDemandOptions = {},
): Promise<OnDemandReport> {
  const { store, clock } = deps;
  const app = await findApp(store, appRef);
  const { job } = await deps.jobs.load(app.id);
  const { credentials, mappings } = runnableJob(app, job, deps.secretBox, 'provision on demand');
  const subject = await findSubject(
    store,
    input,
    { user: mappings.user !== undefined, group: mappings.group !== undefined },
    job.settings.flattenNestedGroups,
  );

  const owner = `${options.owner ?? defaultOwner()}/on-demand-${crypto.randomUUID().slice(0, 8)}`;
  const lease = leaseOf(store, app.id, owner, deps.leaseMs ?? 5 * 60_000, clock);
  if (!(await acquire(lease, options)))
    throw new ProvisioningError(
      'conflict',
      `a cycle of ${app.name} is running: provision on demand once it has finished`,
      'app',
    );
  try {
    await closeInterrupted(store, app.id, clock);
    const cycleId = crypto.randomUUID();
    await recordRunningCycle(store, {
      id: cycleId,
      appId: app.id,
      kind: 'onDemand',
      dryRun: false,
      started: clock().toISOString(),
      total: 1 + subject.members.length,
      watermarkFrom: job.watermark,
    });
    const recorder = createCycleRecorder({
      store,
      appId: app.id,
      cycleId,
      dryRun: false,
      clock,
      events: deps.events,
    });
    const links = createCycleLinks(store.provisioning.links, app.id, cycleId, { dryRun: false });
    const item = (o: SubjectObject) => ({
      sourceId: o.record.id,
      record: o.record,
      changeId: null,
    });
    let status: 'succeeded' | 'failed' | 'held' = 'succeeded';
    let error: string | null = null;
    let cause: unknown;
    try {
      const client = openTargetClient(credentials, app.limits, deps);
      const context = await openCycleContext({
        store,
        app,
        job,
        cycleId,
        kind: 'onDemand',
        dryRun: false,
        clock,
        mappings,
        client,
        capabilities: await client.discover(),
        links,
        recorder,
        pageSize: deps.pageSize ?? 500,
        signal: undefined,
        heartbeat: async () => {
          await lease();
        },
        log: deps.log,
        trace: true,
      });
      const users = subject.members.filter((m) => m.type === 'user');
      const groups = subject.members.filter((m) => m.type === 'group');
      await syncObjects(context, 'user', users.map(item));
      await syncObjects(context, 'group', groups.map(item));
      await syncObjects(context, subject.type, [item(subject)]);
      await endPage(context);
      const visitedUsers = [...users, ...(subject.type === 'user' ? [subject] : [])];
      await runReferencesOf(
        context,
        'user',
        visitedUsers.map((u) => u.record.id),
      );
      if (subject.type === 'group') await runReferencesOf(context, 'group', [subject.record.id]);
      const hold = await runDeprovisions(context);
      if (hold) {
        status = 'held';
        error = `TooManyDeletes: ${hold.count} disables and deletes, more than the threshold of ${hold.threshold}`;
      }
    } catch (failure) {
      status = 'failed';
      error = reasonOf(failure);
      cause = failure;
      if (!isSyncError(failure))
        deps.log.error({ err: failure, appId: app.id, cycleId }, 'provision on demand failed');
    }
    try {
      await links.flush();
    } finally {
      await recorder.flush(true);
    }
    const objects = [subject, ...subject.members].map((o) => ({ type: o.type, id: o.record.id }));
    const read = async () =>
      onDemandResults(
        [
          ...(await store.provisioning.logs.query({ appId: app.id, cycleId, limit: 1000 })).entries,
        ].reverse(),
        objects,
      );
    let results = await read();
    if (status === 'failed' && results[0]?.sourceId !== subject.record.id) {
      // It failed before the subject was written (the target refused the discovery call, say):
      // the subject's entry says why, in the answer and in the logs alike.
      const code = codeOfSyncError(cause);
      const what = `${subject.type} ${identityOf(subject)}`;
      recorder.entry({
        objectType: subject.type,
        sourceId: subject.record.id,
        sourceIdentity: identityOf(subject),
        targetId: null,
        action: 'Other',
        status: 'Failure',
        errorCode: code,
        reason: error,
        recommendedAction: recommendedActions[code],
        steps: [importStep(true, what), actionStep('Failure', error ?? 'failed')],
      });
      await recorder.flush(true);
      results = await read();
    }
    await store.provisioning.cycles.update(cycleId, {
      status,
      finished: clock().toISOString(),
      ...recorder.progress(),
      counts: { ...recorder.counts },
      error,
    });
    return { appId: app.id, cycleId, results };
  } finally {
    await store.provisioning.jobs.release(app.id, owner);
  }
}
