/**
 * Now(): the current instant as a UTC DateTime, "M/d/yyyy h:mm:ss tt" as text (Entra
 * "functions for customizing application data", § Now). The clock is the context's `now`;
 * every Now() in one evaluation sees the same instant.
 *
 * Example: Now() → "7/2/2021 3:33:38 PM"
 */
import { defineFunction } from '../function-def.ts';

export const now = defineFunction({
  name: 'Now',
  minArgs: 0,
  maxArgs: 0,
  signature: 'Now()',
  description: 'The current date and time (UTC).',
  evaluate(_args, env) {
    return env.now();
  },
});
