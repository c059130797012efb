/**
 * IIF(condition, valueIfTrue, valueIfFalse): one of two values by a condition (Entra
 * "functions for customizing application data", § IIF). The condition is usually a comparison
 * (`[country] = "USA"`, see `compare.ts`), or anything that reads as a boolean (True/False,
 * "True"/"False", a number). Only the chosen branch is evaluated.
 *
 * Null: a null condition is False, in line with "if the source attribute … is empty or null,
 * the condition check fails". Unlike Entra (whose reference lists `IIF(IsNullOrEmpty([country]),
 * "Other", [country])` as unsupported), IsNullOrEmpty/IsPresent/IsNull conditions work here.
 *
 * Example: IIF([country]="USA", [country], [department]) with country "USA" → "USA"
 */
import { toBoolean } from '../coerce.ts';
import { defineFunction } from '../function-def.ts';

export const iif = defineFunction({
  name: 'IIF',
  minArgs: 3,
  maxArgs: 3,
  signature: 'IIF(condition, valueIfTrue, valueIfFalse)',
  description: 'valueIfTrue when the condition holds, else valueIfFalse.',
  evaluate(args) {
    const condition = toBoolean(args.value(0), 'IIF condition') ?? false;
    return args.value(condition ? 1 : 2);
  },
});
