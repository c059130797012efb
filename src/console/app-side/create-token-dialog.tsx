/**
 * "Create token" (the tutorial's "API → Azure SCIM → enter the same password → copy the
 * Secret Token"): asks for the admin's password again, then shows the new token once, with a
 * copy button and the Base URL beside it. Closing the dialog forgets the token.
 *
 * Example: {open ? <CreateTokenDialog tenant="acme" onClose={close} onCreated={reload} /> : null}
 */
import { useState } from 'react';
import { useApis } from '../api/api-context.tsx';
import type { MintedToken } from '../api/app-api.ts';
import { CopyButton } from '../ui/copy-button.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { TextField } from '../ui/field.tsx';
import { Form } from '../ui/form.tsx';
import { useAction } from '../ui/use-action.ts';

export function CreateTokenDialog(props: {
  tenant: string;
  onClose: () => void;
  onCreated: () => void;
}) {
  const { app } = useApis();
  const [password, setPassword] = useState('');
  const [minted, setMinted] = useState<MintedToken>();
  const mint = useAction(() => app.mintToken(props.tenant, password), ['password'], 'password');

  if (minted)
    return (
      <Dialog title="Your new Secret Token" onClose={props.onClose}>
        <p className="warning" id="token-once">
          Copy the token now: this is the only time it is shown. Paste it as the{' '}
          <strong>Secret Token</strong> in your identity provider, with the Base URL as the{' '}
          <strong>Tenant URL</strong>.
        </p>
        <div className="secret-row">
          <label htmlFor="minted-token">Secret Token</label>
          <input
            id="minted-token"
            className="mono"
            readOnly
            value={minted.token}
            aria-describedby="token-once"
            onFocus={(event) => event.target.select()}
          />
          <CopyButton value={minted.token} label="Copy token" />
        </div>
        <div className="secret-row">
          <label htmlFor="minted-base-url">Base URL</label>
          <input id="minted-base-url" className="mono" readOnly value={minted.baseUrl} />
          <CopyButton value={minted.baseUrl} label="Copy Base URL" />
        </div>
        <div className="form-actions">
          <button type="button" className="primary" onClick={props.onClose}>
            Done
          </button>
        </div>
      </Dialog>
    );

  return (
    <Dialog title="Create a Secret Token" onClose={props.onClose}>
      <Form
        label="Confirm your password"
        submitLabel="Create token"
        busyLabel="Creating…"
        errors={mint.errors}
        busy={mint.busy}
        onSubmit={async () => {
          const result = await mint.run();
          if (result.ok) {
            setPassword('');
            setMinted(result.value);
            props.onCreated();
          }
        }}
        actions={
          <button type="button" onClick={props.onClose}>
            Cancel
          </button>
        }
      >
        <p>Enter your password again to create a token for SCIM provisioning.</p>
        <TextField
          label="Password"
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          autoFocus
          error={mint.errors.fields.password}
        />
      </Form>
    </Dialog>
  );
}
