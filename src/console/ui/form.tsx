/**
 * A form that submits with Enter or its button, shows its own (non-field) error above the
 * buttons, disables the button while busy, and, after a refusal, moves the keyboard focus to
 * the first field in error (or to the alert) so nobody has to hunt for what went wrong.
 *
 * Example: <Form label="Sign in" onSubmit={submit} errors={errors} busy={busy} submitLabel="Sign in">…</Form>
 */
import { type FormEvent, type ReactNode, useEffect, useRef } from 'react';
import { ErrorAlert } from './alert.tsx';
import { type FormErrors, hasErrors } from './form-errors.ts';

export function Form(props: {
  label: string;
  onSubmit: () => unknown;
  errors: FormErrors;
  busy: boolean;
  submitLabel: string;
  busyLabel?: string;
  children: ReactNode;
  actions?: ReactNode;
  className?: string;
  /** The caller's role may only look: no submit button, and a line saying why. */
  readOnly?: boolean;
}) {
  const ref = useRef<HTMLFormElement>(null);
  const { errors } = props;

  useEffect(() => {
    if (!hasErrors(errors)) return;
    const form = ref.current;
    const target =
      form?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form?.querySelector<HTMLElement>('[role="alert"]');
    if (target) {
      if (target.getAttribute('role') === 'alert') target.tabIndex = -1;
      target.focus();
    }
  }, [errors]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!props.busy && !props.readOnly) void props.onSubmit();
  };

  return (
    <form
      ref={ref}
      className={props.className ?? 'form'}
      aria-label={props.label}
      onSubmit={submit}
      noValidate
    >
      {props.children}
      <ErrorAlert message={errors.form} />
      {props.readOnly ? (
        <p className="muted">Your role can read this but not change it.</p>
      ) : (
        <div className="form-actions">
          <button type="submit" className="primary" disabled={props.busy} aria-busy={props.busy}>
            {props.busy ? (props.busyLabel ?? `${props.submitLabel}…`) : props.submitLabel}
          </button>
          {props.actions}
        </div>
      )}
    </form>
  );
}
