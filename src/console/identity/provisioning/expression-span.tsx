/**
 * Underlines the part of an expression an error is about: the text before the span, the span
 * itself (wavy red underline), and the rest. An empty span (a missing ")" at the end) marks
 * the place with a caret so there is something to see.
 *
 * Example: splitAtSpan('Jion(" ", [a])', { start: 0, end: 4 }) → ['', 'Jion', '(" ", [a])']
 *          <SpanPreview id="p" text={text} span={{ start: 0, end: 4 }} />
 */

export function splitAtSpan(
  text: string,
  span: { start: number; end: number },
): [string, string, string] {
  const start = Math.min(Math.max(0, span.start), text.length);
  const end = Math.min(Math.max(start, span.end), text.length);
  return [text.slice(0, start), text.slice(start, end), text.slice(end)];
}

export function SpanPreview(props: {
  id: string;
  text: string;
  span: { start: number; end: number };
}) {
  const [before, inside, after] = splitAtSpan(props.text, props.span);
  return (
    <p className="expression-preview" id={props.id}>
      <span className="visually-hidden">
        The problem is at characters {props.span.start} to {props.span.end}:{' '}
      </span>
      <code>
        {before}
        {inside ? (
          <mark className="span-error">{inside}</mark>
        ) : (
          <mark className="span-error span-empty">
            <span aria-hidden="true">‸</span>
            <span className="visually-hidden">(here)</span>
          </mark>
        )}
        {after}
      </code>
    </p>
  );
}
