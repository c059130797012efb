/**
 * The Edit Attribute dialog's form as data: an attribute mapping as the fields show it (every
 * value a string, matching as yes/no), back to the API's shape (empty optional parts left out,
 * the source only where the type has one), and the checks that need no server.
 *
 * Example: mappingOf({ type: 'direct', source: 'mail', target: 'userName', defaultValue: '', matching: 'yes',
 *   precedence: '1', apply: 'always', constant: '', expression: '' })
 *   → { type: 'direct', source: 'mail', target: 'userName', matchingPrecedence: 1 }
 */
import type { AttributeMapping, MappingType } from '../../api/provisioning-types.ts';

export interface AttributeDraft {
  type: MappingType;
  source: string;
  constant: string;
  expression: string;
  target: string;
  defaultValue: string;
  matching: 'yes' | 'no';
  precedence: string;
  apply: 'always' | 'onCreate';
}

export const mappingTypeLabels: Record<MappingType, string> = {
  direct: 'Direct',
  constant: 'Constant',
  expression: 'Expression',
  none: 'None',
};

export function draftOf(mapping: AttributeMapping | undefined): AttributeDraft {
  const type = mapping?.type ?? 'direct';
  const source = mapping?.source ?? '';
  return {
    type,
    source: type === 'direct' ? source : '',
    constant: type === 'constant' ? source : '',
    expression: type === 'expression' ? source : '',
    target: mapping?.target ?? '',
    defaultValue: mapping?.defaultValue ?? '',
    matching: mapping?.matchingPrecedence ? 'yes' : 'no',
    precedence: String(mapping?.matchingPrecedence ?? 1),
    apply: mapping?.apply ?? 'always',
  };
}

export function mappingOf(draft: AttributeDraft): AttributeMapping {
  const mapping: AttributeMapping = { type: draft.type, target: draft.target.trim() };
  if (draft.type === 'direct') mapping.source = draft.source.trim();
  if (draft.type === 'constant') mapping.source = draft.constant;
  if (draft.type === 'expression') mapping.source = draft.expression;
  if (draft.type !== 'constant' && draft.defaultValue !== '')
    mapping.defaultValue = draft.defaultValue;
  if (draft.apply === 'onCreate') mapping.apply = 'onCreate';
  if (draft.matching === 'yes') mapping.matchingPrecedence = Number(draft.precedence);
  return mapping;
}

/** Problems the dialog can see by itself, by field (`source`, `target`, `matchingPrecedence`). */
export function checkDraft(draft: AttributeDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  if (draft.target.trim() === '')
    errors.target = 'Choose the target attribute this mapping writes.';
  if (draft.type === 'direct' && draft.source.trim() === '')
    errors.source = 'Choose the source attribute to copy.';
  if (draft.type === 'expression' && draft.expression.trim() === '')
    errors.source = 'Write the expression.';
  if (draft.matching === 'yes' && !/^\s*[1-9]\d*\s*$/.test(draft.precedence))
    errors.matchingPrecedence =
      'Matching precedence is a whole number of 1 or more (1 is tried first).';
  return errors;
}

/** The source column of the attribute table: what flows, in words. */
export function sourceText(mapping: AttributeMapping): string {
  switch (mapping.type) {
    case 'direct':
      return mapping.source ?? '';
    case 'constant':
      return `"${mapping.source ?? ''}"`;
    case 'expression':
      return mapping.source ?? '';
    default:
      return mapping.defaultValue !== undefined ? `(default "${mapping.defaultValue}")` : '(none)';
  }
}
