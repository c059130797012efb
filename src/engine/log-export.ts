/**
 * The provisioning logs as a download (Entra's "Download logs": CSV or JSON): every entry that
 * matches the filters, newest first, streamed page by page so a large export never sits in
 * memory. CSV has one row per entry (RFC 4180 quoting; steps and modified properties as JSON
 * text); JSON is one array.
 *
 * Example: for await (const chunk of exportLogs(store, { appId, status: 'Failure' }, 'csv')) out.write(chunk);
 */
import type { LogQuery, ProvisioningLogEntry, Store } from '../store/store.ts';

export type LogFormat = 'csv' | 'json';

export const csvColumns = [
  'id',
  'at',
  'cycleId',
  'changeId',
  'objectType',
  'sourceId',
  'sourceIdentity',
  'targetId',
  'action',
  'status',
  'errorCode',
  'reason',
  'recommendedAction',
  'durationMs',
  'steps',
  'modifiedProperties',
] as const;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text =
    typeof value === 'string'
      ? value
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvRow = (entry: ProvisioningLogEntry): string =>
  `${csvColumns.map((c) => cell(entry[c])).join(',')}\r\n`;

export async function* exportLogs(
  store: Pick<Store, 'provisioning'>,
  query: Omit<LogQuery, 'limit' | 'before'>,
  format: LogFormat,
  pageSize = 1000,
): AsyncGenerator<string> {
  let before: number | undefined;
  let first = true;
  if (format === 'csv') yield `${csvColumns.join(',')}\r\n`;
  else yield '[';
  do {
    const page = await store.provisioning.logs.query({
      ...query,
      limit: pageSize,
      ...(before !== undefined && { before }),
    });
    if (format === 'csv') yield page.entries.map(csvRow).join('');
    else
      for (const entry of page.entries) {
        yield `${first ? '\n' : ',\n'}${JSON.stringify(entry)}`;
        first = false;
      }
    before = page.next;
  } while (before !== undefined);
  if (format === 'json') yield first ? ']\n' : '\n]\n';
}
