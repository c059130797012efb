// Shared by the fault suites: an engine harness whose job reaches Roster's SCIM app through the
// fake target over loopback HTTP (fake-target.ts), with a clock the test moves past back-offs,
// a small seeded directory, the expected target state computed from the directory, the actual
// one read from the target, a directory snapshot (to prove a target's failure never changes
// the directory), and `converge` (bounded cycles until nothing fails or waits in escrow).
import assert from 'node:assert/strict';
import type { ProvisioningLogEntry } from '../../src/store/store.ts';
import { createFakeTarget } from './fake-target.ts';
import { createEngineHarness } from './support.ts';
import { actualTargetState, expectedTargetState } from './target-state.ts';

const hour = 3_600_000;

export async function createFaultHarness() {
  let offset = 0;
  const clock = () => new Date(Date.now() + offset);
  const fake = await createFakeTarget({ tenant: 'acme', upstream: 'https://roster.test' });
  const h = await createEngineHarness({
    clock,
    target: (direct) => {
      fake.setBackend(direct);
      return { fetch: (url, init) => fetch(url, init), tenantUrl: fake.tenantUrl };
    },
    clientOptions: {
      timeoutMs: 4000,
      retry: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, maxRetryWaitMs: 5000 },
    },
  });
  // Lead (manager of Ann and Bo), Ann and Bo in the assigned group Team; Cy assigned directly.
  const lead = await h.addUser('lead@contoso.test', { jobTitle: 'Lead' });
  const ann = await h.addUser('ann@contoso.test', { manager: lead.id });
  const bo = await h.addUser('bo@contoso.test', { manager: lead.id });
  const cy = await h.addUser('cy@contoso.test');
  const team = await h.directory.groups.add({ displayName: 'Team', securityEnabled: true });
  await h.directory.groups.addMembers(team.id, [lead.id, ann.id, bo.id]);
  await h.assign('group', team.id);
  await h.assign('user', cy.id);

  async function entriesOf(cycleId: string): Promise<ProvisioningLogEntry[]> {
    return (await h.provisioning.logs(h.app.id, { cycleId }, { limit: 1000 })).entries.reverse();
  }

  /** One cycle (it must not fail as a whole); its entries. */
  async function cycle() {
    const report = await h.run();
    return { report, entries: await entriesOf(report.cycleId) };
  }

  /** Cycles, each after moving the clock past every back-off, until one has no failure left. */
  async function converge(max = 6): Promise<number> {
    for (let n = 1; n <= max; n++) {
      offset += 25 * hour;
      const { entries } = await cycle();
      const failed = entries.filter((e) => e.status === 'Failure');
      if (failed.length === 0 && (await h.store.provisioning.escrows.count(h.app.id)) === 0)
        return n;
    }
    assert.fail(`no convergence in ${max} cycles`);
  }

  /** What the target should hold: the assigned users and groups, with manager and members. */
  const expectedState = () => expectedTargetState(h.store, h.app.id);
  /** What the target holds, in the same shape. */
  const targetState = async () => actualTargetState(await h.targetUsers(), await h.targetGroups());

  /** Everything in the directory, for "a target's failure changes nothing here". */
  async function directorySnapshot(): Promise<string> {
    const d = h.store.directory;
    const users = (await d.users.list({ state: 'all', startIndex: 1, count: 1000 })).records;
    const groups = (await d.groups.list({ state: 'all', startIndex: 1, count: 1000 })).records;
    const members = await Promise.all(groups.map((g) => d.groups.members(g.id)));
    return JSON.stringify({
      users,
      groups,
      members,
      assignments: await d.assignments.list({}),
      head: await d.changes.head(),
    });
  }

  return {
    h,
    fake,
    ids: { lead: lead.id, ann: ann.id, bo: bo.id, cy: cy.id, team: team.id },
    advance(ms: number) {
      offset += ms;
    },
    now: clock,
    cycle,
    converge,
    entriesOf,
    expectedState,
    targetState,
    directorySnapshot,
    async close() {
      await fake.close();
      await h.close();
    },
  };
}

export type FaultHarness = Awaited<ReturnType<typeof createFaultHarness>>;
