/**
 * StoreError: the only error a store throws on purpose. Each database's native codes are
 * translated inside its implementation, so callers switch on `kind`, never on driver codes.
 *
 * Example: throw new StoreError('conflict', 'userName', 'userName "bjensen" is already taken')
 */
export type StoreErrorKind = 'conflict' | 'notFound';

export class StoreError extends Error {
  readonly kind: StoreErrorKind;
  /** What conflicted or was missing: a unique attribute (`userName`), `version`, `member`… */
  readonly subject: string;

  constructor(kind: StoreErrorKind, subject: string, message: string) {
    super(message);
    this.name = 'StoreError';
    this.kind = kind;
    this.subject = subject;
  }
}

export const isStoreError = (error: unknown, kind?: StoreErrorKind): error is StoreError =>
  error instanceof StoreError && (kind === undefined || error.kind === kind);
