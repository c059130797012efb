/**
 * ScimError: the one error type of the SCIM protocol ring, serialised to the RFC 7644 §3.12
 * error body. The constructor checks that the status fits the scimType keyword, so a
 * `uniqueness` error can never leave as a 400.
 *
 * Example: throw new ScimError(400, 'invalidFilter', 'Unexpected token "eqq" at position 9 in filter \'userName eqq "a"\'');
 */

/** The scimType keywords of RFC 7644 §3.12, Table 9. */
export type ScimType =
  | 'invalidFilter'
  | 'tooMany'
  | 'uniqueness'
  | 'mutability'
  | 'invalidSyntax'
  | 'invalidPath'
  | 'noTarget'
  | 'invalidValue'
  | 'invalidVers'
  | 'sensitive'
  | 'invalidCursor'
  | 'expiredCursor'
  | 'invalidCount';

/** The HTTP status each keyword travels with (RFC 7644 §3.12, Table 9). */
export const scimTypeStatus: Readonly<Record<ScimType, number>> = {
  invalidFilter: 400,
  tooMany: 400,
  uniqueness: 409,
  mutability: 400,
  invalidSyntax: 400,
  invalidPath: 400,
  noTarget: 400,
  invalidValue: 400,
  invalidVers: 400,
  sensitive: 403,
  // RFC 9865 (cursor-based pagination), §2.4
  invalidCursor: 400,
  expiredCursor: 400,
  invalidCount: 400,
};

export const errorSchema = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** The RFC 7644 §3.12 JSON body. `status` is a string on the wire, as in the RFC's examples. */
export interface ScimErrorBody {
  schemas: [typeof errorSchema];
  status: string;
  scimType?: ScimType;
  detail: string;
}

export class ScimError extends Error {
  readonly status: number;
  readonly scimType: ScimType | undefined;
  readonly detail: string;

  constructor(status: number, scimType: ScimType | undefined, detail: string) {
    super(detail);
    this.name = 'ScimError';
    if (!Number.isInteger(status) || status < 300 || status > 599) {
      throw new RangeError(`ScimError status must be an HTTP error status, got ${status}`);
    }
    if (scimType !== undefined && scimTypeStatus[scimType] !== status) {
      throw new RangeError(
        `ScimError scimType "${scimType}" travels with status ${scimTypeStatus[scimType]}, not ${status}`,
      );
    }
    this.status = status;
    this.scimType = scimType;
    this.detail = detail;
  }

  /** The RFC 7644 §3.12 body. */
  toJSON(): ScimErrorBody {
    const body: ScimErrorBody = {
      schemas: [errorSchema],
      status: String(this.status),
      detail: this.detail,
    };
    if (this.scimType) body.scimType = this.scimType;
    return body;
  }
}

/** Shorthand for the common 400 case: `badRequest('invalidValue', 'userName is required')`. */
export function badRequest(
  scimType: Exclude<ScimType, 'uniqueness' | 'sensitive'>,
  detail: string,
): ScimError {
  return new ScimError(400, scimType, detail);
}

/**
 * Quotes client input for an error detail as JSON, so a string reads "42" and a number 42;
 * shortened so a huge input cannot flood a response or a log.
 */
export function quote(input: unknown, max = 200): string {
  const text = JSON.stringify(input) ?? String(input);
  return text.length > max ? `${text.slice(0, max)}…(${text.length} chars)` : text;
}
