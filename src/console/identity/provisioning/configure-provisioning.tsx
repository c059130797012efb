/**
 * Edit provisioning (the tutorial's Provisioning blade, top to bottom): Provisioning Mode,
 * Admin Credentials with Test Connection, Mappings, Settings (notification email, accidental
 * deletions, scope, interval) and Provisioning Status, then Save. Save sends the credentials
 * when typed, the settings that changed, then Start or Stop; each refusal shows next to its field.
 *
 * Example: <ConfigureProvisioning app={app} job={job} base={base} canEdit onSaved={reload} />
 */
import { useMemo, useState } from 'react';
import { useApis } from '../../api/api-context.tsx';
import { ApiFailure } from '../../api/http.ts';
import type { EnterpriseApp } from '../../api/identity-api.ts';
import type { JobView } from '../../api/provisioning-types.ts';
import { Link } from '../../router.tsx';
import { Notice } from '../../ui/alert.tsx';
import { Form } from '../../ui/form.tsx';
import { RadioField } from '../../ui/radio-field.tsx';
import { useAction } from '../../ui/use-action.ts';
import { AdminCredentials } from './admin-credentials.tsx';
import { type ConfigureValues, isEmptyPlan, planSave, valuesOf } from './configure-values.ts';
import { ObjectMappingsCard } from './object-mappings-card.tsx';
import { SettingsFields } from './settings-fields.tsx';

const fields = [
  'mode',
  'tenantUrl',
  'secretToken',
  'notificationEmail',
  'sendFailureEmail',
  'deletionThreshold',
  'skipOutOfScopeDeletions',
  'scope',
  'status',
  'intervalSeconds',
  'flattenNestedGroups',
  'useBulk',
];

/** Where an API refusal that names another field shows on this form. */
const aliases: Record<string, string> = { credentials: 'tenantUrl', settings: 'mode' };

export function ConfigureProvisioning(props: {
  app: EnterpriseApp;
  job: JobView;
  base: string;
  canEdit: boolean;
  onSaved: (job: JobView) => void;
}) {
  const { provisioning } = useApis();
  const [values, setValues] = useState<ConfigureValues>(() => valuesOf(props.job));
  const [saved, setSaved] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const set =
    <K extends keyof ConfigureValues>(name: K) =>
    (value: ConfigureValues[K]) => {
      setSaved('');
      setValues((old) => ({ ...old, [name]: value }));
    };

  const save = useAction(async () => {
    const plan = planSave(props.job, values);
    setLocal(plan.errors);
    if (Object.keys(plan.errors).length > 0) return null;
    if (isEmptyPlan(plan)) return props.job;
    let job = props.job;
    try {
      if (plan.credentials) job = await provisioning.setCredentials(props.app.id, plan.credentials);
      if (Object.keys(plan.settings).length > 0)
        job = await provisioning.updateSettings(props.app.id, plan.settings);
      if (plan.status) job = await provisioning[plan.status](props.app.id);
    } catch (error) {
      if (error instanceof ApiFailure && error.field && aliases[error.field])
        throw new ApiFailure(error.status, error.code, error.message, aliases[error.field]);
      throw error;
    } finally {
      if (job !== props.job) props.onSaved(job);
    }
    return job;
  }, fields);
  // One object per change of errors: the form moves the focus to the first one when it changes.
  const formErrors = useMemo(
    () => ({ fields: { ...save.errors.fields, ...local }, form: save.errors.form }),
    [save.errors, local],
  );
  const errors = formErrors.fields;

  return (
    <Form
      label="Provisioning"
      submitLabel="Save"
      busyLabel="Saving…"
      errors={formErrors}
      busy={save.busy}
      readOnly={!props.canEdit}
      className="form form-wide"
      onSubmit={async () => {
        const outcome = await save.run();
        if (!outcome.ok || outcome.value === null) return;
        const job = outcome.value;
        setValues(valuesOf(job));
        setSaved(
          job.enabled
            ? `Saved. Provisioning is on: ${job.initialPending ? 'the initial cycle' : 'the next cycle'} runs on the interval.`
            : 'Saved.',
        );
      }}
      actions={
        saved ? (
          <Notice>
            {saved} <Link to={props.base}>Watch its progress in Current status</Link>.
          </Notice>
        ) : null
      }
    >
      <section className="card" aria-labelledby="mode-heading">
        <h2 id="mode-heading">Provisioning Mode</h2>
        <RadioField
          label="Provisioning Mode"
          name="mode"
          value={values.mode}
          onChange={(mode) => set('mode')(mode as ConfigureValues['mode'])}
          options={[
            { value: 'manual', label: 'Manual' },
            { value: 'automatic', label: 'Automatic' },
          ]}
          hint="Automatic: Roster creates, updates and disables accounts in the app. Manual: nothing runs."
          error={errors.mode}
          disabled={!props.canEdit}
          legendHidden
        />
      </section>
      <AdminCredentials
        app={props.app.id}
        job={props.job}
        values={values}
        set={(name) => (value) => set(name)(value)}
        errors={errors}
        readOnly={!props.canEdit}
      />
      <ObjectMappingsCard app={props.app} base={props.base} canEdit={props.canEdit} />
      <SettingsFields
        values={values}
        set={set}
        errors={errors}
        job={props.job}
        canEdit={props.canEdit}
      />
    </Form>
  );
}
