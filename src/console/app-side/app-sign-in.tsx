/**
 * The app side's sign-in (the tutorial's "Sign in to your Wrike admin console"): the tenant, a
 * tenant admin's email and password. Wrong passwords and lockouts come back from the API in
 * words and show next to the password.
 *
 * Example: <AppSignIn tenant="acme" onSignedIn={(tenant) => navigate(`/app/${tenant}/integrations`)} />
 */
import { useState } from 'react';
import { useApis } from '../api/api-context.tsx';
import { ApiFailure } from '../api/http.ts';
import { TextField } from '../ui/field.tsx';
import { Form } from '../ui/form.tsx';
import { useAction } from '../ui/use-action.ts';

export const lastTenantKey = 'roster.lastTenant';

export function AppSignIn(props: { tenant?: string; onSignedIn: (tenant: string) => void }) {
  const { app } = useApis();
  const [tenant, setTenant] = useState(
    props.tenant ?? globalThis.localStorage?.getItem(lastTenantKey) ?? '',
  );
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useAction(
    async () => {
      if (!tenant.trim())
        throw new ApiFailure(400, 'invalid', 'enter the tenant name, e.g. wrike-demo', 'tenant');
      const session = await app.signIn(tenant.trim(), email.trim(), password);
      globalThis.localStorage?.setItem(lastTenantKey, session.tenant);
      return session;
    },
    ['tenant', 'email', 'password'],
    'password',
  );

  return (
    <div className="sign-in">
      <h1>Sign in to the app console</h1>
      <p className="page-lead">
        The SaaS app's side (the tutorial's Wrike): a tenant admin turns on SCIM, copies the Base
        URL and creates a Secret Token for the identity provider.
      </p>
      <Form
        label="Tenant admin sign-in"
        submitLabel="Sign in"
        busyLabel="Signing in…"
        errors={signIn.errors}
        busy={signIn.busy}
        onSubmit={async () => {
          const result = await signIn.run();
          if (result.ok) props.onSignedIn(result.value.tenant);
        }}
      >
        <TextField
          label="Tenant"
          name="tenant"
          value={tenant}
          onChange={setTenant}
          readOnly={props.tenant !== undefined}
          autoComplete="organization"
          autoFocus={props.tenant === undefined}
          error={signIn.errors.fields.tenant}
          hint="The name in your SCIM Base URL, e.g. wrike-demo."
        />
        <TextField
          label="Email"
          name="email"
          type="email"
          value={email}
          onChange={setEmail}
          autoComplete="username"
          autoFocus={props.tenant !== undefined}
          error={signIn.errors.fields.email}
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          error={signIn.errors.fields.password}
        />
      </Form>
    </div>
  );
}
