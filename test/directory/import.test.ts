/**
 * Import of users from CSV and JSON: idempotent by the chosen key, a report with line-numbered
 * failures, bad rows never stopping good ones, managers linked even when they come later.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { formatCsvRecord, isDirectoryError } from '../../src/directory/index.ts';
import { createDirectoryFixture } from './support.ts';

const csv = (rows: string[][]) => `${rows.map(formatCsvRecord).join('\r\n')}\r\n`;

test('CSV: creates, reports bad rows by line with reasons, and a second run changes nothing', async () => {
  const { directory } = await createDirectoryFixture();
  const text = csv([
    ['userPrincipalName', 'displayName', 'mail', 'accountEnabled', 'streetAddress'],
    ['ann@x.test', 'Lee, Ann', 'ann@x.test', 'true', '1 Main St\nSuite 2'],
    ['not-a-upn', 'Bad', '', '', ''],
    ['bob@x.test', 'Bob', 'bob@', '', ''],
    ['', 'No key', '', '', ''],
    ['cat@x.test', 'Cat', '', 'no', ''],
  ]).replace('Cat,', 'Cat,extra,');
  const report = await directory.importText(text, { key: 'userPrincipalName', format: 'csv' });
  assert.deepEqual(
    {
      rows: report.rows,
      created: report.created,
      updated: report.updated,
      skipped: report.skipped,
      failed: report.failed,
    },
    { rows: 5, created: 1, updated: 0, skipped: 0, failed: 4 },
  );
  assert.deepEqual(
    report.failures.map((f) => [f.line, f.key]),
    [
      [4, null],
      [5, null],
      [6, null],
      [7, null],
    ],
    'the quoted line break makes row 2 span lines 2–3',
  );
  assert.match(
    report.failures[0]!.reason,
    /userPrincipalName "not-a-upn" is not a user principal name/,
  );
  assert.match(report.failures[1]!.reason, /mail "bob@" is not an email address/);
  assert.match(report.failures[2]!.reason, /no userPrincipalName: every row needs the import key/);
  assert.match(report.failures[3]!.reason, /6 fields, but the header has 5/);
  const ann = await directory.users.get('ann@x.test');
  assert.equal(ann.displayName, 'Lee, Ann');
  assert.equal(ann.streetAddress, '1 Main St\nSuite 2');

  const again = await directory.importText(text, { key: 'userPrincipalName', format: 'csv' });
  assert.deepEqual([again.created, again.updated, again.skipped, again.failed], [0, 0, 1, 4]);
});

test('by employeeId: updates what changed, skips the rest, and a renamed UPN keeps the object id', async () => {
  const { directory } = await createDirectoryFixture();
  const header = ['employeeId', 'userPrincipalName', 'jobTitle'];
  await directory.importText(csv([header, ['1', 'a@x.test', 'Dev'], ['2', 'b@x.test', 'Dev']]), {
    key: 'employeeId',
    format: 'csv',
  });
  const before = await directory.users.get('a@x.test');
  const report = await directory.importText(
    csv([
      header,
      ['1', 'a.renamed@x.test', 'Dev'],
      ['2', 'b@x.test', 'Dev'],
      ['3', '', 'Dev'],
      ['4', 'b@x.test', 'Ops'],
    ]),
    { key: 'employeeId', format: 'csv' },
  );
  assert.deepEqual([report.created, report.updated, report.skipped, report.failed], [0, 1, 1, 2]);
  assert.equal((await directory.users.get('a.renamed@x.test')).id, before.id);
  assert.deepEqual(
    report.failures.map((f) => [f.line, f.key, f.reason]),
    [
      [4, '3', 'no user has employeeId 3 yet, and creating one needs a userPrincipalName'],
      [5, '4', 'userPrincipalName b@x.test is already taken by another user'],
    ],
  );
});

test('a key repeated in the file: the later row updates the earlier one', async () => {
  const { directory } = await createDirectoryFixture();
  const report = await directory.importText(
    csv([
      ['userPrincipalName', 'jobTitle'],
      ['a@x.test', 'One'],
      ['A@x.test', 'Two'],
    ]),
    { key: 'userPrincipalName', format: 'csv' },
  );
  assert.deepEqual([report.created, report.updated], [1, 1]);
  assert.equal((await directory.users.get('a@x.test')).jobTitle, 'Two');
});

test('managers by key: earlier, later in the file, or missing (a warning, the row still imported)', async () => {
  const { directory } = await createDirectoryFixture();
  const report = await directory.importText(
    csv([
      ['userPrincipalName', 'manager'],
      ['boss@x.test', ''],
      ['ann@x.test', 'boss@x.test'],
      ['bob@x.test', 'late@x.test'],
      ['cat@x.test', 'ghost@x.test'],
      ['late@x.test', ''],
    ]),
    { key: 'userPrincipalName', format: 'csv', batchSize: 2 },
  );
  assert.deepEqual([report.created, report.failed], [5, 0]);
  const boss = await directory.users.get('boss@x.test');
  const late = await directory.users.get('late@x.test');
  assert.equal((await directory.users.get('ann@x.test')).manager, boss.id);
  assert.equal((await directory.users.get('bob@x.test')).manager, late.id);
  assert.equal((await directory.users.get('cat@x.test')).manager, undefined);
  assert.deepEqual(report.warnings, [
    {
      line: 5,
      key: 'cat@x.test',
      reason: 'manager ghost@x.test not found by userPrincipalName; imported without a manager',
    },
  ]);
  const again = await directory.importText(
    csv([
      ['userPrincipalName', 'manager'],
      ['bob@x.test', 'late@x.test'],
    ]),
    { key: 'userPrincipalName', format: 'csv' },
  );
  assert.deepEqual([again.updated, again.skipped], [0, 1]);
});

test('JSON: an array with a broken record, objects only, nested extensions, null clears', async () => {
  const { directory } = await createDirectoryFixture();
  await directory.users.add({ userPrincipalName: 'ann@x.test', jobTitle: 'Dev' });
  const text = [
    '[',
    '  {"userPrincipalName": "ann@x.test", "jobTitle": null, "extensions": {"extensionAttribute1": "A"}},',
    '  {"userPrincipalName": "bob@x.test", "accountEnabled": false},',
    '  {"userPrincipalName": },',
    '  "just a string",',
    '  {"userPrincipalName": "cat@x.test", "mail": 7}',
    ']',
  ].join('\n');
  const report = await directory.importText(text, { key: 'userPrincipalName', format: 'json' });
  assert.deepEqual([report.created, report.updated, report.failed], [1, 1, 3]);
  assert.deepEqual(
    report.failures.map((f) => f.line),
    [4, 5, 6],
  );
  assert.match(report.failures[0]!.reason, /not valid JSON/);
  assert.match(report.failures[1]!.reason, /expected a JSON object/);
  assert.match(report.failures[2]!.reason, /mail must be a string/);
  const ann = await directory.users.get('ann@x.test');
  assert.equal(ann.jobTitle, undefined);
  assert.deepEqual(ann.extensions, { extensionAttribute1: 'A' });
  assert.equal((await directory.users.get('bob@x.test')).accountEnabled, false);
});

test('a soft-deleted match fails its row; an unknown column stops the import before any row', async () => {
  const { directory } = await createDirectoryFixture();
  const ann = await directory.users.add({ userPrincipalName: 'ann@x.test' });
  await directory.users.delete(ann.id);
  const report = await directory.importText(csv([['userPrincipalName'], ['ann@x.test']]), {
    key: 'userPrincipalName',
    format: 'csv',
  });
  assert.match(report.failures[0]!.reason, /is deleted \(restorable until .*\); restore it first/);
  await assert.rejects(
    directory.importText(
      csv([
        ['userPrincipalName', 'shoeSize'],
        ['a@x.test', '9'],
      ]),
      { key: 'userPrincipalName', format: 'csv' },
    ),
    (e) =>
      isDirectoryError(e, 'invalid') &&
      /column 2 of the header, "shoeSize", is not a user attribute/.test(e.message),
  );
});

test('a generated file of 3,000 rows with bad rows sprinkled in, streamed from disk in small batches', async () => {
  const { directory } = await createDirectoryFixture();
  const dir = mkdtempSync(path.join(tmpdir(), 'roster-import-'));
  try {
    const file = path.join(dir, 'users.csv');
    const rows = [
      ['userPrincipalName', 'givenName', 'surname', 'employeeId', 'department', 'manager'],
    ];
    const bad: number[] = [];
    for (let i = 0; i < 3000; i++) {
      const line = rows.length + 1;
      if (i % 500 === 7) {
        rows.push([`broken ${i}`, 'X', 'Y', `E${i}`, 'Sales', '']);
        bad.push(line);
      } else
        rows.push([
          `user${i}@x.test`,
          `Given${i}`,
          `Sur${i}`,
          `E${i}`,
          i % 2 ? 'Sales' : 'R&D',
          i > 0 ? 'user0@x.test' : '',
        ]);
    }
    writeFileSync(file, csv(rows));
    const progress: number[] = [];
    let bytes = 0;
    const report = await directory.importFile(file, {
      key: 'userPrincipalName',
      batchSize: 400,
      onProgress: (c) => progress.push(c.rows),
      onBytes: (b) => {
        bytes = b;
      },
    });
    assert.deepEqual(
      [report.rows, report.created, report.failed],
      [3000, 3000 - bad.length, bad.length],
    );
    assert.deepEqual(
      report.failures.map((f) => f.line),
      bad,
    );
    assert.ok(progress.length >= 7 && progress.at(-1) === 3000, String(progress));
    assert.ok(bytes > 100_000);
    const boss = await directory.users.get('user0@x.test');
    assert.equal((await directory.users.get('user2999@x.test')).manager, boss.id);
    assert.equal(
      (await directory.users.list({ startIndex: 1, count: 1 })).totalResults,
      3000 - bad.length,
    );
    const again = await directory.importFile(file, { key: 'userPrincipalName' });
    assert.deepEqual([again.created, again.updated, again.skipped], [0, 0, 3000 - bad.length]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
