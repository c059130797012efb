/**
 * Attribute Mappings (the tutorial's "Review the user attributes … The attributes selected as
 * Matching properties are used to match"): one row per mapping with its target, what flows in,
 * matching precedence and when it applies; Edit and Delete per row; each Save refusal shows
 * under the row it is about.
 *
 * Example: <AttributeMappingTable mappings={draft.attributeMappings} issues={located.attributes} onEdit={open} onDelete={drop} />
 */
import type { AttributeMapping } from '../../api/provisioning-types.ts';
import { mappingTypeLabels, sourceText } from './attribute-mapping-form.ts';
import type { FieldIssue } from './mapping-issues.ts';

export function AttributeMappingTable(props: {
  mappings: AttributeMapping[];
  issues: Record<number, Record<string, FieldIssue>>;
  onEdit: (row: number) => void;
  onDelete: (row: number) => void;
  readOnly: boolean;
}) {
  return (
    <table className="table mapping-table">
      <caption className="visually-hidden">Attribute mappings</caption>
      <thead>
        <tr>
          <th scope="col">Target attribute</th>
          <th scope="col">Type</th>
          <th scope="col">Source</th>
          <th scope="col">Matching precedence</th>
          <th scope="col">Apply</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.mappings.map((mapping, row) => {
          const issues = Object.entries(props.issues[row] ?? {});
          return [
            // biome-ignore lint/suspicious/noArrayIndexKey: a mapping is its position in the list
            <tr key={`m${row}`} className={issues.length > 0 ? 'row-error' : undefined}>
              <th scope="row" className="mono">
                {mapping.target}
              </th>
              <td>{mappingTypeLabels[mapping.type]}</td>
              <td className="mono cell-source">{sourceText(mapping)}</td>
              <td>{mapping.matchingPrecedence ?? ''}</td>
              <td>{mapping.apply === 'onCreate' ? 'On create only' : 'Always'}</td>
              <td>
                <div className="row-actions">
                  <button
                    type="button"
                    onClick={() => props.onEdit(row)}
                    aria-label={`${props.readOnly ? 'View' : 'Edit'} the mapping of ${mapping.target}`}
                  >
                    {props.readOnly ? 'View' : 'Edit'}
                  </button>
                  {props.readOnly ? null : (
                    <button
                      type="button"
                      className="danger"
                      onClick={() => props.onDelete(row)}
                      aria-label={`Delete the mapping of ${mapping.target}`}
                    >
                      Delete
                    </button>
                  )}
                </div>
              </td>
            </tr>,
            issues.length > 0 ? (
              // biome-ignore lint/suspicious/noArrayIndexKey: a mapping is its position in the list
              <tr key={`e${row}`} className="row-error-detail">
                <td colSpan={6}>
                  {issues.map(([field, issue]) => (
                    <p key={field} className="field-error">
                      <span aria-hidden="true">⚠ </span>
                      {field === 'row' ? '' : `${field}: `}
                      {issue.message}
                    </p>
                  ))}
                </td>
              </tr>
            ) : null,
          ];
        })}
      </tbody>
    </table>
  );
}
