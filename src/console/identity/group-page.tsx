/**
 * One directory group: edit it, list its direct members (add a user, remove one), soft-delete or
 * restore it. Without an id it is the "New group" form.
 *
 * Example: <GroupPage id="c754…" canEdit />
 */
import { useState } from 'react';
import { useApis } from '../api/api-context.tsx';
import type { DirectoryGroup } from '../api/identity-api.ts';
import { Link, navigate } from '../router.tsx';
import { ErrorAlert } from '../ui/alert.tsx';
import { CheckboxField, TextField } from '../ui/field.tsx';
import { Form } from '../ui/form.tsx';
import { Loaded } from '../ui/loaded.tsx';
import { PageHeader } from '../ui/shell.tsx';
import { useAction } from '../ui/use-action.ts';
import { useAsync } from '../ui/use-async.ts';
import { type Principal, PrincipalPicker } from './principal-picker.tsx';
import { DeleteButton, DeletedNotice } from './soft-delete.tsx';

export function GroupPage({ id, canEdit }: { id?: string; canEdit: boolean }) {
  const { identity } = useApis();
  if (!id)
    return (
      <>
        <PageHeader title="New group">
          <Link to="/identity/groups">Back to groups</Link>
        </PageHeader>
        <section className="card">
          <GroupForm
            submitLabel="Create group"
            canEdit={canEdit}
            onSave={async (body) => {
              const group = await identity.addGroup(body);
              navigate(`/identity/groups/${group.id}`, { replace: true });
            }}
          />
        </section>
      </>
    );
  return <ExistingGroup id={id} canEdit={canEdit} />;
}

function GroupForm(props: {
  group?: DirectoryGroup;
  canEdit: boolean;
  submitLabel: string;
  onSave: (body: Record<string, unknown>) => Promise<unknown>;
}) {
  const [displayName, setDisplayName] = useState(props.group?.displayName ?? '');
  const [description, setDescription] = useState(props.group?.description ?? '');
  const [mailNickname, setMailNickname] = useState(props.group?.mailNickname ?? '');
  const [securityEnabled, setSecurityEnabled] = useState(props.group?.securityEnabled ?? true);
  const [saved, setSaved] = useState(false);
  const save = useAction(
    () =>
      props.onSave({
        displayName: displayName.trim(),
        description: description.trim() || null,
        mailNickname: mailNickname.trim() || null,
        securityEnabled,
      }),
    ['displayName', 'description', 'mailNickname', 'securityEnabled'],
  );
  return (
    <Form
      label="Group properties"
      submitLabel={props.submitLabel}
      busyLabel="Saving…"
      errors={save.errors}
      busy={save.busy}
      readOnly={!props.canEdit}
      onSubmit={async () => {
        setSaved((await save.run()).ok);
      }}
      actions={saved ? <span role="status">Saved.</span> : null}
    >
      <TextField
        label="Display name"
        name="displayName"
        value={displayName}
        onChange={setDisplayName}
        required
        error={save.errors.fields.displayName}
        readOnly={!props.canEdit}
      />
      <TextField
        label="Description"
        name="description"
        value={description}
        onChange={setDescription}
        error={save.errors.fields.description}
        readOnly={!props.canEdit}
      />
      <TextField
        label="Mail nickname"
        name="mailNickname"
        value={mailNickname}
        onChange={setMailNickname}
        error={save.errors.fields.mailNickname}
        readOnly={!props.canEdit}
      />
      <CheckboxField
        label="Security group"
        name="securityEnabled"
        checked={securityEnabled}
        onChange={setSecurityEnabled}
        error={save.errors.fields.securityEnabled}
      />
    </Form>
  );
}

function ExistingGroup({ id, canEdit }: { id: string; canEdit: boolean }) {
  const { identity } = useApis();
  const group = useAsync(() => identity.group(id), [id]);
  const members = useAsync(() => identity.members(id), [id]);
  const [picked, setPicked] = useState<Principal | null>(null);
  const add = useAction(async () => {
    if (!picked) throw new Error('Choose a user to add first.');
    await identity.addMembers(id, [picked.id]);
    setPicked(null);
    await members.reload();
  });
  const remove = useAction(async (member: string) => {
    await identity.removeMember(id, member);
    await members.reload();
  });

  return (
    <Loaded state={group} what="group">
      {(found) => (
        <>
          <PageHeader
            title={found.displayName}
            actions={
              canEdit && !found.deleted ? (
                <DeleteButton
                  noun="group"
                  name={found.displayName}
                  onDelete={async () => {
                    await identity.deleteGroup(found.id);
                    await group.reload();
                  }}
                />
              ) : null
            }
          >
            <Link to="/identity/groups">Groups</Link> › {found.displayName}
          </PageHeader>
          {found.deleted ? (
            <DeletedNotice
              noun="group"
              deleted={found.deleted}
              restorableUntil={found.restorableUntil}
              canEdit={canEdit}
              onRestore={async () => {
                await identity.restoreGroup(found.id);
                await group.reload();
              }}
            />
          ) : (
            <section className="card" aria-labelledby="group-props">
              <h2 id="group-props">Properties</h2>
              <GroupForm
                key={found.id}
                group={found}
                canEdit={canEdit}
                submitLabel="Save"
                onSave={async (body) => {
                  await identity.updateGroup(found.id, body);
                  await group.reload();
                }}
              />
            </section>
          )}
          <section className="card" aria-labelledby="members-heading">
            <h2 id="members-heading">Members</h2>
            <ErrorAlert message={remove.errors.form} />
            <Loaded state={members} what="members">
              {(list) =>
                list.length === 0 ? (
                  <p className="empty">No members yet.</p>
                ) : (
                  <table className="table">
                    <thead>
                      <tr>
                        <th scope="col">Name</th>
                        <th scope="col">Type</th>
                        <th scope="col">
                          <span className="visually-hidden">Actions</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.map((member) => (
                        <tr key={member.id}>
                          <td>
                            <Link to={`/identity/${member.type}s/${member.id}`}>
                              {member.displayName ?? member.id}
                            </Link>
                            {member.deleted ? ' (deleted)' : ''}
                          </td>
                          <td>{member.type === 'user' ? 'User' : 'Group'}</td>
                          <td>
                            {canEdit ? (
                              <button
                                type="button"
                                disabled={remove.busy}
                                onClick={() => void remove.run(member.id)}
                                aria-label={`Remove ${member.displayName ?? member.id} from the group`}
                              >
                                Remove
                              </button>
                            ) : null}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )
              }
            </Loaded>
            {canEdit && !found.deleted ? (
              <Form
                label="Add a member"
                submitLabel="Add member"
                busyLabel="Adding…"
                errors={add.errors}
                busy={add.busy}
                onSubmit={() => add.run()}
              >
                <h3>Add a member</h3>
                <PrincipalPicker type="user" selected={picked} onSelect={setPicked} />
              </Form>
            ) : null}
          </section>
        </>
      )}
    </Loaded>
  );
}
