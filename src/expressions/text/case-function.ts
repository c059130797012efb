/**
 * The shared shape of ToLower and ToUpper (Entra "functions for customizing application
 * data", § ToLower, § ToUpper): (source, culture?), culture names validated through
 * Intl.getCanonicalLocales, literal ones at compile time.
 *
 * Example: caseFunction('ToUpper', 'Converts text to upper case.', toUpperText)
 */
import { toText } from '../coerce.ts';
import { failEvaluation } from '../evaluation-error.ts';
import { ExpressionError } from '../expression-error.ts';
import { type FunctionDef, literalString } from '../function-def.ts';
import { canonicalCulture } from './case-map.ts';

export function caseFunction(
  name: 'ToLower' | 'ToUpper',
  description: string,
  map: (text: string, culture: string | undefined) => string,
): FunctionDef {
  return {
    name,
    minArgs: 1,
    maxArgs: 2,
    signature: `${name}(source, culture)`,
    description,
    prepare({ node }) {
      const culture = literalString(node.args[1]);
      if (culture && canonicalCulture(culture) === undefined) {
        throw new ExpressionError(
          'invalidArgument',
          `${name}: '${culture}' is not a culture name`,
          node.args[1]!.span,
        );
      }
      return undefined;
    },
    evaluate(args) {
      const source = toText(args.value(0), `${name} source`);
      const cultureText = toText(args.value(1), `${name} culture`);
      let culture: string | undefined;
      if (cultureText) {
        culture = canonicalCulture(cultureText);
        if (culture === undefined)
          failEvaluation(`${name}: '${cultureText}' is not a culture name`);
      }
      return source === null ? null : map(source, culture);
    },
  };
}
