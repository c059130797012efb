/**
 * Sends a job's notification email when its settings ask for one ("send an email
 * notification when a failure occurs" on, and a notification address set). Without a Mailer
 * (no SMTP configured) it logs one warning per notice instead; a failed send is logged (the
 * error's words and code, never credentials) and never thrown, so a cycle goes on regardless.
 *
 * Example:
 *   const notifier = createNotifier({ mailer, log, publicUrl: 'https://roster.contoso.test' });
 *   await notifier.notify({ appId, appName: 'Wrike', settings: job.settings }, { kind: 'tooManyDeletes', hold });
 */
import type { EngineLog } from './cycle/cycle-context.ts';
import { type JobNotice, noticeEmail } from './job-notice.ts';
import type { JobSettings } from './job-settings.ts';
import type { Mailer } from './mailer.ts';

export interface NotifierDeps {
  mailer?: Mailer | undefined;
  log: EngineLog;
  publicUrl?: string | undefined;
}

export type NoticeOutcome = 'sent' | 'off' | 'noSmtp' | 'failed';

export interface Notifier {
  notify(
    job: {
      appId: string;
      appName: string;
      settings: Pick<JobSettings, 'notificationEmail' | 'sendFailureEmail'>;
    },
    notice: JobNotice,
  ): Promise<NoticeOutcome>;
}

function describe(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  const responseCode = (error as { responseCode?: unknown }).responseCode;
  return {
    message: error.message,
    ...(typeof code === 'string' && { code }),
    ...(typeof responseCode === 'number' && { responseCode }),
  };
}

export function createNotifier(deps: NotifierDeps): Notifier {
  const { log } = deps;
  return {
    async notify(job, notice) {
      const to = job.settings.notificationEmail;
      if (!job.settings.sendFailureEmail || !to) return 'off';
      const fields = { appId: job.appId, notice: notice.kind, to };
      if (!deps.mailer) {
        log.warn(
          fields,
          'no SMTP server is configured, so the notification email was not sent (set smtp in the config file, or ROSTER_SMTP_URL and ROSTER_SMTP_FROM)',
        );
        return 'noSmtp';
      }
      const email = noticeEmail(notice, {
        appName: job.appName,
        appId: job.appId,
        publicUrl: deps.publicUrl,
      });
      try {
        await deps.mailer.send({ to, ...email });
        log.info(fields, `sent the notification email: ${email.subject}`);
        return 'sent';
      } catch (error) {
        log.warn({ ...fields, error: describe(error) }, 'the notification email could not be sent');
        return 'failed';
      }
    },
  };
}
