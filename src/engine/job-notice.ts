/**
 * The notification emails of a provisioning job, in plain words: when it enters quarantine,
 * when its quarantine reason changes, when the accidental-deletion threshold holds a cycle,
 * and when four weeks of quarantine turned it off. Each names the app, the reason and its
 * detail, what to do, the next attempt, and links the console's provisioning page.
 *
 * Example:
 *   noticeEmail({ kind: 'quarantined', quarantine, nextAttemptAt }, { appName: 'Wrike', appId, publicUrl })
 *   → { subject: 'Provisioning of Wrike is in quarantine (EncounteredQuarantineException)', text: 'Provisioning of …' }
 */
import type { Quarantine, QuarantineReason } from '../sync/index.ts';
import type { JobHold } from './job-record.ts';

export type JobNotice =
  | { kind: 'quarantined'; quarantine: Quarantine; nextAttemptAt: string | null }
  | {
      kind: 'quarantineReasonChanged';
      previous: QuarantineReason;
      quarantine: Quarantine;
      nextAttemptAt: string | null;
    }
  | { kind: 'tooManyDeletes'; hold: JobHold }
  | { kind: 'disabled'; quarantine: Quarantine; disabledReason: string };

export interface NoticeAbout {
  appName: string;
  appId: string;
  /** Roster's public URL, for the link to the console; none: no link. */
  publicUrl?: string | undefined;
}

const meanings: Record<QuarantineReason, { means: string; todo: string }> = {
  EncounteredQuarantineException: {
    means:
      "The app refused Roster's credentials, or the Tenant URL is wrong, so no call to it can succeed.",
    todo: 'Check the Tenant URL and the Secret Token with Test Connection on the provisioning page, save working credentials, then restart provisioning (a restart lifts the quarantine).',
  },
  EncounteredEscrowProportionThreshold: {
    means: 'Too many users and groups failed to provision to the app.',
    todo: "Read the failures in the provisioning logs (status Failure) and fix their cause (the attribute mappings, the directory data or the app's rules), then restart provisioning, which clears the failed objects and lifts the quarantine.",
  },
  EncounteredEscrowAbsoluteThreshold: {
    means: 'Too many users, groups, managers and memberships failed to provision to the app.',
    todo: 'Read the failures in the provisioning logs (status Failure) and fix their cause, then restart provisioning, which clears the failed objects and lifts the quarantine.',
  },
  AllCallsFailing: {
    means: 'Nearly every call to the app failed for several cycles: it looks down or unreachable.',
    todo: 'Check that the app is up and reachable at the Tenant URL (Test Connection on the provisioning page). The quarantine lifts by itself at the first attempt that goes through; restart provisioning to try again at once.',
  },
};

function footer(about: NoticeAbout): string[] {
  const page = about.publicUrl
    ? `${about.publicUrl.replace(/\/+$/, '')}/identity/apps/${encodeURIComponent(about.appId)}/provisioning`
    : undefined;
  return [
    ...(page ? [`Provisioning page: ${page}`, ''] : []),
    `You get this email because "Send an email notification when a failure occurs" is on for ${about.appName}.`,
  ];
}

const attempt = (at: string | null) =>
  at
    ? `Roster tries again less often while the job is in quarantine; the next attempt is at ${at}.`
    : 'No further attempt is scheduled.';

/** Subject and plain-text body of a notice. */
export function noticeEmail(
  notice: JobNotice,
  about: NoticeAbout,
): { subject: string; text: string } {
  const app = about.appName;
  const lines = (...parts: string[]) => [...parts, '', ...footer(about)].join('\n');
  switch (notice.kind) {
    case 'quarantined':
    case 'quarantineReasonChanged': {
      const q = notice.quarantine;
      const { means, todo } = meanings[q.reason];
      const changed = notice.kind === 'quarantineReasonChanged';
      return {
        subject: changed
          ? `Provisioning of ${app} is still in quarantine, now for ${q.reason}`
          : `Provisioning of ${app} is in quarantine (${q.reason})`,
        text: lines(
          changed
            ? `Provisioning of ${app} has been in quarantine since ${q.since}; the reason changed from ${notice.previous} to ${q.reason}.`
            : `Provisioning of ${app} went into quarantine at ${q.since}.`,
          '',
          `Reason: ${q.reason}: ${q.detail}`,
          means,
          '',
          `What to do: ${todo}`,
          '',
          attempt(notice.nextAttemptAt),
          'A cycle that goes through lifts the quarantine; after four weeks in quarantine provisioning is turned off.',
        ),
      };
    }
    case 'tooManyDeletes': {
      const h = notice.hold;
      return {
        subject: `Provisioning of ${app} is held: ${h.count} deletes, more than the threshold of ${h.threshold}`,
        text: lines(
          `A provisioning cycle of ${app} would have disabled or deleted ${h.count} accounts in the app, more than the accidental-deletion threshold of ${h.threshold}. Nothing was disabled or deleted: each is logged as StagedDelete, and provisioning waits (held since ${h.since}).`,
          '',
          `Reason: ${h.detail}`,
          '',
          'What to do: look at the StagedDelete entries in the provisioning logs. If the deletes are right, allow them ("Allow deletes", or restart with the force-deletes scope); if not, fix the cause (assignments, scoping filters, the directory) and restart provisioning.',
        ),
      };
    }
    case 'disabled': {
      const q = notice.quarantine;
      return {
        subject: `Provisioning of ${app} was turned off after four weeks in quarantine`,
        text: lines(
          `Provisioning of ${app} was turned off: it had been in quarantine since ${q.since}.`,
          '',
          `Reason: ${q.reason}: ${q.detail}`,
          meanings[q.reason].means,
          '',
          `What to do: ${meanings[q.reason].todo} Then start provisioning again: no cycle runs until you do.`,
        ),
      };
    }
  }
}
