/**
 * The one shape of a syntax error in filters and paths: what was wrong, its 0-based position,
 * and the quoted input (RFC 7644 §3.12 asks for a human-readable detail).
 *
 * Example: Unexpected "eqq" at position 9 in filter "userName eqq \"a\"": expected an operator …
 */
import { badRequest, quote } from '../errors.ts';

/** Throws the ScimError for a problem at `position`; `hint` says what was expected. */
export type Fail = (message: string, position: number, hint?: string) => never;

/** A Fail bound to one input: filters fail with `invalidFilter`, PATCH and other paths with `invalidPath`. */
export function createFail(
  scimType: 'invalidFilter' | 'invalidPath',
  label: string,
  source: string,
): Fail {
  return (message, position, hint) => {
    const tail = hint === undefined ? '' : `: ${hint}`;
    throw badRequest(
      scimType,
      `${message} at position ${position} in ${label} ${quote(source)}${tail}`,
    );
  };
}

/** "Unexpected end of input" or `Unexpected "token"`, for a token's text. */
export function unexpected(text: string): string {
  return text === '' ? 'Unexpected end of input' : `Unexpected ${quote(text, 40)}`;
}
