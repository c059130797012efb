/**
 * The identity side's sign-in (the tutorial's "Sign in to the Microsoft Entra admin center as
 * at least a Cloud Application Administrator"). Errors from the API show next to the password.
 *
 * Example: <IdentitySignIn onSignedIn={() => me.reload()} />
 */
import { useState } from 'react';
import { useApis } from '../api/api-context.tsx';
import { TextField } from '../ui/field.tsx';
import { Form } from '../ui/form.tsx';
import { useAction } from '../ui/use-action.ts';

export function IdentitySignIn(props: { onSignedIn: () => void }) {
  const { identity } = useApis();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useAction(
    () => identity.signIn(email.trim(), password),
    ['email', 'password'],
    'password',
  );
  return (
    <div className="sign-in">
      <h1>Sign in to the identity console</h1>
      <p className="page-lead">
        The identity provider's side (the tutorial's Microsoft Entra admin center): the directory,
        enterprise applications, assignments and provisioning.
      </p>
      <Form
        label="Identity admin sign-in"
        submitLabel="Sign in"
        busyLabel="Signing in…"
        errors={signIn.errors}
        busy={signIn.busy}
        onSubmit={async () => {
          if ((await signIn.run()).ok) props.onSignedIn();
        }}
      >
        <TextField
          label="Email"
          name="email"
          type="email"
          value={email}
          onChange={setEmail}
          autoComplete="username"
          autoFocus
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
