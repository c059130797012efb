/**
 * "Restart provisioning": the next cycle is an initial one; the checkboxes choose what else is
 * reset (Entra's restart scopes). Watermark, escrows and quarantine are ticked by default.
 *
 * Example: {open ? <RestartDialog app={app.id} onClose={close} onRestarted={reload} /> : null}
 */
import { useState } from 'react';
import { useApis } from '../../api/api-context.tsx';
import { type ResetScope, resetScopes } from '../../api/provisioning-types.ts';
import { Dialog } from '../../ui/dialog.tsx';
import { CheckboxField } from '../../ui/field.tsx';
import { Form } from '../../ui/form.tsx';
import { useAction } from '../../ui/use-action.ts';

export const defaultResets: readonly ResetScope[] = ['watermark', 'escrows', 'quarantine'];

const labels: Record<ResetScope, [string, string]> = {
  watermark: [
    'Clear the watermark',
    'Read every object in scope again, not only the changes since the last cycle.',
  ],
  escrows: [
    'Clear the escrows',
    'Objects that failed are tried at once, not after their back-off.',
  ],
  quarantine: ['Leave quarantine', 'The job runs on its interval again.'],
  forceDeletes: [
    'Allow held deletes',
    'The next cycle carries out disables and deletes whatever the accidental-deletion threshold.',
  ],
  full: [
    'Full restart',
    'Forget every link to the app’s accounts: the next cycle matches each object again.',
  ],
};

export function RestartDialog(props: {
  app: string;
  onClose: () => void;
  onRestarted: (message: string) => void;
}) {
  const { provisioning } = useApis();
  const [chosen, setChosen] = useState<Set<ResetScope>>(() => new Set(defaultResets));
  const restart = useAction(() =>
    provisioning.restart(
      props.app,
      resetScopes.filter((scope) => chosen.has(scope)),
    ),
  );
  const toggle = (scope: ResetScope) => (on: boolean) =>
    setChosen((old) => {
      const next = new Set(old);
      if (on) next.add(scope);
      else next.delete(scope);
      return next;
    });

  return (
    <Dialog title="Restart provisioning" onClose={props.onClose}>
      <Form
        label="Restart provisioning"
        submitLabel="Restart"
        busyLabel="Restarting…"
        errors={restart.errors}
        busy={restart.busy}
        onSubmit={async () => {
          if ((await restart.run()).ok) {
            props.onRestarted('Restarted: the next cycle is an initial one.');
            props.onClose();
          }
        }}
        actions={
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        }
      >
        <p>The next cycle is an initial one. Also reset:</p>
        {resetScopes.map((scope) => (
          <CheckboxField
            key={scope}
            label={labels[scope][0]}
            name={scope}
            checked={chosen.has(scope)}
            onChange={toggle(scope)}
            hint={labels[scope][1]}
          />
        ))}
      </Form>
    </Dialog>
  );
}
