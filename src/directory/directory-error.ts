/**
 * DirectoryError: the one error the identity side throws on purpose. The admin API and the CLI
 * switch on `kind`, show `message` as is (it names the bad input), and point at `field`.
 *
 * Example: throw new DirectoryError('invalid', 'mail "ann@" is not an email address', 'mail')
 */
export type DirectoryErrorKind =
  | 'invalid'
  | 'notFound'
  | 'conflict'
  | 'unauthorized'
  | 'forbidden'
  | 'locked';

export class DirectoryError extends Error {
  readonly kind: DirectoryErrorKind;
  readonly field: string | undefined;
  /** With `locked`: whole seconds until the next attempt. */
  readonly retryAfter: number | undefined;

  constructor(kind: DirectoryErrorKind, message: string, field?: string, retryAfter?: number) {
    super(message);
    this.name = 'DirectoryError';
    this.kind = kind;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

export const isDirectoryError = (
  error: unknown,
  kind?: DirectoryErrorKind,
): error is DirectoryError =>
  error instanceof DirectoryError && (kind === undefined || error.kind === kind);
