/**
 * Streams records out of JSON text without holding the whole file: either one top-level array
 * of objects (`[{…}, {…}]`) or JSON Lines (one object per line). Each record carries the
 * 1-based line it starts on; a record that is not valid JSON becomes an error for that record
 * only, and the scan goes on with the next one.
 *
 * Example:
 *   for await (const r of parseJsonRecords(['[\n{"a":1},\n{"a":]\n'])) …
 *   // { line: 2, value: { a: 1 } }, { line: 3, error: 'line 3: … not valid JSON …' }
 */
export type JsonRecord = { line: number; value: unknown } | { line: number; error: string };

const maxRecordChars = 1024 * 1024;

const isSpace = (c: string) => c === ' ' || c === '\n' || c === '\r' || c === '\t';

export async function* parseJsonRecords(
  chunks: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<JsonRecord> {
  let mode: 'unknown' | 'array' | 'lines' | 'done' = 'unknown';
  let line = 1;
  let collecting = false;
  let recordLine = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let container = false;
  let parts: string[] = [];
  let size = 0;
  let broken = '';
  let trailing = false;
  let out: JsonRecord[] = [];

  const finish = (text: string) => {
    collecting = false;
    if (broken) out.push({ line: recordLine, error: `line ${recordLine}: ${broken}` });
    else {
      const json = parts.join('') + text;
      try {
        out.push({ line: recordLine, value: JSON.parse(json) });
      } catch (error) {
        out.push({
          line: recordLine,
          error: `line ${recordLine}: the record is not valid JSON (${(error as Error).message})`,
        });
      }
    }
    parts = [];
    size = 0;
    broken = '';
  };

  for await (const chunk of chunks) {
    let start = 0;
    const n = chunk.length;
    for (let i = 0; i < n; i++) {
      const c = chunk[i]!;
      if (c === '\n') line++;
      if (!collecting) {
        if (isSpace(c) || c === '\ufeff') continue;
        if (mode === 'unknown') {
          mode = c === '[' ? 'array' : 'lines';
          if (mode === 'array') continue;
        }
        if (mode === 'done') {
          if (!trailing)
            out.push({ line, error: `line ${line}: text after the closing ] of the array` });
          trailing = true;
          continue;
        }
        if (mode === 'array' && c === ']') {
          mode = 'done';
          continue;
        }
        if (mode === 'array' && c === ',') continue;
        collecting = true;
        recordLine = line;
        depth = 0;
        inString = false;
        escaped = false;
        container = c === '{' || c === '[';
        start = i;
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (c === '\\') escaped = true;
        else if (c === '"') inString = false;
        continue;
      }
      if (c === '"') inString = true;
      else if (c === '{' || c === '[') depth++;
      else if (c === '}' || (c === ']' && depth > 0)) {
        depth--;
        if (depth < 0) {
          broken ||= `an unmatched ${c}`;
          depth = 0;
        }
        if (depth === 0 && mode === 'lines' && container) {
          finish(chunk.slice(start, i + 1));
          continue;
        }
      }
      if (depth === 0 && mode === 'array' && (c === ',' || c === ']')) {
        finish(chunk.slice(start, i));
        if (c === ']') mode = 'done';
      } else if (depth === 0 && mode === 'lines' && !container && c === '\n') {
        finish(chunk.slice(start, i));
      }
    }
    if (collecting) {
      const rest = chunk.slice(start);
      size += rest.length;
      if (size > maxRecordChars)
        broken ||= `the record is larger than ${maxRecordChars} characters`;
      else parts.push(rest);
    }
    if (out.length > 0) {
      yield* out;
      out = [];
    }
  }
  if (collecting) {
    if (mode === 'lines' && depth === 0 && !inString) finish('');
    else
      out.push({
        line: recordLine,
        error: `line ${recordLine}: the record starting here is never closed`,
      });
  } else if (mode === 'array')
    out.push({ line, error: `line ${line}: the array is never closed with ]` });
  yield* out;
}
