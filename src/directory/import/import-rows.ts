/**
 * CSV records and JSON records as import rows: attribute name → value, with the line each row
 * starts on. The CSV header names the attributes (any case; unknown columns stop the import
 * before any row is read, naming the column); an empty cell means "not given".
 *
 * Example: rowsFromCsv(parseCsv(['userPrincipalName,jobTitle\nann@contoso.test,Lead\n']))
 *   → { line: 2, values: { userPrincipalName: 'ann@contoso.test', jobTitle: 'Lead' } }
 */
import { DirectoryError } from '../directory-error.ts';
import { attributeNamed, userAttributeNames } from '../user-attributes.ts';
import type { CsvRecord } from './csv-parser.ts';
import type { JsonRecord } from './json-records.ts';

export type ImportRow =
  | { line: number; values: Record<string, unknown> }
  | { line: number; error: string };

function checkHeader(fields: readonly string[]): string[] {
  const names: string[] = [];
  fields.forEach((raw, i) => {
    const header = raw.trim();
    const name = attributeNamed(header);
    if (name === undefined)
      throw new DirectoryError(
        'invalid',
        `column ${i + 1} of the header, ${JSON.stringify(header)}, is not a user attribute (known: ${userAttributeNames.join(', ')}, extensionAttribute1–15, extension_<app>_<name>)`,
        'header',
      );
    const canonical = name === 'extension' ? header : name;
    if (names.includes(canonical))
      throw new DirectoryError(
        'invalid',
        `column ${JSON.stringify(header)} appears twice in the header`,
        'header',
      );
    names.push(canonical);
  });
  return names;
}

export async function* rowsFromCsv(records: AsyncIterable<CsvRecord>): AsyncGenerator<ImportRow> {
  let header: string[] | undefined;
  for await (const record of records) {
    if (!header) {
      if ('error' in record)
        throw new DirectoryError('invalid', `the header cannot be read: ${record.error}`, 'header');
      header = checkHeader(record.fields);
      continue;
    }
    if ('error' in record) {
      yield record;
      continue;
    }
    if (record.fields.length !== header.length) {
      yield {
        line: record.line,
        error: `line ${record.line}: ${record.fields.length} fields, but the header has ${header.length}`,
      };
      continue;
    }
    const values: Record<string, unknown> = {};
    record.fields.forEach((value, i) => {
      if (value.trim() !== '') values[header![i]!] = value;
    });
    yield { line: record.line, values };
  }
  if (!header)
    throw new DirectoryError('invalid', 'the file is empty: expected a header row', 'header');
}

export async function* rowsFromJson(records: AsyncIterable<JsonRecord>): AsyncGenerator<ImportRow> {
  for await (const record of records) {
    if ('error' in record) yield record;
    else if (
      record.value === null ||
      typeof record.value !== 'object' ||
      Array.isArray(record.value)
    )
      yield {
        line: record.line,
        error: `line ${record.line}: expected a JSON object of user attributes, not ${Array.isArray(record.value) ? 'an array' : JSON.stringify(record.value)}`,
      };
    else yield { line: record.line, values: record.value as Record<string, unknown> };
  }
}
