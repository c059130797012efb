/**
 * Reads an import file as text chunks (streamed, UTF-8), reporting bytes read for a progress
 * bar, and picks the parser from the file name (.csv; .json, .jsonl, .ndjson) or `format`.
 *
 * Example: for await (const row of importRowsFromFile('users.csv')) …
 */
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { DirectoryError } from '../directory-error.ts';
import { parseCsv } from './csv-parser.ts';
import { type ImportRow, rowsFromCsv, rowsFromJson } from './import-rows.ts';
import { parseJsonRecords } from './json-records.ts';

export type ImportFormat = 'csv' | 'json';

export async function* readTextChunks(
  file: string,
  onBytes?: (bytes: number) => void,
): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let bytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 256 * 1024 })) {
    bytes += (chunk as Buffer).length;
    onBytes?.(bytes);
    yield decoder.decode(chunk as Buffer, { stream: true });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

export function formatOf(file: string, format?: string): ImportFormat {
  if (format === 'csv' || format === 'json') return format;
  if (format !== undefined)
    throw new DirectoryError(
      'invalid',
      `format must be csv or json, not ${JSON.stringify(format)}`,
      'format',
    );
  const extension = path.extname(file).toLowerCase();
  if (extension === '.csv') return 'csv';
  if (['.json', '.jsonl', '.ndjson'].includes(extension)) return 'json';
  throw new DirectoryError(
    'invalid',
    `cannot tell the format of ${path.basename(file)} from its name; say --format csv or --format json`,
    'format',
  );
}

/** Import rows from text chunks in the given format. */
export function rowsFrom(
  chunks: AsyncIterable<string> | Iterable<string>,
  format: ImportFormat,
): AsyncIterable<ImportRow> {
  return format === 'csv' ? rowsFromCsv(parseCsv(chunks)) : rowsFromJson(parseJsonRecords(chunks));
}
