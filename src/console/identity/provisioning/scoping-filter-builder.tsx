/**
 * Source Object Scope: the scoping filter builder (Entra's "Add scoping filter"). Each scoping
 * filter is a group of clauses — attribute, operator from Entra's list, value — that must all
 * hold (AND); an object is in scope when any filter holds (OR). The API's refusals show next
 * to the clause and field they name.
 *
 * Example: <ScopingFilterBuilder groups={groups} onChange={setGroups} issues={located.clauses} attributes={names} />
 */
import type { ScopingFilterGroup } from '../../api/provisioning-types.ts';
import { SelectField, TextField } from '../../ui/field.tsx';
import {
  addClause,
  addGroup,
  describeScope,
  removeClause,
  removeGroup,
  scopingOperators,
  unaryOperators,
  updateClause,
  updateTitle,
} from './scoping-edit.ts';

const operatorOptions = scopingOperators.map((op) => ({ value: op, label: op }));

export function ScopingFilterBuilder(props: {
  groups: ScopingFilterGroup[];
  onChange: (groups: ScopingFilterGroup[], structural: boolean) => void;
  issues: Record<number, Record<number, Record<string, string>>>;
  /** The id of a datalist of source attribute names. */
  attributeList: string;
  readOnly: boolean;
}) {
  const { groups, onChange } = props;
  return (
    <section className="card" aria-labelledby="scope-heading">
      <h2 id="scope-heading">Source Object Scope</h2>
      <p className="muted">
        All clauses of a scoping filter must hold; an object is in scope when any filter holds.
      </p>
      <p className="scope-summary" aria-live="polite">
        <strong>In scope when:</strong> {describeScope(groups)}
      </p>
      {groups.map((group, g) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a scoping filter is its position in the list
        <div key={g}>
          {g > 0 ? (
            <p className="or-divider" aria-hidden="true">
              OR
            </p>
          ) : null}
          <fieldset className="scope-group">
            <legend>
              Scoping filter {g + 1}
              {group.title ? `: ${group.title}` : ''}
            </legend>
            {props.issues[g]?.[-1]?.clauses ? (
              <p className="field-error">{props.issues[g]?.[-1]?.clauses}</p>
            ) : null}
            <TextField
              label="Title (optional)"
              name={`scope-${g}-title`}
              value={group.title ?? ''}
              onChange={(title) => onChange(updateTitle(groups, g, title), false)}
              readOnly={props.readOnly}
            />
            {group.clauses.map((clause, c) => {
              const errors = props.issues[g]?.[c] ?? {};
              const unary = unaryOperators.has(clause.operator);
              return (
                // biome-ignore lint/suspicious/noArrayIndexKey: a clause is its position in the filter
                <fieldset className="clause-row" key={c}>
                  <legend className="visually-hidden">
                    Clause {c + 1} of scoping filter {g + 1}
                  </legend>
                  <span className="and-label">{c > 0 ? 'AND' : ''}</span>
                  <TextField
                    label="Attribute name"
                    name={`scope-${g}-${c}-attribute`}
                    value={clause.attribute}
                    list={props.attributeList}
                    onChange={(attribute) =>
                      onChange(updateClause(groups, g, c, { attribute }), false)
                    }
                    error={errors.attribute}
                    readOnly={props.readOnly}
                  />
                  <SelectField
                    label="Operator"
                    name={`scope-${g}-${c}-operator`}
                    value={clause.operator}
                    options={operatorOptions}
                    onChange={(operator) =>
                      onChange(updateClause(groups, g, c, { operator }), false)
                    }
                    error={errors.operator}
                  />
                  {unary ? (
                    <p className="muted clause-novalue">No value for {clause.operator}.</p>
                  ) : (
                    <TextField
                      label="Value"
                      name={`scope-${g}-${c}-value`}
                      value={clause.value ?? ''}
                      onChange={(value) => onChange(updateClause(groups, g, c, { value }), false)}
                      error={errors.value}
                      readOnly={props.readOnly}
                    />
                  )}
                  {props.readOnly ? null : (
                    <button
                      type="button"
                      className="link"
                      aria-label={`Remove clause ${c + 1} of scoping filter ${g + 1}`}
                      onClick={() => onChange(removeClause(groups, g, c), true)}
                    >
                      Remove
                    </button>
                  )}
                </fieldset>
              );
            })}
            {props.readOnly ? null : (
              <div className="form-actions">
                <button type="button" onClick={() => onChange(addClause(groups, g), true)}>
                  Add clause
                </button>
                <button
                  type="button"
                  className="danger"
                  onClick={() => onChange(removeGroup(groups, g), true)}
                >
                  Remove scoping filter {g + 1}
                </button>
              </div>
            )}
          </fieldset>
        </div>
      ))}
      {props.readOnly ? null : (
        <button type="button" onClick={() => onChange(addGroup(groups), true)}>
          Add scoping filter
        </button>
      )}
    </section>
  );
}
