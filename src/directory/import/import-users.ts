/**
 * Imports users from rows (CSV or JSON), idempotently by a key attribute: a row whose key
 * matches no user creates one, a match is updated, or skipped when nothing changes. Bad rows
 * are reported with their line and reason and never stop the good ones. Rows are written in
 * batches (one transaction each); a batch the database refuses is retried row by row so that
 * only the offending rows fail. Managers are given by their key value; one that appears later
 * in the file is linked in a final pass.
 *
 * Example:
 *   const report = await importUsers(store, rowsFromCsv(parseCsv(chunks)), { key: 'employeeId' });
 *   // { created: 98, updated: 1, skipped: 0, failed: 1, failures: [{ line: 7, key: 'E7', reason: '…' }], … }
 */
import {
  type DirectoryStore,
  type DirectoryUserData,
  type DirectoryUserRecord,
  isStoreError,
  type UserKey,
} from '../../store/store.ts';
import { isDirectoryError } from '../directory-error.ts';
import { restorableUntil } from '../retention.ts';
import {
  applyUserChange,
  checkUserInput,
  sameUserData,
  type UserChange,
} from '../user-attributes.ts';
import type { ImportRow } from './import-rows.ts';

export const importKeys: readonly UserKey[] = [
  'userPrincipalName',
  'mail',
  'employeeId',
  'mailNickname',
];

export interface ImportCounts {
  rows: number;
  created: number;
  updated: number;
  /** Rows that matched a user and changed nothing. */
  skipped: number;
  failed: number;
}

export interface ImportIssue {
  line: number;
  /** The row's key value, when it has one. */
  key: string | null;
  reason: string;
}

export interface ImportReport extends ImportCounts {
  key: UserKey;
  failures: ImportIssue[];
  /** Rows imported with a caveat (a manager that could not be linked). */
  warnings: ImportIssue[];
  seconds: number;
}

export interface ImportOptions {
  key: UserKey;
  /** Rows per transaction (default 1000). */
  batchSize?: number;
  /** Called after every batch. */
  onProgress?: (counts: ImportCounts) => void;
}

type Outcome = 'created' | 'updated' | 'skipped';

interface Item {
  line: number;
  key: string;
  change: UserChange;
  /** The manager's key value; null clears the manager. */
  manager: string | null | undefined;
}

interface Pending {
  line: number;
  key: string;
  userId: string;
  manager: string;
  outcome: Outcome;
}

const normalise = (key: UserKey, value: string) =>
  key === 'employeeId' ? value.trim() : value.trim().toLowerCase();

const reasonOf = (error: unknown) =>
  isDirectoryError(error) || isStoreError(error) ? error.message : String(error);

export async function importUsers(
  store: DirectoryStore,
  rows: AsyncIterable<ImportRow>,
  options: ImportOptions,
): Promise<ImportReport> {
  const { key } = options;
  const batchSize = options.batchSize ?? 1000;
  const started = performance.now();
  const report: ImportReport = {
    key,
    rows: 0,
    created: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    failures: [],
    warnings: [],
    seconds: 0,
  };
  const pending: Pending[] = [];
  let batch: Item[] = [];
  let keys = new Set<string>();

  const fail = (line: number, keyValue: string | null, reason: string) => {
    report.failed++;
    report.failures.push({ line, key: keyValue, reason: reason.replace(/^line \d+: /, '') });
  };
  const warn = (line: number, keyValue: string, reason: string) =>
    report.warnings.push({ line, key: keyValue, reason });

  async function write(
    items: { item: Item; data: DirectoryUserData; id?: string; version?: number }[],
    outcome: 'created' | 'updated',
  ): Promise<void> {
    const run = (part: typeof items) =>
      outcome === 'created'
        ? store.users.create(part.map((p) => p.data))
        : store.users.update(part.map((p) => ({ id: p.id!, data: p.data, ifVersion: p.version })));
    const done = (p: (typeof items)[number], record: DirectoryUserRecord) => {
      report[outcome]++;
      if (typeof p.item.manager === 'string' && p.data.manager === undefined)
        pending.push({
          line: p.item.line,
          key: p.item.key,
          userId: record.id,
          manager: p.item.manager,
          outcome,
        });
    };
    if (items.length === 0) return;
    try {
      const records = await run(items);
      for (const [i, p] of items.entries()) done(p, records[i]!);
    } catch (error) {
      if (!isStoreError(error)) throw error;
      for (const p of items) {
        try {
          done(p, (await run([p]))[0]!);
        } catch (one) {
          if (!isStoreError(one)) throw one;
          const reason =
            one.subject === 'userPrincipalName'
              ? `userPrincipalName ${p.data.userPrincipalName} is already taken by another user`
              : one.message;
          fail(p.item.line, p.item.key, reason);
        }
      }
    }
  }

  async function flush(): Promise<void> {
    if (batch.length === 0) return;
    const wanted = new Set(keys);
    for (const item of batch)
      if (typeof item.manager === 'string') wanted.add(normalise(key, item.manager));
    const byKey = new Map<string, DirectoryUserRecord[]>();
    for (const user of await store.users.findBy(key, [...wanted])) {
      const value = user.data[key];
      if (value === undefined) continue;
      const k = normalise(key, value);
      byKey.set(k, [...(byKey.get(k) ?? []), user]);
    }
    const creates: Parameters<typeof write>[0] = [];
    const updates: Parameters<typeof write>[0] = [];
    for (const item of batch) {
      const matches = byKey.get(item.key) ?? [];
      if (matches.length > 1) {
        fail(
          item.line,
          item.key,
          `${matches.length} users have ${key} ${item.key}; import by a key that is unique`,
        );
        continue;
      }
      const existing = matches[0];
      if (existing?.deleted) {
        fail(
          item.line,
          item.key,
          `the user with ${key} ${item.key} is deleted (restorable until ${restorableUntil(existing.deleted)}); restore it first`,
        );
        continue;
      }
      const change: UserChange = { ...item.change };
      delete change.manager;
      if (item.manager === null) change.manager = null;
      else if (item.manager !== undefined) {
        const managers = byKey.get(normalise(key, item.manager)) ?? [];
        const manager = managers[0];
        if (managers.length > 1)
          warn(
            item.line,
            item.key,
            `${managers.length} users have ${key} ${item.manager}; manager not set`,
          );
        else if (manager?.id === existing?.id && manager)
          warn(item.line, item.key, 'a user cannot be their own manager; manager not set');
        else if (manager?.deleted)
          warn(item.line, item.key, `manager ${item.manager} is deleted; manager not set`);
        else if (manager) change.manager = manager.id;
      }
      if (!existing && change.userPrincipalName === undefined) {
        fail(
          item.line,
          item.key,
          `no user has ${key} ${item.key} yet, and creating one needs a userPrincipalName`,
        );
        continue;
      }
      let data: DirectoryUserData;
      try {
        data = applyUserChange(existing?.data, change);
      } catch (error) {
        fail(item.line, item.key, reasonOf(error));
        continue;
      }
      if (!existing) creates.push({ item, data });
      else if (!sameUserData(data, existing.data))
        updates.push({ item, data, id: existing.id, version: existing.version });
      else {
        report.skipped++;
        if (typeof item.manager === 'string' && change.manager === undefined)
          pending.push({
            line: item.line,
            key: item.key,
            userId: existing.id,
            manager: item.manager,
            outcome: 'skipped',
          });
      }
    }
    await write(creates, 'created');
    await write(updates, 'updated');
    batch = [];
    keys = new Set();
    options.onProgress?.(report);
  }

  /** Managers that were not in the directory when their report's row was written. */
  async function linkManagers(): Promise<void> {
    for (let i = 0; i < pending.length; i += 500) {
      const part = pending.slice(i, i + 500);
      const managers = new Map<string, DirectoryUserRecord[]>();
      for (const user of await store.users.findBy(
        key,
        part.map((p) => p.manager),
      )) {
        const k = normalise(key, user.data[key] ?? '');
        managers.set(k, [...(managers.get(k) ?? []), user]);
      }
      const users = new Map(
        (await store.users.getMany(part.map((p) => p.userId))).map((u) => [u.id, u]),
      );
      const writes: { id: string; data: DirectoryUserData; ifVersion: number }[] = [];
      for (const p of part) {
        const found = (managers.get(normalise(key, p.manager)) ?? []).filter(
          (m) => m.deleted === null,
        );
        const user = users.get(p.userId);
        if (!user) continue;
        if (found.length !== 1 || found[0]!.id === p.userId) {
          warn(
            p.line,
            p.key,
            found.length > 1
              ? `${found.length} users have ${key} ${p.manager}; imported without a manager`
              : found.length === 1
                ? 'a user cannot be their own manager; imported without a manager'
                : `manager ${p.manager} not found by ${key}; imported without a manager`,
          );
          continue;
        }
        if (user.data.manager === found[0]!.id) continue;
        writes.push({
          id: user.id,
          data: { ...user.data, manager: found[0]!.id },
          ifVersion: user.version,
        });
        if (p.outcome === 'skipped') {
          report.skipped--;
          report.updated++;
        }
      }
      if (writes.length > 0) await store.users.update(writes);
    }
  }

  for await (const row of rows) {
    report.rows++;
    if ('error' in row) {
      fail(row.line, null, row.error);
      continue;
    }
    let change: UserChange;
    try {
      change = checkUserInput(row.values);
    } catch (error) {
      fail(row.line, null, `${reasonOf(error)}`);
      continue;
    }
    const keyValue = change[key];
    if (typeof keyValue !== 'string' || keyValue === '') {
      fail(row.line, null, `no ${key}: every row needs the import key`);
      continue;
    }
    const k = normalise(key, keyValue);
    if (keys.has(k)) await flush();
    keys.add(k);
    batch.push({ line: row.line, key: k, change, manager: change.manager });
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  await linkManagers();
  report.seconds = Math.round(performance.now() - started) / 1000;
  return report;
}
