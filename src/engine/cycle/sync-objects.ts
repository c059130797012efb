/**
 * One page of users or groups through a cycle: each object is assessed (scope, assignment,
 * planDeprovision); linked ones are updated, unlinked ones matched as a batch (batch-match.ts)
 * then created or linked and updated; disables and deletes are held back for the end of the
 * cycle; skips are logged with their reason. Every object gets its log entry; a failed object
 * is escrowed and the page goes on — only a `stop` failure (bad credentials) ends the cycle.
 *
 * Example: await syncObjects(context, 'user', [{ sourceId, record, changeId: 42 }]);
 */
import { isSyncError } from '../../client/index.ts';
import type { LogStep, ProvisioningLink, ProvisioningObjectType } from '../../store/store.ts';
import {
  type CompiledObjectMapping,
  type ExportedObject,
  exportObject,
  type MatchDecision,
} from '../../sync/index.ts';
import { matchBatch } from './batch-match.ts';
import type { CycleContext } from './cycle-context.ts';
import { linkedStep, matchStep } from './log-steps.ts';
import { provisionManagersAhead } from './managers-ahead.ts';
import { ObjectFailure } from './object-failure.ts';
import { logResult, logSkip, recordFailure, settleAll } from './object-log.ts';
import { assess, type ObjectWork, type SyncItem, skipCodeOf } from './object-state.ts';
import { restoreMemberships } from './restore-memberships.ts';
import { createObject, referencedIds, updateObject } from './write-object.ts';

/** Update of a linked object (also after a match); a 404 drops the link and matches again. */
async function update(
  context: CycleContext,
  mapping: CompiledObjectMapping,
  work: ObjectWork,
  link: ProvisioningLink,
  lookup: ReadonlyMap<string, string>,
  matched: boolean,
  steps: LogStep[],
): Promise<'rematch' | undefined> {
  if (!mapping.actions.update) {
    context.links.put({ ...link, identity: work.identity, seenCycle: context.cycleId });
    logSkip(context, { ...work, steps }, 'UpdateActionDisabled');
    return undefined;
  }
  const reactivated = link.state === 'disabled';
  // A user found again after the target lost it: its memberships went with it.
  const restore = reactivated || work.rematched === true;
  try {
    const result = await updateObject(context, mapping, work, link, lookup, {
      read: matched || context.kind !== 'incremental' || reactivated,
      softDeleted: false,
      fullMembers: work.type === 'group' && (matched || context.kind !== 'incremental'),
    });
    context.links.put(result.link);
    let note: string | undefined;
    if (restore && work.type === 'user') {
      const restored = await restoreMemberships(context, work.item.sourceId, link.targetId);
      note = `${reactivated ? 're-enabled' : 'matched again'}${restored > 0 ? `; its membership in ${restored} group(s) restored` : ''}`;
    }
    logResult(context, work, result, steps, note);
  } catch (error) {
    if (isSyncError(error) && error.kind === 'notFound' && !matched) {
      context.links.remove(work.type, work.item.sourceId);
      return 'rematch';
    }
    recordFailure(context, { ...work, steps }, link.targetId, 'Update', error);
  }
  return undefined;
}

async function createOrLink(
  context: CycleContext,
  mapping: CompiledObjectMapping,
  work: ObjectWork,
  exported: ExportedObject,
  decision: MatchDecision,
  lookup: ReadonlyMap<string, string>,
): Promise<void> {
  const steps = [...work.steps, matchStep(decision)];
  if (decision.kind === 'link') {
    const at = context.clock().toISOString();
    const link: ProvisioningLink = {
      appId: context.app.id,
      objectType: work.type,
      sourceId: work.item.sourceId,
      targetId: decision.id,
      identity: work.identity,
      state: 'active',
      exported: null,
      pending: null,
      seenCycle: context.cycleId,
      created: at,
      updated: at,
    };
    await update(context, mapping, work, link, lookup, true, steps);
    return;
  }
  if (decision.kind === 'duplicate') {
    const found = `${decision.ids.length} objects on the target have ${decision.candidate.target} ${JSON.stringify(decision.candidate.value)}`;
    recordFailure(
      context,
      { ...work, steps },
      null,
      'Other',
      new ObjectFailure('DuplicateTargetEntries', found),
    );
    return;
  }
  if (decision.kind === 'noCandidates') {
    recordFailure(
      context,
      { ...work, steps },
      null,
      'Other',
      new ObjectFailure('MatchingAttributeMissing', 'none of the matching attributes has a value'),
    );
    return;
  }
  if (!mapping.actions.create) {
    logSkip(context, { ...work, steps }, 'CreateActionDisabled');
    return;
  }
  try {
    const result = await createObject(context, mapping, work, exported, lookup);
    context.links.put(result.link);
    let note: string | undefined;
    if (work.rematched && work.type === 'user') {
      // Created again after the target lost it (InvalidAnchor): so are its memberships.
      const restored = await restoreMemberships(context, work.item.sourceId, result.link.targetId);
      if (restored > 0) note = `created again; its membership in ${restored} group(s) restored`;
    }
    logResult(context, work, result, steps, note);
  } catch (error) {
    if (isSyncError(error) && error.kind === 'exists') {
      // EntryConflict: someone has it already — match again, one query per attribute, and link.
      const again = await matchBatch(
        context.client,
        mapping,
        new Map([[work.item.sourceId, exported]]),
        {
          ...context.match,
          batching: false,
        },
      ).catch(() => undefined);
      const decided = again?.get(work.item.sourceId);
      if (decided?.kind === 'link') {
        await createOrLink(context, mapping, work, exported, decided, lookup);
        return;
      }
    }
    recordFailure(context, { ...work, steps }, null, 'Create', error, {
      exported: exported.resource,
    });
  }
}

/**
 * Processes one page of objects of `type`; see the file comment. In initial cycles `token`
 * names who took the users (a page, or a batch of managers ahead of theirs).
 */
export async function syncObjects(
  context: CycleContext,
  type: ProvisioningObjectType,
  page: readonly SyncItem[],
  token: symbol = Symbol('page'),
): Promise<void> {
  const mapping = context.mappings[type];
  if (!mapping || page.length === 0) return;
  let items = page;
  if (type === 'user' && context.candidates !== undefined) {
    const { claims } = context;
    items = items.filter((i) => {
      const owner = claims.get(i.sourceId);
      if (owner !== undefined && owner !== token) return false;
      claims.set(i.sourceId, token);
      return true;
    });
    await provisionManagersAhead(context, items, token);
    items = items.filter((i) => claims.get(i.sourceId) === token);
    if (items.length === 0) return;
  }
  const ids = items.map((i) => i.sourceId);
  const links = await context.links.get(type, ids);
  if (context.kind === 'initial') context.links.markSeen(type, [...links.keys()]);
  const works = await Promise.all(
    items.map((item) => assess(context, mapping, type, item, links.get(item.sourceId))),
  );

  const toUpdate: ObjectWork[] = [];
  const toMatch: ObjectWork[] = [];
  for (const work of works) {
    const { plan, link } = work;
    if (plan.kind === 'provision') (link ? toUpdate : toMatch).push(work);
    else if (plan.kind === 'disable' && link?.state === 'disabled') toUpdate.push(work);
    else if ((plan.kind === 'disable' || plan.kind === 'delete') && link)
      context.deprovisions.push({
        objectType: type,
        sourceId: work.item.sourceId,
        targetId: link.targetId,
        identity: work.identity,
        kind: plan.kind,
        reason: plan.reason,
        changeId: work.item.changeId,
      });
    else logSkip(context, work, skipCodeOf(plan));
  }

  // References (managers) of the page, looked up once.
  const now = context.clock();
  const creates = new Map<string, ExportedObject>();
  for (const work of toMatch)
    creates.set(work.item.sourceId, exportObject(work.source!, mapping, { mode: 'create', now }));
  const referenced = new Set<string>();
  for (const exported of creates.values())
    for (const id of referencedIds(exported)) referenced.add(id);
  for (const work of toUpdate) {
    const manager = work.source?.manager;
    if (typeof manager === 'string' && manager !== '') referenced.add(manager);
  }
  const lookup = await context.links.lookup([...referenced]);

  const rematch: ObjectWork[] = [];
  await settleAll(
    toUpdate.map(async (work) => {
      if (work.plan.kind === 'disable') {
        // Already disabled on the target: keep its values current, no new deprovision.
        try {
          const result = await updateObject(context, mapping, work, work.link!, lookup, {
            read: false,
            softDeleted: true,
            fullMembers: false,
          });
          context.links.put(result.link);
          logResult(
            context,
            work,
            result,
            work.steps,
            result.outcome === 'unchanged'
              ? 'already disabled on the target'
              : 'still disabled: attributes updated',
          );
        } catch (error) {
          recordFailure(context, work, work.link!.targetId, 'Update', error);
        }
        return;
      }
      const steps = [...work.steps, linkedStep(work.link!.targetId)];
      if ((await update(context, mapping, work, work.link!, lookup, false, steps)) === 'rematch') {
        work.steps.push({
          name: 'match',
          status: 'Warning',
          description: `The linked object ${work.link!.targetId} is gone from the target (InvalidAnchor): matching again`,
        });
        work.link = undefined;
        work.rematched = true;
        creates.set(
          work.item.sourceId,
          exportObject(work.source!, mapping, { mode: 'create', now }),
        );
        rematch.push(work);
      }
    }),
  );
  toMatch.push(...rematch);

  if (toMatch.length > 0) {
    let decisions: Map<string, MatchDecision>;
    try {
      decisions = await matchBatch(context.client, mapping, creates, context.match);
    } catch (error) {
      for (const work of toMatch) recordFailure(context, work, null, 'Other', error);
      decisions = new Map();
    }
    await settleAll(
      toMatch.map(async (work) => {
        const decision = decisions.get(work.item.sourceId);
        if (!decision) return;
        await createOrLink(
          context,
          mapping,
          work,
          creates.get(work.item.sourceId)!,
          decision,
          lookup,
        );
      }),
    );
  }
  context.recorder.done(items.length);
}
