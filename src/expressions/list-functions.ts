/**
 * The function catalogue for the console's expression editor (completion, signature help):
 * name, arity and a one-line description of every function, in the reference's order
 * (Entra "functions for customizing application data", § List of Functions).
 *
 * Example: listFunctions().find((f) => f.name === 'Left')
 *   → { name: 'Left', minArgs: 2, maxArgs: 2, signature: 'Left(string, numChars)', description: '…' }
 */
import { allFunctions } from './registry.ts';

export interface FunctionInfo {
  name: string;
  minArgs: number;
  /** null: no upper bound (Coalesce, Join, SelectUniqueValue, Switch). */
  maxArgs: number | null;
  signature: string;
  description: string;
}

export function listFunctions(): FunctionInfo[] {
  return allFunctions.map(({ name, minArgs, maxArgs, signature, description }) => ({
    name,
    minArgs,
    maxArgs,
    signature,
    description,
  }));
}
