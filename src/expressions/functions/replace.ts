/**
 * Replace(source, oldValue, regexPattern, regexGroupName, replacementValue,
 * replacementAttributeName, template): case-sensitive replacement in one of five modes, chosen
 * by which arguments are written (Entra "functions for customizing application data",
 * § Replace; the mode table is in `regex/replace-mode.ts`):
 *
 * - text: every oldValue in source becomes replacementValue (an empty oldValue is an error).
 * - template: every oldValue in template becomes the source ("<username>@contoso.com").
 * - regex: every match in source becomes replacementValue, which may use `${group}`, `$1`…
 *   (`regex/substitution.ts`).
 * - regexGroup: in every match, only the text of regexGroupName becomes replacementValue,
 *   taken literally.
 * - regexFallback: the source if it has a value; otherwise the regexGroupName text of the first
 *   match in replacementAttributeName, or null without a match. replacementAttributeName is
 *   usually `[mobile]`; a string constant is read as the attribute's name ("mobile"), as the
 *   parameter's name says.
 *
 * Patterns are .NET regexes (`regex/translate-regex.ts`); a constant pattern is compiled once
 * per job, and refused at compile time if invalid or catastrophic (`regex/compile-regex.ts`).
 *
 * Null: a null source gives null, except in regexFallback, where it selects the fallback.
 *
 * Example: Replace([userPrincipalName], , "(?<Suffix>@(.)*)", "Suffix", "", , ) with
 *   "jsmith@contoso.com" → "jsmith"
 */
import { toText } from '../coerce.ts';
import { failEvaluation } from '../evaluation-error.ts';
import { ExpressionError } from '../expression-error.ts';
import { type Args, defineFunction, type Env, literalString } from '../function-def.ts';
import { compileRegex, guardRegexInput } from '../regex/compile-regex.ts';
import { type ReplaceMode, replaceMode } from '../regex/replace-mode.ts';
import { expandSubstitution, parseSubstitution, type Substitution } from '../regex/substitution.ts';

interface Prepared {
  mode: ReplaceMode;
  regex?: RegExp;
  substitution?: Substitution;
  /** Set when replacementAttributeName is a string constant naming the attribute. */
  attributeName?: string;
}

export const replace = defineFunction<Prepared>({
  name: 'Replace',
  minArgs: 2,
  maxArgs: 7,
  signature:
    'Replace(source, oldValue, regexPattern, regexGroupName, replacementValue, replacementAttributeName, template)',
  description: 'Replaces text, regex matches or a regex group; or fills a template.',
  prepare({ node }) {
    const mode = replaceMode(node.args, node.span);
    if (typeof mode !== 'string')
      throw new ExpressionError('invalidArgument', mode.reason, mode.span);
    const prepared: Prepared = { mode };
    const pattern = literalString(node.args[2]);
    if (pattern !== undefined) {
      const regex = compileRegex(pattern);
      if (typeof regex === 'string')
        throw new ExpressionError('invalidArgument', `Replace: ${regex}`, node.args[2]!.span);
      prepared.regex = regex;
      const group = literalString(node.args[3]);
      if (group !== undefined && mode !== 'regex' && !hasGroup(regex, group)) {
        throw new ExpressionError(
          'invalidArgument',
          `Replace: the pattern has no group named '${group}'`,
          node.args[3]!.span,
        );
      }
    }
    const replacement = literalString(node.args[4]);
    if (mode === 'regex' && replacement !== undefined)
      prepared.substitution = parseSubstitution(replacement);
    prepared.attributeName = literalString(node.args[5]);
    return prepared;
  },
  evaluate(args, env, prepared) {
    const { mode } = prepared;
    const source = toText(args.value(0), 'Replace source');
    if (mode === 'regexFallback') return fallback(source, args, env, prepared);
    if (source === null) return null;
    if (mode === 'text' || mode === 'template') {
      const oldValue = toText(args.value(1), 'Replace oldValue');
      if (!oldValue) return failEvaluation('Replace: oldValue must not be empty');
      if (mode === 'template')
        return (toText(args.value(6), 'Replace template') ?? '').split(oldValue).join(source);
      return source.split(oldValue).join(toText(args.value(4), 'Replace replacementValue') ?? '');
    }
    guardRegexInput(source, 'Replace');
    const regex = prepared.regex ?? dynamicRegex(args);
    const replacement = toText(args.value(4), 'Replace replacementValue') ?? '';
    if (mode === 'regex') {
      const substitution = prepared.substitution ?? parseSubstitution(replacement);
      return rebuild(source, regex, (match) => ({
        from: match.index,
        to: match.index + match[0].length,
        text: expandSubstitution(substitution, match, source),
      }));
    }
    const group = groupName(args, regex);
    return rebuild(source, regex, (match) => {
      const at = match.indices?.groups?.[group];
      return at ? { from: at[0], to: at[1], text: replacement } : undefined;
    });
  },
});

type Edit = { from: number; to: number; text: string } | undefined;

function rebuild(source: string, regex: RegExp, edit: (match: RegExpExecArray) => Edit): string {
  let out = '';
  let copied = 0;
  for (const match of source.matchAll(regex)) {
    const change = edit(match);
    if (!change) continue;
    out += source.slice(copied, change.from) + change.text;
    copied = change.to;
  }
  return out + source.slice(copied);
}

function fallback(source: string | null, args: Args, env: Env, prepared: Prepared): string | null {
  if (source !== null && source !== '') return source;
  const value =
    prepared.attributeName === undefined
      ? toText(args.value(5), 'Replace replacementAttributeName')
      : toText(env.attribute(prepared.attributeName), 'Replace replacementAttributeName');
  if (value === null) return null;
  guardRegexInput(value, 'Replace');
  const regex = prepared.regex ?? dynamicRegex(args);
  const group = groupName(args, regex);
  for (const match of value.matchAll(regex)) {
    const text = match.groups?.[group];
    if (text !== undefined) return text;
  }
  return null;
}

function dynamicRegex(args: Args): RegExp {
  const pattern = toText(args.value(2), 'Replace regexPattern');
  if (pattern === null) return failEvaluation('Replace: regexPattern is null');
  const regex = compileRegex(pattern);
  return typeof regex === 'string' ? failEvaluation(`Replace: ${regex}`) : regex;
}

function groupName(args: Args, regex: RegExp): string {
  const name = toText(args.value(3), 'Replace regexGroupName');
  if (name === null || !hasGroup(regex, name))
    return failEvaluation(`Replace: the pattern has no group named '${name}'`);
  return name;
}

function hasGroup(regex: RegExp, name: string): boolean {
  return regex.source.includes(`(?<${name}>`);
}
