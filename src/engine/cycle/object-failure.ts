/**
 * A failure of one object that is not a target's answer: nothing to match on, a mandatory
 * attribute without a value, an expression that failed, several target objects matching. It
 * is logged and escrowed like a rejection (retried after the cause may have been fixed).
 *
 * Example: throw new ObjectFailure('MandatoryFieldsMissing', 'userName has no value')
 */
import type { ErrorCode } from '../error-codes.ts';

export class ObjectFailure extends Error {
  override name = 'ObjectFailure';
  readonly code: ErrorCode;
  /** As a SyncError kind, for the escrow back-off. */
  readonly kind = 'rejected' as const;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
