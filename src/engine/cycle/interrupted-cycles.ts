/**
 * Crash safety: a process killed in the middle of a cycle leaves its cycle row `running` for
 * ever (and its lease until it expires). Whoever takes the job's lease next knows that no
 * other real cycle of the app runs, so the rows still marked running are closed as failed,
 * "interrupted", and the history and status stop showing a cycle that is long gone. Dry runs
 * take no lease and are left alone.
 *
 * Example: if (await lease()) await closeInterrupted(store, app.id, clock);
 */
import type { Store } from '../../store/store.ts';

/** How far back the history is searched for rows left running (newest first). */
const lookBack = 20;

export async function closeInterrupted(
  store: Pick<Store, 'provisioning'>,
  appId: string,
  clock: () => Date,
): Promise<number> {
  const cycles = store.provisioning.cycles;
  const stale = (await cycles.list(appId, lookBack)).filter(
    (c) => c.status === 'running' && !c.dryRun,
  );
  for (const cycle of stale)
    await cycles.update(cycle.id, {
      status: 'failed',
      finished: clock().toISOString(),
      error:
        'interrupted: the process running this cycle ended before it finished; a later run took over',
    });
  return stale.length;
}
