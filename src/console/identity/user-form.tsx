/**
 * A directory user's attributes as a form, for a new user and for editing one. Every error the
 * API names a field for ("employeeId has 20 characters; at most 16 are allowed") shows under
 * that field. On save, only changed attributes are sent; an emptied one is cleared.
 *
 * Example: <UserForm user={user} onSave={(change) => api.updateUser(user.id, change)} />
 */
import { useState } from 'react';
import type { DirectoryUser, UserTextField } from '../api/identity-api.ts';
import { CheckboxField, TextField } from '../ui/field.tsx';
import { Form } from '../ui/form.tsx';
import { useAction } from '../ui/use-action.ts';

const labels: [UserTextField, string][] = [
  ['displayName', 'Display name'],
  ['givenName', 'First name'],
  ['surname', 'Last name'],
  ['mail', 'Email'],
  ['jobTitle', 'Job title'],
  ['department', 'Department'],
  ['employeeId', 'Employee ID'],
  ['mobile', 'Mobile phone'],
  ['city', 'City'],
  ['country', 'Country or region'],
];

type Values = Record<UserTextField | 'userPrincipalName', string> & { accountEnabled: boolean };

function valuesOf(user: DirectoryUser | undefined): Values {
  const values = { userPrincipalName: user?.userPrincipalName ?? '' } as Values;
  for (const [name] of labels) values[name] = user?.[name] ?? '';
  values.accountEnabled = user?.accountEnabled ?? true;
  return values;
}

/** The attributes that differ from the user's (all filled ones for a new user). */
export function changesOf(
  user: DirectoryUser | undefined,
  values: Values,
): Record<string, unknown> {
  const before = valuesOf(user);
  const change: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values) as [keyof Values, string | boolean][]) {
    if (value === before[key] && user) continue;
    if (!user && (value === '' || (key === 'accountEnabled' && value === true))) continue;
    change[key] = typeof value === 'string' ? (value.trim() === '' ? null : value.trim()) : value;
  }
  return change;
}

export function UserForm(props: {
  user?: DirectoryUser | undefined;
  readOnly?: boolean;
  onSave: (change: Record<string, unknown>) => Promise<unknown>;
  submitLabel: string;
}) {
  const [values, setValues] = useState<Values>(() => valuesOf(props.user));
  const [saved, setSaved] = useState(false);
  const save = useAction(
    () => props.onSave(changesOf(props.user, values)),
    ['userPrincipalName', 'accountEnabled', ...labels.map(([name]) => name)],
  );
  const set = (name: keyof Values) => (value: string | boolean) => {
    setSaved(false);
    setValues((old) => ({ ...old, [name]: value }));
  };

  return (
    <Form
      label="User attributes"
      className="form form-grid"
      submitLabel={props.submitLabel}
      busyLabel="Saving…"
      errors={save.errors}
      busy={save.busy}
      readOnly={props.readOnly}
      onSubmit={async () => {
        if ((await save.run()).ok) setSaved(true);
      }}
      actions={saved ? <span role="status">Saved.</span> : null}
    >
      <TextField
        label="User principal name"
        name="userPrincipalName"
        value={values.userPrincipalName}
        onChange={set('userPrincipalName')}
        required
        hint="The sign-in name, name@domain."
        error={save.errors.fields.userPrincipalName}
        readOnly={props.readOnly}
      />
      {labels.map(([name, label]) => (
        <TextField
          key={name}
          label={label}
          name={name}
          value={values[name]}
          onChange={set(name)}
          error={save.errors.fields[name]}
          readOnly={props.readOnly}
        />
      ))}
      <CheckboxField
        label="Account enabled"
        name="accountEnabled"
        checked={values.accountEnabled}
        onChange={set('accountEnabled')}
        hint="A disabled account is deprovisioned (active = false) from apps."
        error={save.errors.fields.accountEnabled}
      />
    </Form>
  );
}
