/**
 * A choice of a few options as radio buttons in a fieldset with a legend (arrow keys move between
 * them); an error shows under them in words and marks each radio invalid, so a refused form puts
 * the focus on the choice.
 *
 * Example: <RadioField label="Provisioning Mode" name="mode" value={mode} onChange={setMode} options={modes} />
 */
import { useId } from 'react';
import { type Common, describedBy, FieldMessages } from './field.tsx';

export function RadioField(
  props: Common & {
    value: string;
    onChange: (value: string) => void;
    options: readonly { value: string; label: string }[];
    disabled?: boolean;
    /** The legend is read out but not shown (a heading above says the same). */
    legendHidden?: boolean;
  },
) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <fieldset
      className={props.error ? 'field radio-field has-error' : 'field radio-field'}
      aria-describedby={describedBy(errorId, hintId, props.error, props.hint)}
    >
      <legend className={props.legendHidden ? 'visually-hidden' : undefined}>{props.label}</legend>
      <div className="radio-options">
        {props.options.map((option) => (
          <label key={option.value} className="radio-option">
            <input
              type="radio"
              name={`${props.name}-${id}`}
              value={option.value}
              checked={props.value === option.value}
              disabled={props.disabled}
              aria-invalid={props.error ? true : undefined}
              onChange={() => props.onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
      <FieldMessages errorId={errorId} hintId={hintId} error={props.error} hint={props.hint} />
    </fieldset>
  );
}
