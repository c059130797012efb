/**
 * An app's Users and groups (the tutorial's "Assign users to Wrike"): who is assigned, as which
 * role, and whether that role is provisioned; "Add user/group" with a role; Unassign.
 * Assignments with "Default Access" grant access but are never provisioned, and say so.
 *
 * Example: <AssignmentsTab app={app} canEdit />
 */
import { useState } from 'react';
import { useApis } from '../api/api-context.tsx';
import type { EnterpriseApp } from '../api/identity-api.ts';
import { Link } from '../router.tsx';
import { ErrorAlert, Notice } from '../ui/alert.tsx';
import { SelectField } from '../ui/field.tsx';
import { Form } from '../ui/form.tsx';
import { formatDate } from '../ui/format.ts';
import { Loaded } from '../ui/loaded.tsx';
import { useAction } from '../ui/use-action.ts';
import { useAsync } from '../ui/use-async.ts';
import { type Principal, PrincipalPicker } from './principal-picker.tsx';

export function AssignmentsTab({ app, canEdit }: { app: EnterpriseApp; canEdit: boolean }) {
  const { identity } = useApis();
  const assignments = useAsync(() => identity.assignments(app.id), [app.id]);
  const [adding, setAdding] = useState(false);
  const [done, setDone] = useState('');
  const unassign = useAction(async (id: string, name: string) => {
    await identity.unassign(app.id, id);
    setDone(`${name} is no longer assigned.`);
    await assignments.reload();
  });

  return (
    <section aria-labelledby="assignments-heading">
      <div className="section-head">
        <h2 id="assignments-heading">Users and groups</h2>
        {canEdit && !adding ? (
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Add user/group
          </button>
        ) : null}
      </div>
      <p>Only assigned users, and the members of assigned groups, are provisioned to {app.name}.</p>
      {adding ? (
        <AddAssignment
          app={app}
          onDone={async (message) => {
            setAdding(false);
            if (message) {
              setDone(message);
              await assignments.reload();
            }
          }}
        />
      ) : null}
      <Notice>{done}</Notice>
      <ErrorAlert message={unassign.errors.form} />
      <Loaded state={assignments} what="assignments">
        {(list) =>
          list.length === 0 ? (
            <p className="empty">Nobody is assigned yet.</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">Assignments of {app.name}</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Type</th>
                  <th scope="col">Role</th>
                  <th scope="col">Provisioned</th>
                  <th scope="col">Assigned</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((a) => {
                  const name = a.principalDisplayName ?? a.principalId;
                  return (
                    <tr key={a.id}>
                      <td>
                        <Link to={`/identity/${a.principalType}s/${a.principalId}`}>{name}</Link>
                      </td>
                      <td>{a.principalType === 'user' ? 'User' : 'Group'}</td>
                      <td>{a.roleDisplayName}</td>
                      <td>{a.provisioned ? 'Yes' : 'No (Default Access is never provisioned)'}</td>
                      <td title={a.created}>{formatDate(a.created)}</td>
                      <td>
                        {canEdit ? (
                          <button
                            type="button"
                            disabled={unassign.busy}
                            onClick={() => void unassign.run(a.id, name)}
                            aria-label={`Unassign ${name}`}
                          >
                            Unassign
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )
        }
      </Loaded>
    </section>
  );
}

function AddAssignment(props: { app: EnterpriseApp; onDone: (message?: string) => void }) {
  const { identity } = useApis();
  const [type, setType] = useState<'user' | 'group'>('group');
  const [picked, setPicked] = useState<Principal | null>(null);
  const roles = props.app.appRoles.filter(
    (role) => !role.allowedMemberTypes || role.allowedMemberTypes.includes(type),
  );
  const [role, setRole] = useState(roles[0]?.id ?? '');
  const assign = useAction(async () => {
    if (!picked)
      throw new Error(`Choose a ${type} first: type the start of a name, then pick one.`);
    return identity.assign(props.app.id, {
      principalType: type,
      principalId: picked.id,
      role,
    });
  }, ['principalId', 'role', 'principalType']);
  const chosenRole = roles.find((r) => r.id === role);

  return (
    <div className="card">
      <Form
        label="Add assignment"
        submitLabel="Assign"
        busyLabel="Assigning…"
        errors={assign.errors}
        busy={assign.busy}
        onSubmit={async () => {
          const result = await assign.run();
          if (result.ok)
            props.onDone(
              `${result.value.principalDisplayName ?? picked?.label} is assigned as ${result.value.roleDisplayName}.`,
            );
        }}
        actions={
          <button type="button" onClick={() => props.onDone()}>
            Cancel
          </button>
        }
      >
        <h3>Add assignment</h3>
        <SelectField
          label="Assign a"
          name="principalType"
          value={type}
          onChange={(value) => {
            setType(value as 'user' | 'group');
            setPicked(null);
          }}
          options={[
            { value: 'group', label: 'Group' },
            { value: 'user', label: 'User' },
          ]}
          error={assign.errors.fields.principalType}
        />
        <PrincipalPicker
          type={type}
          selected={picked}
          onSelect={setPicked}
          error={assign.errors.fields.principalId}
        />
        <SelectField
          label="Role"
          name="role"
          value={role}
          onChange={setRole}
          options={roles.map((r) => ({ value: r.id, label: r.displayName }))}
          hint={
            chosenRole?.provisioned === false
              ? 'Default Access grants sign-in only: these users are not provisioned.'
              : chosenRole?.description
          }
          error={assign.errors.fields.role}
        />
      </Form>
    </div>
  );
}
