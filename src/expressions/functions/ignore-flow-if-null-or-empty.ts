/**
 * IgnoreFlowIfNullOrEmpty(expression): the expression's value, unless it is null or empty, in
 * which case the attribute is dropped from the flow (Entra "functions for customizing
 * application data", § IgnoreFlowIfNullOrEmpty). Dropping is not the same as null: the
 * evaluation result has kind `ignoreFlow`, which tells the engine to leave the target
 * attribute out entirely (no value, no default-if-null). Wherever the call sits, a drop ends
 * the whole expression: `Append(IgnoreFlowIfNullOrEmpty([department]), "!")` drops too.
 *
 * Example: IgnoreFlowIfNullOrEmpty(Switch([prefix], "", "3443", "Dr.")) with prefix "9" → ignoreFlow
 */
import { defineFunction } from '../function-def.ts';
import { ignoreFlowSignal } from '../ignore-flow-signal.ts';
import { isNullOrEmpty } from '../presence.ts';

export const ignoreFlowIfNullOrEmpty = defineFunction({
  name: 'IgnoreFlowIfNullOrEmpty',
  minArgs: 1,
  maxArgs: 1,
  signature: 'IgnoreFlowIfNullOrEmpty(expression)',
  description: 'Leaves the attribute out of the flow when the value is null or empty.',
  evaluate(args) {
    const value = args.value(0);
    if (isNullOrEmpty(value)) throw ignoreFlowSignal;
    return value;
  },
});
