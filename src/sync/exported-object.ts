/**
 * The result of exportObject (export-object.ts): the resource the target should hold, each
 * mapping's outcome for logs and provision on demand, the references left for the reference
 * pass, errors, and the slots the export leaves to the target.
 *
 * Example: { mode: 'update', resource: { schemas: […], userName: 'ann' }, attributes: [{ target: 'userName', status: 'value', … }],
 *            references: [], errors: [], untouched: Set { 'title' } }
 */
import type { ScimResource } from '../scim/index.ts';
import type { TargetSlot } from './target-slot.ts';

export type ExportMode = 'create' | 'update';

export interface ExportOptions {
  mode: ExportMode;
  /** [IsSoftDeleted]: the object is out of scope, unassigned, disabled or soft-deleted. */
  isSoftDeleted?: boolean;
  /** The clock, for Now() and friends. */
  now: Date;
  /** A uniform random integer in [0, maxExclusive), for Guid() and RandomString(). */
  randomInt?: (maxExclusive: number) => number;
}

export type ExportedStatus =
  /** Written to the resource. */
  | 'value'
  /** Written: the mapping's default value (create only). */
  | 'default'
  /** Nothing to write: on update the slot is cleared. */
  | 'noValue'
  /** IgnoreFlowIfNullOrEmpty: left as the target has it. */
  | 'ignoreFlow'
  /** An onCreate-only mapping during an update: left as the target has it. */
  | 'onCreateOnly'
  /** A reference attribute: resolved in the reference pass. */
  | 'reference'
  | 'error';

export interface ExportedAttribute {
  /** Index of the attribute mapping in its object mapping. */
  index: number;
  /** The target path as configured, and the canonical slot key. */
  target: string;
  key: string;
  status: ExportedStatus;
  /** The value written (status value/default). */
  value?: unknown;
  /** A Redact() was evaluated: log "[Redact]" instead of the value. */
  redacted: boolean;
  /** SelectUniqueValue's candidates, first choice first, for the engine's uniqueness check. */
  candidates?: readonly string[];
  /** Why the mapping failed (status error). */
  message?: string;
}

/** A reference attribute's directory ids, to be turned into target ids. */
export interface PendingReference {
  /** Index of the attribute mapping. */
  index: number;
  slot: TargetSlot;
  multiValued: boolean;
  /** Directory object ids; empty when the source has none (the reference is to be cleared). */
  sourceIds: string[];
}

export interface ExportError {
  index: number;
  target: string;
  message: string;
  /** For expression failures: the span in the expression text, and the failing function. */
  span?: { start: number; end: number };
  function?: string;
}

export interface ExportedObject {
  mode: ExportMode;
  /** The SCIM resource the target should hold, with `schemas`; no `id`, no `meta`. */
  resource: ScimResource;
  attributes: ExportedAttribute[];
  references: PendingReference[];
  errors: ExportError[];
  /** Slot keys this export does not decide: diffToPatch leaves them as the target has them. */
  untouched: ReadonlySet<string>;
  /**
   * Create mode: required attributes of the target schema the resource lacks (`userName`, a
   * Group's `displayName`). Entra logs such an object as MandatoryFieldsMissing without sending it.
   */
  missingRequired: string[];
}
