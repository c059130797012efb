/**
 * A labelled multi-line text box (an expression, a JSON document), with its error in words under
 * it, tied by aria-describedby; `describedBy` adds ids such as a live preview's.
 *
 * Example: <TextAreaField label="Expression" name="source" value={v} onChange={set} error={errors.source} />
 */
import { useId } from 'react';
import { type Common, describedBy, FieldMessages } from './field.tsx';

export function TextAreaField(
  props: Common & {
    value: string;
    onChange: (value: string) => void;
    rows?: number;
    readOnly?: boolean;
    className?: string;
    /** More ids for aria-describedby (a preview, a result). */
    describedBy?: string;
  },
) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const ids = [describedBy(errorId, hintId, props.error, props.hint), props.describedBy]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={props.error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      <textarea
        id={id}
        name={props.name}
        className={props.className}
        rows={props.rows ?? 3}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        readOnly={props.readOnly}
        spellCheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={ids || undefined}
      />
      <FieldMessages errorId={errorId} hintId={hintId} error={props.error} hint={props.hint} />
    </div>
  );
}
