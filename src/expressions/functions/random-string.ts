/**
 * RandomString(length, minimumNumbers, minimumSpecialCharacters, minimumCapital,
 * minimumLowerCase, charactersToAvoid): a random string meeting the minimums (Entra "functions
 * for customizing application data", § RandomString), for initial passwords.
 *
 * - Characters are those of Windows' password-complexity rules: A–Z, a–z, 0–9 and the specials
 *   ~!@#$%^&*_-+=`|\(){}[]:;"'<>,.?/ (only the ASCII letters; the Windows list also admits
 *   accented capitals, which targets often reject).
 * - length is 1–256 and at least the sum of the four minimums (the reference names three; a
 *   shorter length could not hold the lower-case minimum either).
 * - The characters beyond the minimums are drawn from the classes whose minimum is above zero
 *   (all four when every minimum is zero): `RandomString(6,3,0,0,3)` means "3 digits and 3
 *   lower-case letters", as its documented sample "1a73qt" shows, not "and maybe a $".
 * - The result is shuffled, so the classes do not come in blocks. The random source is the
 *   context's `randomInt`, cryptographically secure by default.
 *
 * Example: RandomString(6, 3, 0, 0, 3) → "1a73qt" (3 digits, 3 lower-case letters)
 */
import { toInteger, toText } from '../coerce.ts';
import { failEvaluation } from '../evaluation-error.ts';
import { defineFunction, type Env } from '../function-def.ts';
import { expressionLimits } from '../limits.ts';

const classes = [
  { name: 'numbers', chars: '0123456789' },
  { name: 'special characters', chars: '~!@#$%^&*_-+=`|\\(){}[]:;"\'<>,.?/' },
  { name: 'capital letters', chars: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' },
  { name: 'lower-case letters', chars: 'abcdefghijklmnopqrstuvwxyz' },
] as const;

const parameters = [
  'length',
  'minimumNumbers',
  'minimumSpecialCharacters',
  'minimumCapital',
  'minimumLowerCase',
];

export const randomString = defineFunction({
  name: 'RandomString',
  minArgs: 5,
  maxArgs: 6,
  signature:
    'RandomString(length, minimumNumbers, minimumSpecialCharacters, minimumCapital, minimumLowerCase, charactersToAvoid)',
  description: 'A random string with minimum counts of digits, specials, capitals and lower case.',
  evaluate(args, env) {
    const [length, ...minimums] = parameters.map((name, i) => {
      const value = toInteger(args.value(i), `RandomString ${name}`);
      if (value === null || value < 0)
        return failEvaluation(`RandomString: ${name} must be 0 or more`);
      return value;
    }) as [number, number, number, number, number];
    const limit = expressionLimits.maxRandomStringLength;
    if (length < 1 || length > limit)
      failEvaluation(`RandomString: length must be 1–${limit}, got ${length}`);
    const total = minimums.reduce((sum, n) => sum + n, 0);
    if (total > length)
      failEvaluation(`RandomString: the minimums add up to ${total}, more than length ${length}`);
    const avoid = new Set(toText(args.value(5), 'RandomString charactersToAvoid') ?? '');
    const pools = classes.map(({ chars }) => [...chars].filter((c) => !avoid.has(c)).join(''));

    const out: string[] = [];
    minimums.forEach((minimum, i) => {
      if (minimum > 0 && pools[i] === '')
        failEvaluation(`RandomString: every ${classes[i]!.name} is avoided`);
      for (let n = 0; n < minimum; n++) out.push(pick(pools[i]!, env));
    });
    const wanted = minimums.some((n) => n > 0) ? pools.filter((_, i) => minimums[i]! > 0) : pools;
    const filler = wanted.join('');
    if (out.length < length && filler === '')
      failEvaluation('RandomString: every character is avoided');
    while (out.length < length) out.push(pick(filler, env));
    for (let i = out.length - 1; i > 0; i--) {
      const j = env.randomInt(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out.join('');
  },
});

function pick(pool: string, env: Env): string {
  return pool[env.randomInt(pool.length)]!;
}
