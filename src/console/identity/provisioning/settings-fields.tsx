/**
 * The blade's Settings: Notification Email and "Send an email notification when a failure
 * occurs", accidental deletion prevention (threshold), skip out-of-scope deletions, Scope,
 * the interval between cycles, Roster's extras (nested groups, Bulk), and Provisioning Status.
 *
 * Example: <SettingsFields values={values} set={set} errors={errors} job={job} canEdit />
 */
import type { JobView } from '../../api/provisioning-types.ts';
import { CheckboxField, SelectField, TextField } from '../../ui/field.tsx';
import { RadioField } from '../../ui/radio-field.tsx';
import type { ConfigureValues } from './configure-values.ts';

type Setter = <K extends keyof ConfigureValues>(name: K) => (value: ConfigureValues[K]) => void;

export function SettingsFields(props: {
  values: ConfigureValues;
  set: Setter;
  errors: Record<string, string>;
  job: JobView;
  canEdit: boolean;
}) {
  const { values, set, errors } = props;
  const readOnly = !props.canEdit;
  return (
    <>
      <section className="card" aria-labelledby="settings-heading">
        <h2 id="settings-heading">Settings</h2>
        <div className="form-grid">
          <TextField
            label="Notification Email"
            name="notificationEmail"
            type="email"
            value={values.notificationEmail}
            onChange={set('notificationEmail')}
            hint="Who hears about quarantine and held deletes."
            error={errors.notificationEmail}
            readOnly={readOnly}
          />
          <CheckboxField
            label="Send an email notification when a failure occurs"
            name="sendFailureEmail"
            checked={values.sendFailureEmail}
            onChange={set('sendFailureEmail')}
            error={errors.sendFailureEmail}
          />
          <CheckboxField
            label="Prevent accidental deletion"
            name="preventDeletes"
            checked={values.preventDeletes}
            onChange={set('preventDeletes')}
            hint="A cycle that would disable or delete more accounts than the threshold stops and waits for you."
          />
          {values.preventDeletes ? (
            <TextField
              label="Accidental deletion threshold"
              name="deletionThreshold"
              type="number"
              min={1}
              value={values.deletionThreshold}
              onChange={set('deletionThreshold')}
              error={errors.deletionThreshold}
              readOnly={readOnly}
            />
          ) : null}
          <CheckboxField
            label="Skip out-of-scope deletions"
            name="skipOutOfScopeDeletions"
            checked={values.skipOutOfScopeDeletions}
            onChange={set('skipOutOfScopeDeletions')}
            hint="Users who leave scope (unassigned, filtered out) stay as they are in the app."
            error={errors.skipOutOfScopeDeletions}
          />
          <SelectField
            label="Scope"
            name="scope"
            value={values.scope}
            onChange={(scope) => set('scope')(scope as ConfigureValues['scope'])}
            options={[
              { value: 'assigned', label: 'Sync only assigned users and groups' },
              { value: 'all', label: 'Sync all users and groups' },
            ]}
            error={errors.scope}
          />
          <TextField
            label="Interval between cycles (seconds)"
            name="intervalSeconds"
            type="number"
            min={1}
            value={values.intervalSeconds}
            onChange={set('intervalSeconds')}
            hint="Entra runs every 40 minutes (2400 s); Roster lets you choose, from 1 s to a week."
            error={errors.intervalSeconds}
            readOnly={readOnly}
          />
          <CheckboxField
            label="Provision the members of nested groups"
            name="flattenNestedGroups"
            checked={values.flattenNestedGroups}
            onChange={set('flattenNestedGroups')}
            error={errors.flattenNestedGroups}
          />
          <CheckboxField
            label="Use SCIM Bulk requests when the app offers them"
            name="useBulk"
            checked={values.useBulk}
            onChange={set('useBulk')}
            hint={props.job.limits.bulk ? undefined : "This app's template does not use Bulk."}
            error={errors.useBulk}
          />
        </div>
      </section>
      <section className="card" aria-labelledby="status-heading">
        <h2 id="status-heading">Provisioning Status</h2>
        <RadioField
          label="Provisioning Status"
          name="status"
          value={values.status}
          onChange={(status) => set('status')(status as ConfigureValues['status'])}
          options={[
            { value: 'on', label: 'On' },
            { value: 'off', label: 'Off' },
          ]}
          hint="On: the first cycle starts when you save, then one every interval."
          error={errors.status}
          disabled={readOnly}
          legendHidden
        />
      </section>
    </>
  );
}
