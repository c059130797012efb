/**
 * Provision on demand (Entra's "Provision on demand"): pick a user, or a group of at most five
 * members, and provision it now, outside the cycles; the answer shows, per object, the step
 * trace (import, scope, match, action), the modified properties and what was exported, or the
 * error with its recommended action. A server without the route says so instead.
 *
 * Example: <OnDemandPage app={app} canEdit />
 */
import { useState } from 'react';
import { useApis } from '../../api/api-context.tsx';
import { ApiFailure } from '../../api/http.ts';
import type { EnterpriseApp } from '../../api/identity-api.ts';
import type { OnDemandAnswer, OnDemandResult } from '../../api/provisioning-types.ts';
import { ErrorAlert } from '../../ui/alert.tsx';
import { SelectField } from '../../ui/field.tsx';
import { Form } from '../../ui/form.tsx';
import { useAction } from '../../ui/use-action.ts';
import { type Principal, PrincipalPicker } from '../principal-picker.tsx';
import { ModifiedProperties, StepTrace } from './step-trace.tsx';

/** The admin API's answer for a route it does not have (an older server). */
export const isMissingRoute = (error: unknown) =>
  error instanceof ApiFailure &&
  error.code === 'notFound' &&
  error.field === null &&
  /there is no POST/.test(error.message);

export function OnDemandResultView({ result }: { result: OnDemandResult }) {
  const failed = result.status === 'Failure';
  return (
    <article className="card" aria-label={`${result.action} ${result.sourceIdentity}`}>
      <h3>
        {result.objectType === 'group' ? 'Group' : 'User'} {result.sourceIdentity}: {result.action}{' '}
        <span className={`badge log-${result.status.toLowerCase()}`}>{result.status}</span>
      </h3>
      {failed || result.errorCode ? (
        <dl className="properties card-warning">
          <dt>Error code</dt>
          <dd className="mono">{result.errorCode ?? '(none)'}</dd>
          <dt>Reason</dt>
          <dd>{result.reason ?? '(none)'}</dd>
          <dt>Recommended action</dt>
          <dd>{result.recommendedAction ?? '(none)'}</dd>
        </dl>
      ) : null}
      <StepTrace steps={result.steps} />
      <h4>Modified properties</h4>
      <ModifiedProperties properties={result.modifiedProperties} />
      {result.exported ? (
        <details>
          <summary>What was sent to the app</summary>
          <pre className="mono">{JSON.stringify(result.exported, null, 2)}</pre>
        </details>
      ) : null}
      {result.targetId ? <p className="muted">Target id: {result.targetId}</p> : null}
    </article>
  );
}

export function OnDemandPage({ app, canEdit }: { app: EnterpriseApp; canEdit: boolean }) {
  const { provisioning } = useApis();
  const [type, setType] = useState<'user' | 'group'>('user');
  const [picked, setPicked] = useState<Principal | null>(null);
  const [answer, setAnswer] = useState<OnDemandAnswer>();
  const [missing, setMissing] = useState(false);
  const run = useAction(async () => {
    setAnswer(undefined);
    if (!picked)
      throw new Error(`Choose a ${type} first: type the start of a name, then pick one.`);
    try {
      return await provisioning.onDemand(app.id, picked.id, type);
    } catch (error) {
      if (isMissingRoute(error)) setMissing(true);
      throw error;
    }
  }, ['subject', 'objectType']);

  if (!canEdit)
    return (
      <p className="muted">Provision on demand needs the Cloud Application Administrator role.</p>
    );
  return (
    <section aria-labelledby="on-demand-heading">
      <h2 id="on-demand-heading">Provision on demand</h2>
      <p>
        Provision one user, or a group with at most five members, to {app.name} now, and see each
        step. It uses the saved mappings and credentials, and works while provisioning is off.
      </p>
      {missing ? (
        <ErrorAlert message="This server has no provision-on-demand route yet: update Roster to use it." />
      ) : null}
      <div className="card">
        <Form
          label="Provision on demand"
          submitLabel="Provision"
          busyLabel="Provisioning…"
          errors={run.errors}
          busy={run.busy}
          onSubmit={async () => {
            const outcome = await run.run();
            if (outcome.ok) setAnswer(outcome.value);
          }}
        >
          <SelectField
            label="Provision a"
            name="objectType"
            value={type}
            onChange={(value) => {
              setType(value as 'user' | 'group');
              setPicked(null);
            }}
            options={[
              { value: 'user', label: 'User' },
              { value: 'group', label: 'Group (at most 5 members)' },
            ]}
            error={run.errors.fields.objectType}
          />
          <PrincipalPicker
            type={type}
            selected={picked}
            onSelect={setPicked}
            error={run.errors.fields.subject}
          />
        </Form>
      </div>
      <div aria-live="polite">
        {answer ? (
          <section aria-labelledby="on-demand-results">
            <h2 id="on-demand-results">
              {answer.results.length === 1
                ? 'Result'
                : `Results (${answer.results.length} objects)`}
            </h2>
            {answer.results.map((result) => (
              <OnDemandResultView key={`${result.objectType}-${result.sourceId}`} result={result} />
            ))}
          </section>
        ) : null}
      </div>
    </section>
  );
}
