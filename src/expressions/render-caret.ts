/**
 * Renders an expression with carets under an error's span, for the CLI and the console's
 * expression editor. Multi-line expressions show the line the span starts on; long lines
 * are cut to a window around the span.
 *
 * Example: renderCaret('Jion(" ", [a])', { start: 0, end: 4 }) →
 *   'Jion(" ", [a])\n^^^^'
 */
import type { Span } from './ast.ts';

const windowWidth = 100;

export function renderCaret(text: string, span: Span): string {
  const start = clamp(span.start, 0, text.length);
  const end = clamp(span.end, start, text.length);
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  let lineEnd = text.indexOf('\n', start);
  if (lineEnd === -1) lineEnd = text.length;
  const line = text.slice(lineStart, lineEnd).replace(/\t/g, ' ');
  const column = start - lineStart;
  const width = Math.max(1, Math.min(end, lineEnd) - start);

  let from = 0;
  if (line.length > windowWidth)
    from = clamp(column - windowWidth / 2, 0, line.length - windowWidth);
  const to = Math.min(line.length, from + windowWidth);
  const prefix = from > 0 ? '…' : '';
  const suffix = to < line.length ? '…' : '';
  const shown = prefix + line.slice(from, to) + suffix;
  const caretColumn = prefix.length + column - from;
  const caretWidth = Math.max(1, Math.min(width, to - column));
  return `${shown}\n${' '.repeat(caretColumn)}${'^'.repeat(caretWidth)}`;
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(Math.max(value, low), high);
}
