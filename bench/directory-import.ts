/**
 * The import benchmark: a generated CSV of N users (default 100,000; every attribute kind, a
 * manager on most rows) imported into a fresh SQLite file through the same path as
 * `roster directory import` (streamed file → CSV parser → batched writes with the change
 * feed). The target is 100,000 users in under 30 s. bench/run.ts calls measureDirectoryImport;
 * `node bench/directory-import.ts [rows]` runs it alone.
 */
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDirectory, formatCsvRecord } from '../src/directory/index.ts';
import { openSqliteStore } from '../src/store/sqlite/index.ts';

const header = [
  'userPrincipalName',
  'givenName',
  'surname',
  'displayName',
  'mail',
  'employeeId',
  'jobTitle',
  'department',
  'city',
  'country',
  'accountEnabled',
  'manager',
  'extensionAttribute1',
];

/** Writes `rows` users as CSV (a manager every row but the first hundred, by UPN). */
export async function writeUsersCsv(file: string, rows: number): Promise<void> {
  const out = createWriteStream(file);
  const write = (line: string) =>
    out.write(`${line}\r\n`)
      ? undefined
      : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  await write(formatCsvRecord(header));
  for (let i = 0; i < rows; i++) {
    await write(
      formatCsvRecord([
        `user${i}@bench.test`,
        `Given${i}`,
        `Family${i % 1000}`,
        `Family${i % 1000}, Given${i}`,
        `user${i}@bench.test`,
        `E${i}`,
        i % 10 ? 'Engineer' : 'Manager',
        `Dept ${i % 50}`,
        'Springfield',
        'US',
        'true',
        i < 100 ? '' : `user${i % 100}@bench.test`,
        `cost-${i % 200}`,
      ]),
    );
  }
  await new Promise<void>((resolve) => out.end(() => resolve()));
}

export async function measureDirectoryImport(
  options: { rows?: number } = {},
): Promise<{ rows: number; seconds: number }> {
  const rows = options.rows ?? 100_000;
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-import-bench-'));
  try {
    const file = path.join(dir, 'users.csv');
    await writeUsersCsv(file, rows);
    const store = await openSqliteStore({ location: path.join(dir, 'bench.db') });
    const directory = createDirectory({
      store,
      clock: () => new Date(),
      passwords: {
        hash: async () => '',
        verify: async () => false,
        check: () => {},
        lockSeconds: () => 0,
      },
    });
    const started = performance.now();
    const report = await directory.importFile(file, { key: 'userPrincipalName' });
    const seconds = (performance.now() - started) / 1000;
    await store.close();
    if (report.created !== rows || report.failed !== 0 || report.warnings.length !== 0)
      throw new Error(
        `the import bench expected ${rows} created rows, got ${JSON.stringify({ ...report, failures: report.failures.slice(0, 3) })}`,
      );
    return { rows, seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const rows = Number(process.argv[2] ?? 100_000);
  const { seconds } = await measureDirectoryImport({ rows });
  console.log(
    `directory import: ${rows.toLocaleString('en')} users in ${seconds.toFixed(2)} s (${Math.round(rows / seconds).toLocaleString('en')} rows/s; target < 30 s for 100,000)`,
  );
}
