/**
 * What differs between SQLite and PostgreSQL for the shared query code: native error codes and
 * the SQL for reading inside the resource JSON (used by filters and sorts on attributes that
 * have no index).
 */
import type { RawBuilder } from 'kysely';
import type { StoreError } from './store-error.ts';

export interface Dialect {
  name: 'sqlite' | 'postgres';
  /**
   * Writes that fit in one statement run as one, without BEGIN and COMMIT (a statement is a
   * transaction of its own), with a data-modifying WITH where they touch several tables: on
   * PostgreSQL every statement is a round trip. SQLite has no data-modifying WITH, and its
   * writes share group commits, which only transactions join.
   */
  oneStatementWrites: boolean;
  /** A native unique-violation → StoreError conflict naming the attribute; undefined otherwise. */
  translateError(error: unknown): StoreError | undefined;
  /** The JSON text at `path` (a list of keys) inside `json`, as SQL text or NULL. */
  jsonText(json: RawBuilder<unknown>, path: readonly string[]): RawBuilder<unknown>;
  /** Text compared and sorted by code point, whatever the database's default collation. */
  codePointOrder(text: RawBuilder<unknown>): RawBuilder<unknown>;
  /** Lower-cases text the way JavaScript's toLowerCase does (values were folded in JS). */
  lower(text: RawBuilder<unknown>): RawBuilder<unknown>;
  /** TRUE when `path` holds a non-null JSON value (an object, an array or a scalar). */
  jsonHasValue(json: RawBuilder<unknown>, path: readonly string[]): RawBuilder<unknown>;
  /** The JSON scalar at `path` as an SQL number (numbers) or boolean (true/false), else NULL. */
  jsonNumber(json: RawBuilder<unknown>, path: readonly string[]): RawBuilder<unknown>;
  jsonBoolean(json: RawBuilder<unknown>, path: readonly string[]): RawBuilder<unknown>;
  /** A dateTime text as a comparable instant (NULL when it is not one). */
  instant(text: RawBuilder<unknown>): RawBuilder<unknown>;
  /** Substring tests that compare characters exactly (no LIKE wildcards, no case folding). */
  contains(text: RawBuilder<unknown>, part: RawBuilder<unknown>): RawBuilder<unknown>;
  startsWith(text: RawBuilder<unknown>, part: RawBuilder<unknown>): RawBuilder<unknown>;
  endsWith(text: RawBuilder<unknown>, part: RawBuilder<unknown>): RawBuilder<unknown>;
  /**
   * A FROM-clause source yielding one row per element of the JSON array at `path`, with the
   * element (as JSON) in column `value` of `alias`.
   */
  eachElement(
    json: RawBuilder<unknown>,
    path: readonly string[],
    alias: string,
  ): RawBuilder<unknown>;
  /**
   * A value of an eachElement row: the element itself (`sub` undefined, for arrays of
   * scalars) or its sub-attribute `sub`, read as text, number or boolean (NULL otherwise).
   */
  elementValue(alias: string, sub: string | undefined, as: ValueType): RawBuilder<unknown>;
  /** TRUE when the element (or its sub-attribute `sub`) holds a non-null JSON value. */
  elementHasValue(alias: string, sub: string | undefined): RawBuilder<unknown>;
  /**
   * An aggregate: the JSON array of `[first, second]` pairs over the group's rows, in `order`;
   * `[]` over no rows. SQLite answers it as JSON text, PostgreSQL's driver as a parsed array.
   */
  pairsArray(
    first: RawBuilder<unknown>,
    second: RawBuilder<unknown>,
    order: RawBuilder<unknown>,
  ): RawBuilder<unknown>;
}

export type ValueType = 'text' | 'number' | 'boolean';
