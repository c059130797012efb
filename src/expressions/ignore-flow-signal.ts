/**
 * The signal IgnoreFlowIfNullOrEmpty raises: "drop this attribute from the flow" (Entra
 * "functions for customizing application data", § IgnoreFlowIfNullOrEmpty). It is thrown, not
 * returned, because it ends the whole expression wherever the call sits: the evaluator turns it
 * into the `ignoreFlow` result kind, distinct from null.
 *
 * Example: throw ignoreFlowSignal; → evaluate(…) → { kind: 'ignoreFlow' }
 */
export class IgnoreFlowSignal {
  readonly kind = 'ignoreFlow';
}

export const ignoreFlowSignal = new IgnoreFlowSignal();
