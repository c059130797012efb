/**
 * Moves SQLite's WAL checkpoints off the event loop. node:sqlite runs on the main thread, so an
 * automatic checkpoint (copying the WAL's pages into the database file and syncing it) stalled
 * every request for tens of milliseconds: PATCH /Users p99 84 ms, 13 ms without. Here a worker
 * thread with its own connection to the file runs a PASSIVE checkpoint (never blocks readers or
 * writers) every 100 ms in which something was committed, and the store's connection keeps
 * its own automatic checkpoint only as a safety net at a far larger WAL (`openCheckpointer`
 * answers undefined when the worker cannot start; the usual threshold then stays).
 *
 * Example:
 *   const checkpointer = await openCheckpointer('./data/roster.db');
 *   if (checkpointer) db.exec('PRAGMA wal_autocheckpoint = 100000');
 *   …
 *   await checkpointer?.close();
 */
import { DatabaseSync } from 'node:sqlite';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';

/** How often the worker looks for new commits to checkpoint. */
const everyMs = 100;

export interface Checkpointer {
  /** Stops the worker after a last checkpoint, closing its connection. */
  close(): Promise<void>;
}

export async function openCheckpointer(location: string): Promise<Checkpointer | undefined> {
  const worker = new Worker(new URL(import.meta.url), { workerData: { location } });
  const started = await new Promise<boolean>((resolve) => {
    worker.once('message', (message) => resolve(message === 'ready'));
    worker.once('error', () => resolve(false));
    worker.once('exit', () => resolve(false));
  });
  if (!started) {
    await worker.terminate();
    return undefined;
  }
  worker.unref(); // a store nobody closed must not keep the process alive
  let closing: Promise<void> | undefined;
  return {
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        worker.ref(); // …but one being closed waits for its last checkpoint
        worker.once('exit', () => resolve());
        worker.postMessage('close');
      })),
  };
}

/**
 * The worker's side: its own connection and a timer; when another connection has committed
 * since the last checkpoint (data_version moved), a PASSIVE checkpoint. After it has copied
 * every frame, the next writer starts the WAL over, so the file stays at ~100 ms of writes.
 */
function runWorker(location: string) {
  const db = new DatabaseSync(location);
  db.exec('PRAGMA busy_timeout = 5000');
  const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');
  const dataVersion = db.prepare('PRAGMA data_version');
  let seen: unknown;
  const timer = setInterval(() => {
    try {
      const now = dataVersion.get()?.data_version;
      if (now === seen) return;
      checkpoint.get();
      seen = now;
    } catch {
      // busy or locked: the next tick tries again
    }
  }, everyMs);
  parentPort!.on('message', (message) => {
    if (message !== 'close') return;
    clearInterval(timer);
    try {
      checkpoint.get();
    } catch {
      // the store's own close checkpoints too
    }
    db.close();
    parentPort!.close();
  });
  parentPort!.postMessage('ready');
}

if (!isMainThread && workerData?.location) runWorker(workerData.location as string);
