/**
 * The tenant's Secret Tokens: prefix, created, last used and status, never a secret. Revoking
 * asks first, then takes effect at once (the IdP's next request gets 401).
 *
 * Example: <TokenTable tenant="acme" tokens={rows} onChanged={reload} />
 */
import { useState } from 'react';
import { useApis } from '../api/api-context.tsx';
import type { TokenRow } from '../api/app-api.ts';
import { Notice } from '../ui/alert.tsx';
import { Dialog } from '../ui/dialog.tsx';
import { Form } from '../ui/form.tsx';
import { formatDate } from '../ui/format.ts';
import { useAction } from '../ui/use-action.ts';

export function TokenTable(props: { tenant: string; tokens: TokenRow[]; onChanged: () => void }) {
  const { app } = useApis();
  const [revoking, setRevoking] = useState<TokenRow>();
  const [done, setDone] = useState('');
  const revoke = useAction((id: string) => app.revokeToken(props.tenant, id));

  if (props.tokens.length === 0)
    return <p className="empty">No tokens yet. Create one to connect an identity provider.</p>;
  return (
    <>
      <Notice>{done}</Notice>
      <table className="table">
        <caption className="visually-hidden">Secret Tokens of {props.tenant}</caption>
        <thead>
          <tr>
            <th scope="col">Token</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.tokens.map((token) => (
            <tr key={token.id}>
              <td className="mono">{token.prefix}…</td>
              <td title={token.created}>{formatDate(token.created)}</td>
              <td title={token.lastUsed ?? ''}>{formatDate(token.lastUsed)}</td>
              <td>
                {token.revoked ? (
                  <span className="badge badge-off">Revoked {formatDate(token.revoked)}</span>
                ) : (
                  <span className="badge badge-on">Active</span>
                )}
              </td>
              <td>
                {token.revoked ? null : (
                  <button
                    type="button"
                    className="danger"
                    onClick={() => setRevoking(token)}
                    aria-label={`Revoke token ${token.prefix}…`}
                  >
                    Revoke
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {revoking ? (
        <Dialog title="Revoke this token?" onClose={() => setRevoking(undefined)}>
          <Form
            label="Revoke token"
            submitLabel="Revoke"
            busyLabel="Revoking…"
            errors={revoke.errors}
            busy={revoke.busy}
            onSubmit={async () => {
              const target = revoking;
              if ((await revoke.run(target.id)).ok) {
                setRevoking(undefined);
                setDone(`Token ${target.prefix}… is revoked.`);
                props.onChanged();
              }
            }}
            actions={
              <button type="button" onClick={() => setRevoking(undefined)}>
                Cancel
              </button>
            }
          >
            <p>
              Token <span className="mono">{revoking.prefix}…</span> stops working at once: an
              identity provider still using it gets 401 and its provisioning stops.
            </p>
          </Form>
        </Dialog>
      ) : null}
    </>
  );
}
