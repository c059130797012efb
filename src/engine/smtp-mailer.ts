/**
 * The Mailer over SMTP (nodemailer): host, port, TLS (`secure`: TLS from the first byte, as on
 * port 465; otherwise STARTTLS when the server offers it), optional login, and the sender.
 * Timeouts are short (a notification must never hold a cycle for long). `parseSmtpUrl` reads
 * the `smtp://user:password@host:port` form of ROSTER_SMTP_URL (`smtps://` for TLS).
 *
 * Example:
 *   const mailer = createSmtpMailer({ host: 'mail.contoso.test', port: 587, secure: false, from: 'roster@contoso.test' });
 *   await mailer.send({ to: 'it@contoso.test', subject: '…', text: '…' });
 */
import nodemailer from 'nodemailer';
import type { Mailer } from './mailer.ts';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the start (port 465); false: plain, upgraded with STARTTLS when offered. */
  secure: boolean;
  user?: string | undefined;
  /** Never logged. */
  password?: string | undefined;
  /** The sender: an address, or `Name <address>`. */
  from: string;
}

/** The parts of an `smtp://` or `smtps://` URL; throws an Error in words when it is not one. */
export function parseSmtpUrl(text: string): Omit<SmtpSettings, 'from'> {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error('must be an smtp:// or smtps:// URL, e.g. smtp://user:password@host:587');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:')
    throw new Error('must be an smtp:// or smtps:// URL, e.g. smtp://user:password@host:587');
  if (!url.hostname) throw new Error('has no host, e.g. smtp://user:password@host:587');
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username && { user: decodeURIComponent(url.username) }),
    ...(url.password && { password: decodeURIComponent(url.password) }),
  };
}

export function createSmtpMailer(
  settings: SmtpSettings,
  options: { timeoutMs?: number } = {},
): Mailer {
  const timeout = options.timeoutMs ?? 20_000;
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user !== undefined && {
      auth: { user: settings.user, pass: settings.password ?? '' },
    }),
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
  });
  return {
    async send(message) {
      await transport.sendMail({
        from: settings.from,
        to: message.to,
        subject: message.subject,
        text: message.text,
      });
    },
  };
}
