/**
 * Soft delete and restore of a directory object: Delete asks first and says what it means (30
 * days to restore; memberships and assignments come back); a deleted object shows until when it
 * can be restored, and a Restore button.
 *
 * Example: <DeleteButton noun="user" name="Ann Lee" onDelete={del} />
 *          <DeletedNotice noun="user" deleted={u.deleted} restorableUntil={u.restorableUntil} canEdit onRestore={restore} />
 */
import { useState } from 'react';
import { ErrorAlert } from '../ui/alert.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { Form } from '../ui/form.tsx';
import { formatDate } from '../ui/format.ts';
import { useAction } from '../ui/use-action.ts';

export function DeletedNotice(props: {
  noun: 'user' | 'group';
  deleted: string;
  restorableUntil: string | null;
  canEdit: boolean;
  onRestore: () => Promise<unknown>;
}) {
  const restore = useAction(props.onRestore);
  return (
    <section className="card card-warning" aria-labelledby="deleted-heading">
      <h2 id="deleted-heading">This {props.noun} is deleted</h2>
      <p>
        Deleted {formatDate(props.deleted)}. It can be restored until{' '}
        {formatDate(props.restorableUntil)}, with its memberships and assignments; after that it is
        removed for good.
      </p>
      <ErrorAlert message={restore.errors.form} />
      {props.canEdit ? (
        <button
          type="button"
          className="primary"
          disabled={restore.busy}
          onClick={() => void restore.run()}
        >
          {restore.busy ? 'Restoring…' : `Restore ${props.noun}`}
        </button>
      ) : null}
    </section>
  );
}

export function DeleteButton(props: {
  noun: 'user' | 'group';
  name: string;
  onDelete: () => Promise<unknown>;
}) {
  const [confirming, setConfirming] = useState(false);
  const remove = useAction(props.onDelete);
  return (
    <>
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete {props.noun}
      </button>
      {confirming ? (
        <Dialog title={`Delete ${props.name}?`} onClose={() => setConfirming(false)}>
          <Form
            label={`Delete ${props.noun}`}
            submitLabel="Delete"
            busyLabel="Deleting…"
            errors={remove.errors}
            busy={remove.busy}
            onSubmit={async () => {
              if ((await remove.run()).ok) setConfirming(false);
            }}
            actions={
              <button type="button" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            }
          >
            <p>
              The {props.noun} can be restored for 30 days. Apps it is provisioned to see it
              {props.noun === 'user' ? ' disabled' : ' removed'} at their next cycle.
            </p>
          </Form>
        </Dialog>
      ) : null}
    </>
  );
}
