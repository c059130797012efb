/**
 * Guid(): a new random GUID, version 4, lower-case with hyphens (Entra "functions for
 * customizing application data", § Guid). The random source is the context's `randomInt`
 * (a secure generator by default), so tests can make it deterministic.
 *
 * Example: Guid() → "00aa00aa-bb11-4c22-9d33-44ee44ee44ee" (shape; the digits are random)
 */
import { defineFunction } from '../function-def.ts';

export const guid = defineFunction({
  name: 'Guid',
  minArgs: 0,
  maxArgs: 0,
  signature: 'Guid()',
  description: 'A new random GUID.',
  evaluate(_args, env) {
    const bytes = Array.from({ length: 16 }, () => env.randomInt(256));
    bytes[6] = (bytes[6]! & 0x0f) | 0x40;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = bytes.map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  },
});
