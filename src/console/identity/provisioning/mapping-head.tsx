/**
 * The top of the object mapping editor: Enabled, the source and target objects, and Entra's
 * Target Object Actions (Create, Update, Delete), kept in that order whatever is ticked first.
 *
 * Example: <MappingHead draft={mapping} onChange={setMapping} issues={located.mapping} readOnly={false} />
 */
import type { ObjectMapping, TargetAction } from '../../api/provisioning-types.ts';
import { CheckboxField } from '../../ui/field.tsx';
import { RadioField } from '../../ui/radio-field.tsx';

const actions: [TargetAction, string][] = [
  ['create', 'Create'],
  ['update', 'Update'],
  ['delete', 'Delete'],
];

export function MappingHead(props: {
  draft: ObjectMapping;
  onChange: (next: ObjectMapping) => void;
  issues: Record<string, string>;
  readOnly: boolean;
}) {
  return (
    <div className="card mapping-head">
      <RadioField
        label="Enabled"
        name="enabled"
        value={props.draft.enabled ? 'yes' : 'no'}
        onChange={(value) => props.onChange({ ...props.draft, enabled: value === 'yes' })}
        options={[
          { value: 'yes', label: 'Yes' },
          { value: 'no', label: 'No' },
        ]}
        error={props.issues.enabled}
        disabled={props.readOnly}
      />
      <p>
        Source object: directory {props.draft.source} · Target object: {props.draft.target} (
        {props.draft.name})
      </p>
      <fieldset className="field">
        <legend>Target Object Actions</legend>
        {actions.map(([action, label]) => (
          <CheckboxField
            key={action}
            label={label}
            name={`action-${action}`}
            checked={props.draft.actions.includes(action)}
            onChange={(on) =>
              props.onChange({
                ...props.draft,
                actions: on
                  ? actions
                      .map(([a]) => a)
                      .filter((a) => a === action || props.draft.actions.includes(a))
                  : props.draft.actions.filter((a) => a !== action),
              })
            }
          />
        ))}
        {props.issues.actions ? <p className="field-error">{props.issues.actions}</p> : null}
      </fieldset>
    </div>
  );
}
