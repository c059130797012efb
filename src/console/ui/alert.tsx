/**
 * Messages that are not about one field: a form's refusal or a failed load (role="alert", read
 * out at once), and confirmations (role="status", read out politely).
 *
 * Example: <ErrorAlert message={errors.form} />  <Notice>Token revoked.</Notice>
 */
import type { ReactNode } from 'react';

export function ErrorAlert({ message, title }: { message: string | null; title?: string }) {
  if (!message) return null;
  return (
    <div className="alert alert-error" role="alert">
      {title ? <strong>{title}: </strong> : null}
      {message}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  if (!children) return null;
  return (
    <div className="alert alert-info" role="status">
      {children}
    </div>
  );
}
