/**
 * ProvisioningError: what the engine refuses, in words an admin can act on, with the field it
 * is about — the API maps `kind` to a status (invalid 400, notFound 404, conflict 409), the CLI
 * to an exit code. Mapping problems carry every issue found (`issues`).
 *
 * Example: throw new ProvisioningError('invalid', 'set the Tenant URL and Secret Token first', 'credentials')
 */
import type { MappingIssue } from '../sync/index.ts';

export type ProvisioningErrorKind = 'invalid' | 'notFound' | 'conflict';

export class ProvisioningError extends Error {
  override name = 'ProvisioningError';
  readonly kind: ProvisioningErrorKind;
  readonly field: string | undefined;
  readonly issues: MappingIssue[] | undefined;

  constructor(
    kind: ProvisioningErrorKind,
    message: string,
    field?: string,
    issues?: MappingIssue[],
  ) {
    super(message);
    this.kind = kind;
    this.field = field;
    this.issues = issues;
  }
}

export const isProvisioningError = (error: unknown): error is ProvisioningError =>
  error instanceof ProvisioningError;
