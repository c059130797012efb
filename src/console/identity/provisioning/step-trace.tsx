/**
 * A provisioning step trace (Entra's "Steps" tab and provision on demand): import, scope,
 * match and action, each with its status and description, the details behind a disclosure;
 * and the modified properties as old → new. Shared by the log detail and on-demand results.
 *
 * Example: <StepTrace steps={entry.steps} />  <ModifiedProperties properties={entry.modifiedProperties} />
 */
import type { LogStep, ModifiedProperty } from '../../api/provisioning-types.ts';

const stepNames: Record<string, string> = {
  import: 'Import',
  scope: 'Determine if in scope',
  match: 'Match on the target',
  action: 'Perform action',
};

const statusMark: Record<string, string> = {
  Success: '✓',
  Failure: '✗',
  Skipped: '–',
  Warning: '!',
};

/** A value of a modified property as text: absent values read "(none)". */
export function showProperty(value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function StepTrace({ steps }: { steps: LogStep[] }) {
  if (steps.length === 0) return <p className="muted">No steps recorded.</p>;
  return (
    <ol className="steps">
      {steps.map((step, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: steps are a fixed sequence, never reordered
        <li key={`${step.name}-${i}`} className={`step step-${String(step.status).toLowerCase()}`}>
          <span className="step-mark" aria-hidden="true">
            {statusMark[step.status] ?? '•'}
          </span>
          <div>
            <strong>
              {i + 1}. {stepNames[step.name] ?? step.name}
            </strong>{' '}
            <span className="badge">{step.status}</span>
            <p>{step.description}</p>
            {step.details && Object.keys(step.details).length > 0 ? (
              <details>
                <summary>Details</summary>
                <pre className="mono">{JSON.stringify(step.details, null, 2)}</pre>
              </details>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

export function ModifiedProperties({ properties }: { properties: ModifiedProperty[] }) {
  if (properties.length === 0) return <p className="muted">No properties changed.</p>;
  return (
    <table className="table">
      <caption className="visually-hidden">Modified properties</caption>
      <thead>
        <tr>
          <th scope="col">Property</th>
          <th scope="col">Old value</th>
          <th scope="col">New value</th>
        </tr>
      </thead>
      <tbody>
        {properties.map((p) => (
          <tr key={p.name}>
            <th scope="row" className="mono">
              {p.name}
            </th>
            <td>{showProperty(p.old)}</td>
            <td>
              <span aria-hidden="true">→ </span>
              {showProperty(p.new)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
