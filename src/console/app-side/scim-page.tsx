/**
 * Apps & Integrations → SCIM: the tenant's Base URL with a copy button, "Create token" (password
 * prompt, then the token shown once), and the list of tokens with revoke. The tutorial's steps
 * 3 to 6 on the app side.
 *
 * Example: <ScimPage tenant="acme" baseUrl="http://localhost:8080/scim/v2/acme" />
 */
import { useState } from 'react';
import { useApis } from '../api/api-context.tsx';
import { CopyButton } from '../ui/copy-button.tsx';
import { Loaded } from '../ui/loaded.tsx';
import { PageHeader } from '../ui/shell.tsx';
import { useAsync } from '../ui/use-async.ts';
import { CreateTokenDialog } from './create-token-dialog.tsx';
import { TokenTable } from './token-table.tsx';

export function ScimPage(props: { tenant: string; baseUrl: string }) {
  const { app } = useApis();
  const [creating, setCreating] = useState(false);
  const tokens = useAsync(() => app.tokens(props.tenant), [props.tenant]);

  return (
    <>
      <PageHeader title="SCIM provisioning">
        Let Microsoft Entra ID, Okta or any SCIM 2.0 identity provider create, update and deactivate
        this tenant's users. Give the provider the Base URL and a Secret Token.
      </PageHeader>

      <section className="card" aria-labelledby="base-url-heading">
        <h2 id="base-url-heading">Base URL</h2>
        <p id="base-url-help">The identity provider's "Tenant URL".</p>
        <div className="secret-row">
          <label htmlFor="base-url" className="visually-hidden">
            Base URL
          </label>
          <input
            id="base-url"
            className="mono"
            readOnly
            value={props.baseUrl}
            aria-describedby="base-url-help"
            onFocus={(event) => event.target.select()}
          />
          <CopyButton value={props.baseUrl} label="Copy Base URL" />
        </div>
      </section>

      <section className="card" aria-labelledby="tokens-heading">
        <div className="section-head">
          <h2 id="tokens-heading">Secret Tokens</h2>
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            Create token
          </button>
        </div>
        <p>
          A token does not expire; revoke it when the identity provider no longer needs it. Only its
          first characters are kept for this list.
        </p>
        <Loaded state={tokens} what="tokens">
          {(rows) => (
            <TokenTable tenant={props.tenant} tokens={rows} onChanged={() => tokens.reload()} />
          )}
        </Loaded>
      </section>

      {creating ? (
        <CreateTokenDialog
          tenant={props.tenant}
          onClose={() => setCreating(false)}
          onCreated={() => tokens.reload()}
        />
      ) : null}
    </>
  );
}
