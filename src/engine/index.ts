/**
 * The provisioning engine (architecture.md, ring 2): job configuration, cycles, the runner,
 * provisioning logs, status and events. Uses the sync ring for every decision, the client for
 * every call to a target and the store port for everything it keeps.
 *
 * Example:
 *   const provisioning = createProvisioning({ store, clock, fetch, secretBox, log });
 *   await provisioning.jobs.setCredentials('Wrike', { tenantUrl, secretToken });
 *   const report = await provisioning.runCycle('Wrike');
 */
export { type AppInfo, findApp, type TargetLimits, type TemplateSource } from './app-info.ts';
export {
  createProvisioning,
  type LogFilter,
  type Provisioning,
  type ProvisioningDeps,
} from './create-provisioning.ts';
export type { EngineLog } from './cycle/cycle-context.ts';
export type { CycleReport } from './cycle/cycle-report.ts';
export { defaultOwner, type RunCycleOptions } from './cycle/run-cycle.ts';
export {
  isProvisioningError,
  ProvisioningError,
  type ProvisioningErrorKind,
} from './engine-error.ts';
export { recommendedActions } from './error-codes.ts';
export { createEngineEvents, type EngineEventMap, type EngineEvents } from './events.ts';
export {
  type ExpressionTestResult,
  type ExpressionValueType,
  testExpression,
} from './expression-test.ts';
export { type JobDocument, jobDocumentFormat } from './job-document.ts';
export { type JobNotice, noticeEmail } from './job-notice.ts';
export type {
  CycleSummary,
  EscrowCounts,
  JobHold,
  JobState,
  JobStatistics,
} from './job-record.ts';
export {
  defaultIntervalSeconds,
  type JobSettings,
  maxIntervalSeconds,
  type ProvisioningMode,
  type ProvisioningScope,
  type SettingsUpdate,
} from './job-settings.ts';
export type { Jobs, JobView } from './jobs.ts';
export { csvColumns, type LogFormat } from './log-export.ts';
export type { Mailer, MailMessage } from './mailer.ts';
export { createNotifier, type NoticeOutcome, type Notifier } from './notifier.ts';
export type { OnDemandReport, OnDemandResult } from './on-demand/on-demand-results.ts';
export { maxOnDemandMembers, type OnDemandInput } from './on-demand/on-demand-subject.ts';
export type { OnDemandOptions } from './on-demand/run-on-demand.ts';
export {
  defaultResetScopes,
  type ResetScope,
  readResetScopes,
  resetScopes,
} from './reset-scopes.ts';
export { createInProcessRunner, type InProcessRunnerDeps, type Runner } from './runner.ts';
export { createSecretBox, minimumSecretKeyLength, type SecretBox } from './secret-box.ts';
export { createSmtpMailer, parseSmtpUrl, type SmtpSettings } from './smtp-mailer.ts';
export type { ProvisioningStatus } from './status.ts';
export {
  createGraphileRunner,
  type GraphileRunnerDeps,
  type WorkerRunner,
} from './workers/graphile-runner.ts';
export type { WorkerTiming } from './workers/worker-deps.ts';
