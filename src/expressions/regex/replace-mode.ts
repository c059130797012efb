/**
 * Which of Replace's modes a call uses, decided from which arguments are written (Entra
 * "functions for customizing application data", § Replace). Parameters, by position:
 * 0 source, 1 oldValue, 2 regexPattern, 3 regexGroupName, 4 replacementValue,
 * 5 replacementAttributeName, 6 template. "Written" means present and not an empty argument,
 * so `""` counts (Example 3 removes text with replacementValue ""), `, ,` does not.
 *
 * | written                                            | mode          |
 * |----------------------------------------------------|---------------|
 * | oldValue, replacementValue                         | text          |
 * | oldValue, template                                 | template      |
 * | regexPattern, replacementValue                     | regex         |
 * | regexPattern, regexGroupName, replacementValue     | regexGroup    |
 * | regexPattern, regexGroupName, replacementAttributeName | regexFallback |
 *
 * Any other combination is a compile error naming the argument that does not fit, rather than
 * a mode picked by precedence: an argument the chosen mode would ignore is a mistake.
 *
 * Example: replaceMode([…args of Replace([mail], "@contoso.com", , , "", , )]) → 'text'
 */
import type { ArgumentNode, Span } from '../ast.ts';

export type ReplaceMode = 'text' | 'template' | 'regex' | 'regexGroup' | 'regexFallback';

export const replaceParameters = [
  'source',
  'oldValue',
  'regexPattern',
  'regexGroupName',
  'replacementValue',
  'replacementAttributeName',
  'template',
] as const;

/** The mode, or a reason and the span it is about. */
export function replaceMode(
  args: readonly ArgumentNode[],
  callSpan: Span,
): ReplaceMode | { reason: string; span: Span } {
  const has = (i: number) => args[i] !== undefined && args[i]!.kind !== 'empty';
  const problem = (i: number, reason: string) => ({
    reason: `Replace: ${reason}`,
    span: args[i]?.span ?? callSpan,
  });
  const [oldValue, regexPattern, groupName, replacement, attribute, template] = [
    1, 2, 3, 4, 5, 6,
  ].map(has);

  if (oldValue && regexPattern) return problem(2, 'give oldValue or regexPattern, not both');
  if (oldValue) {
    if (groupName) return problem(3, 'regexGroupName is used only with regexPattern');
    if (attribute) return problem(5, 'replacementAttributeName is used only with regexPattern');
    if (replacement && template)
      return problem(6, 'give replacementValue or template with oldValue, not both');
    if (replacement) return 'text';
    if (template) return 'template';
    return problem(1, 'oldValue needs a replacementValue or a template');
  }
  if (regexPattern) {
    if (template) return problem(6, 'template is used only with oldValue');
    if (groupName) {
      if (replacement && attribute)
        return problem(5, 'give replacementValue or replacementAttributeName, not both');
      if (replacement) return 'regexGroup';
      if (attribute) return 'regexFallback';
      return problem(3, 'regexGroupName needs a replacementValue or a replacementAttributeName');
    }
    if (attribute) return problem(5, 'replacementAttributeName needs a regexGroupName');
    if (replacement) return 'regex';
    return problem(2, 'regexPattern needs a replacementValue');
  }
  return { reason: 'Replace needs an oldValue or a regexPattern', span: callSpan };
}
