/**
 * Edit Attribute (Entra's attribute-mapping dialog): mapping type, source attribute, constant
 * value or expression (with its live test), default value if null, target attribute, matching
 * and its precedence, and when the mapping applies. OK puts the change into the mapping being
 * edited (Save on the page sends it); the last Save's refusals show next to their fields.
 *
 * Example: <AttributeMappingDialog app={id} mapping={row} issues={located.attributes[3]} onOk={put} onClose={close} … />
 */
import { useId, useState } from 'react';
import type { AttributeMapping, MappingType } from '../../api/provisioning-types.ts';
import { Dialog } from '../../ui/dialog.tsx';
import { SelectField, TextField } from '../../ui/field.tsx';
import {
  type AttributeDraft,
  checkDraft,
  draftOf,
  mappingOf,
  mappingTypeLabels,
} from './attribute-mapping-form.ts';
import { ExpressionEditor } from './expression-editor.tsx';
import type { FieldIssue } from './mapping-issues.ts';

export function AttributeMappingDialog(props: {
  app: string;
  title: string;
  mapping: AttributeMapping | undefined;
  issues: Record<string, FieldIssue> | undefined;
  sourceList: string;
  targetList: string;
  testUser: string;
  onTestUser: (user: string) => void;
  onOk: (mapping: AttributeMapping) => void;
  onClose: () => void;
  readOnly: boolean;
}) {
  const [draft, setDraft] = useState<AttributeDraft>(() => draftOf(props.mapping));
  const [checked, setChecked] = useState<Record<string, string>>({});
  const [edited, setEdited] = useState<Set<string>>(new Set());
  const formId = useId();
  const set =
    <K extends keyof AttributeDraft>(name: K, field: string = name) =>
    (value: AttributeDraft[K]) => {
      setEdited((old) => new Set(old).add(field));
      setDraft((old) => ({ ...old, [name]: value }));
    };
  // A Save refusal stays next to its field until that field is edited.
  const issue = (field: string) => (edited.has(field) ? undefined : props.issues?.[field]);
  const error = (field: string) => checked[field] ?? issue(field)?.message;

  return (
    <Dialog title={props.title} onClose={props.onClose}>
      <form
        id={formId}
        className="form form-wide"
        aria-label={props.title}
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const errors = checkDraft(draft);
          setChecked(errors);
          if (Object.keys(errors).length === 0) props.onOk(mappingOf(draft));
        }}
      >
        {props.issues?.row ? <p className="field-error">{props.issues.row.message}</p> : null}
        <SelectField
          label="Mapping type"
          name="type"
          value={draft.type}
          onChange={(type) => set('type', 'source')(type as MappingType)}
          options={Object.entries(mappingTypeLabels).map(([value, label]) => ({ value, label }))}
          error={error('type')}
        />
        {draft.type === 'direct' ? (
          <TextField
            label="Source attribute"
            name="source"
            value={draft.source}
            list={props.sourceList}
            onChange={set('source')}
            error={error('source')}
            readOnly={props.readOnly}
          />
        ) : null}
        {draft.type === 'constant' ? (
          <TextField
            label="Constant value"
            name="constant"
            value={draft.constant}
            onChange={set('constant', 'source')}
            error={error('source')}
            readOnly={props.readOnly}
          />
        ) : null}
        {draft.type === 'expression' ? (
          <ExpressionEditor
            app={props.app}
            value={draft.expression}
            onChange={set('expression', 'source')}
            issue={checked.source ? { message: checked.source } : issue('source')}
            testUser={props.testUser}
            onTestUser={props.onTestUser}
            readOnly={props.readOnly}
          />
        ) : null}
        {draft.type !== 'constant' ? (
          <TextField
            label="Default value if null (optional)"
            name="defaultValue"
            value={draft.defaultValue}
            onChange={set('defaultValue')}
            hint="Used on create when the source has no value."
            error={error('defaultValue')}
            readOnly={props.readOnly}
          />
        ) : null}
        <TextField
          label="Target attribute"
          name="target"
          value={draft.target}
          list={props.targetList}
          onChange={set('target')}
          required
          hint='A SCIM path, such as emails[type eq "work"].value.'
          error={error('target')}
          readOnly={props.readOnly}
        />
        <SelectField
          label="Match objects using this attribute"
          name="matching"
          value={draft.matching}
          onChange={(value) => set('matching', 'matchingPrecedence')(value as 'yes' | 'no')}
          options={[
            { value: 'no', label: 'No' },
            { value: 'yes', label: 'Yes' },
          ]}
        />
        {draft.matching === 'yes' ? (
          <TextField
            label="Matching precedence"
            name="matchingPrecedence"
            type="number"
            min={1}
            value={draft.precedence}
            onChange={set('precedence', 'matchingPrecedence')}
            hint="1 is tried first."
            error={error('matchingPrecedence')}
            readOnly={props.readOnly}
          />
        ) : null}
        <SelectField
          label="Apply this mapping"
          name="apply"
          value={draft.apply}
          onChange={(value) => set('apply')(value as 'always' | 'onCreate')}
          options={[
            { value: 'always', label: 'Always' },
            { value: 'onCreate', label: 'Only during object creation' },
          ]}
          error={error('apply')}
        />
        <div className="form-actions">
          {props.readOnly ? null : (
            <button type="submit" className="primary">
              OK
            </button>
          )}
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}
