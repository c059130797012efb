/**
 * AccountError: the one error the tenant/admin/token side throws on purpose. Callers (the admin
 * API, the CLI) switch on `kind`, show `message` as is, and point at `field` when there is one.
 *
 * Example: throw new AccountError('invalid', 'tenant name "Acme" has upper-case letters', 'name')
 */
export type AccountErrorKind = 'invalid' | 'unauthorized' | 'locked' | 'conflict' | 'notFound';

export class AccountError extends Error {
  readonly kind: AccountErrorKind;
  /** The input the message is about (`name`, `adminEmail`, `password`, …), when there is one. */
  readonly field: string | undefined;
  /** With `locked`: whole seconds until the next attempt is allowed. */
  readonly retryAfter: number | undefined;

  constructor(kind: AccountErrorKind, message: string, field?: string, retryAfter?: number) {
    super(message);
    this.name = 'AccountError';
    this.kind = kind;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

export const isAccountError = (error: unknown, kind?: AccountErrorKind): error is AccountError =>
  error instanceof AccountError && (kind === undefined || error.kind === kind);
