/**
 * Admin Credentials (the tutorial's "input the Base URL and the Secret Token … select Test
 * Connection"): the Tenant URL, the Secret Token (write-only: a stored one reads "set"), and
 * Test Connection, which tries what is typed (or stored) and says the result in words.
 *
 * Example: <AdminCredentials app={id} job={job} values={v} set={set} errors={errors.fields} />
 */
import { useState } from 'react';
import { useApis } from '../../api/api-context.tsx';
import type { ConnectionTest, JobView } from '../../api/provisioning-types.ts';
import { TextField } from '../../ui/field.tsx';
import { formatDate } from '../../ui/format.ts';
import { useAction } from '../../ui/use-action.ts';
import type { ConfigureValues } from './configure-values.ts';

export function AdminCredentials(props: {
  app: string;
  job: JobView;
  values: ConfigureValues;
  set: (name: 'tenantUrl' | 'secretToken') => (value: string) => void;
  errors: Record<string, string>;
  readOnly: boolean;
}) {
  const { provisioning } = useApis();
  const [result, setResult] = useState<ConnectionTest>();
  const test = useAction(() => {
    setResult(undefined);
    const tenantUrl = props.values.tenantUrl.trim();
    const secretToken = props.values.secretToken.trim();
    return provisioning.testConnection(props.app, {
      ...(tenantUrl && { tenantUrl }),
      ...(secretToken && { secretToken }),
    });
  }, ['tenantUrl', 'secretToken']);
  const stored = props.job.credentials;

  return (
    <section className="card" aria-labelledby="credentials-heading">
      <h2 id="credentials-heading">Admin Credentials</h2>
      <p className="muted">
        The app's SCIM Base URL and a Secret Token created in its admin console.
      </p>
      <TextField
        label="Tenant URL"
        name="tenantUrl"
        type="url"
        value={props.values.tenantUrl}
        onChange={props.set('tenantUrl')}
        placeholder="https://app.example.com/scim/v2"
        error={props.errors.tenantUrl ?? test.errors.fields.tenantUrl}
        readOnly={props.readOnly}
      />
      <TextField
        label="Secret Token"
        name="secretToken"
        type="password"
        autoComplete="off"
        value={props.values.secretToken}
        onChange={props.set('secretToken')}
        placeholder={stored ? 'set' : ''}
        hint={
          stored
            ? `A token is set (saved ${formatDate(stored.updated)}); it is never shown. Type a new one to replace it.`
            : 'Stored encrypted; never shown again.'
        }
        error={props.errors.secretToken ?? test.errors.fields.secretToken}
        readOnly={props.readOnly}
      />
      {props.readOnly ? null : (
        <div className="form-actions">
          <button
            type="button"
            disabled={test.busy}
            aria-busy={test.busy}
            onClick={async () => {
              const outcome = await test.run();
              if (outcome.ok) setResult(outcome.value);
            }}
          >
            {test.busy ? 'Testing…' : 'Test Connection'}
          </button>
        </div>
      )}
      <div role="status" aria-live="polite">
        {result ? (
          <p className={result.ok ? 'test-result ok' : 'test-result failed'}>
            <strong>{result.ok ? '✓ The connection works.' : '✗ The connection failed.'}</strong>{' '}
            {result.message}
            {result.detail && !result.ok ? ` The app said: ${result.detail}` : ''}
          </p>
        ) : null}
        {test.errors.form ? <p className="field-error">{test.errors.form}</p> : null}
      </div>
    </section>
  );
}
