/**
 * Labelled form controls that show the API's error in words right under the control, tied to
 * it with aria-describedby and aria-invalid so a screen reader reads the error with the field.
 *
 * Example: <TextField label="Job title" name="jobTitle" value={v} onChange={set} error={errors.fields.jobTitle} />
 */
import { type ReactNode, type Ref, useId } from 'react';

export interface Common {
  label: string;
  name: string;
  error?: string | undefined;
  hint?: ReactNode;
}

export function describedBy(errorId: string, hintId: string, error?: string, hint?: ReactNode) {
  const ids = [error ? errorId : '', hint ? hintId : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

export function FieldMessages(props: {
  errorId: string;
  hintId: string;
  error?: string | undefined;
  hint?: ReactNode;
}) {
  return (
    <>
      {props.hint ? (
        <p className="field-hint" id={props.hintId}>
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p className="field-error" id={props.errorId}>
          <span aria-hidden="true">⚠ </span>
          {props.error}
        </p>
      ) : null}
    </>
  );
}

export function TextField(
  props: Common & {
    value: string;
    onChange: (value: string) => void;
    type?: 'text' | 'email' | 'password' | 'search' | 'url' | 'number' | 'datetime-local';
    min?: number;
    max?: number;
    list?: string;
    required?: boolean;
    autoComplete?: string;
    autoFocus?: boolean;
    placeholder?: string;
    readOnly?: boolean;
    inputRef?: Ref<HTMLInputElement>;
  },
) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div className={props.error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>
        {props.label}
        {props.required ? <span className="required"> (required)</span> : null}
      </label>
      <input
        id={id}
        ref={props.inputRef}
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        required={props.required}
        autoComplete={props.autoComplete}
        // biome-ignore lint/a11y/noAutofocus: dialogs and sign-in put the cursor in their first field
        autoFocus={props.autoFocus}
        placeholder={props.placeholder}
        readOnly={props.readOnly}
        min={props.min}
        max={props.max}
        list={props.list}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(errorId, hintId, props.error, props.hint)}
      />
      <FieldMessages errorId={errorId} hintId={hintId} error={props.error} hint={props.hint} />
    </div>
  );
}

export function SelectField(
  props: Common & {
    value: string;
    onChange: (value: string) => void;
    options: readonly { value: string; label: string }[];
  },
) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div className={props.error ? 'field has-error' : 'field'}>
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(errorId, hintId, props.error, props.hint)}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldMessages errorId={errorId} hintId={hintId} error={props.error} hint={props.hint} />
    </div>
  );
}

export function CheckboxField(
  props: Common & { checked: boolean; onChange: (checked: boolean) => void },
) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div className={props.error ? 'field checkbox has-error' : 'field checkbox'}>
      <input
        id={id}
        type="checkbox"
        name={props.name}
        checked={props.checked}
        onChange={(event) => props.onChange(event.target.checked)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(errorId, hintId, props.error, props.hint)}
      />
      <label htmlFor={id}>{props.label}</label>
      <FieldMessages errorId={errorId} hintId={hintId} error={props.error} hint={props.hint} />
    </div>
  );
}
