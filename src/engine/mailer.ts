/**
 * The port the engine sends email through (notification emails of provisioning jobs). The
 * composition root passes the SMTP one (smtp-mailer.ts) when SMTP is configured; tests pass
 * the same one pointed at an in-process SMTP server. `send` resolves once the server accepted
 * the message and rejects when it did not.
 *
 * Example: await mailer.send({ to: 'it@contoso.test', subject: 'Provisioning of Wrike is in quarantine', text: '…' });
 */
export interface MailMessage {
  to: string;
  subject: string;
  /** Plain text. */
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
