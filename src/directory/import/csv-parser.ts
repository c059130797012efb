/**
 * A streaming RFC 4180 CSV parser: quoted fields, "" as an escaped quote, commas and line
 * breaks inside quotes, CRLF, LF or CR line ends (also split across chunks), a UTF-8 BOM.
 * Each record carries the 1-based line it starts on. A malformed record (a quote inside an
 * unquoted field, text after a closing quote, a quote never closed) becomes an error for that
 * record only; parsing resumes on the next line. Blank lines are skipped.
 *
 * Why our own: twenty lines of state machine, streaming and line numbers exactly as the import
 * report needs them, without a dependency.
 *
 * Example:
 *   for await (const r of parseCsv(['name,note\r\n"Lee, Ann","says ""hi"""\r\n'])) …
 *   // { line: 1, fields: ['name', 'note'] }, { line: 2, fields: ['Lee, Ann', 'says "hi"'] }
 */
export type CsvRecord = { line: number; fields: string[] } | { line: number; error: string };

type State = 'start' | 'unquoted' | 'quoted' | 'quote' | 'skip';

export async function* parseCsv(
  chunks: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<CsvRecord> {
  let state = 'start' as State;
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  let quotedLine = 0;
  let error = '';
  let pendingCr = false;
  let first = true;
  let out: CsvRecord[] = [];

  const endRecord = () => {
    if (state === 'skip') out.push({ line: recordLine, error });
    else {
      fields.push(field);
      if (!(fields.length === 1 && fields[0] === '' && state === 'start' && quotedLine === 0))
        out.push({ line: recordLine, fields });
    }
    fields = [];
    field = '';
    state = 'start';
    quotedLine = 0;
    recordLine = line;
  };

  const fail = (message: string) => {
    error = `line ${recordLine}: ${message}`;
    state = 'skip';
  };

  for await (let chunk of chunks) {
    if (first && chunk.length > 0) {
      if (chunk.charCodeAt(0) === 0xfeff) chunk = chunk.slice(1);
      first = false;
    }
    let i = 0;
    // A CR that ended the previous chunk was counted as a line end; its LF is not another.
    if (pendingCr && chunk.length > 0) {
      pendingCr = false;
      if (chunk[0] === '\n') {
        if (state === 'quoted') field += '\n';
        i = 1;
      }
    }
    const n = chunk.length;
    while (i < n) {
      const c = chunk[i]!;
      if (state === 'quoted') {
        // Copy the run up to the next quote in one slice.
        const q = chunk.indexOf('"', i);
        const end = q === -1 ? n : q;
        const run = chunk.slice(i, end);
        for (let j = run.indexOf('\n'); j !== -1; j = run.indexOf('\n', j + 1)) line++;
        for (let j = run.indexOf('\r'); j !== -1; j = run.indexOf('\r', j + 1)) {
          if (run[j + 1] === '\n') continue;
          line++;
          if (j + 1 === run.length && end === n) pendingCr = true;
        }
        field += run;
        i = end;
        if (q !== -1) {
          state = 'quote';
          i++;
        }
        continue;
      }
      if (c === '\n' || c === '\r') {
        line++;
        if (c === '\r') {
          if (i + 1 < n) {
            if (chunk[i + 1] === '\n') i++;
          } else pendingCr = true;
        }
        endRecord();
        i++;
        continue;
      }
      switch (state) {
        case 'skip':
          break;
        case 'start':
          if (c === '"') {
            state = 'quoted';
            quotedLine = line;
          } else if (c === ',') fields.push('');
          else {
            field = c;
            state = 'unquoted';
          }
          break;
        case 'unquoted':
          if (c === ',') {
            fields.push(field);
            field = '';
            state = 'start';
          } else if (c === '"')
            fail(
              `a quote inside an unquoted field (field ${fields.length + 1}); quote the whole field and double the quote: "a ""b"" c"`,
            );
          else {
            // Copy the run up to the next comma, quote or line end in one slice.
            let j = i + 1;
            while (j < n) {
              const d = chunk.charCodeAt(j);
              if (d === 44 || d === 34 || d === 10 || d === 13) break;
              j++;
            }
            field += chunk.slice(i, j);
            i = j;
            continue;
          }
          break;
        case 'quote':
          if (c === '"') {
            field += '"';
            state = 'quoted';
          } else if (c === ',') {
            fields.push(field);
            field = '';
            state = 'start';
          } else
            fail(
              `text after the closing quote of field ${fields.length + 1}; a quote inside a quoted field is written ""`,
            );
          break;
      }
      i++;
    }
    if (out.length > 0) {
      yield* out;
      out = [];
    }
  }
  if (state === 'quoted')
    out.push({
      line: recordLine,
      error: `line ${recordLine}: the quoted field ${fields.length + 1} opened on line ${quotedLine} is never closed`,
    });
  else if (state !== 'start' || fields.length > 0 || field !== '' || quotedLine !== 0) endRecord();
  yield* out;
}

/** One record as CSV text (for tests, templates and reports): quotes only where needed. */
export function formatCsvRecord(fields: readonly string[]): string {
  return fields.map((f) => (/[",\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f)).join(',');
}
