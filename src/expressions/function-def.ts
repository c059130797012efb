/**
 * What a function of the expression language is: its name and arity (checked when an
 * expression is compiled), an optional `prepare` step that judges constant arguments once per
 * job (regexes are compiled there), and `evaluate`, called per object with lazily evaluated
 * arguments so that IIF, Switch and Coalesce evaluate only what they need.
 *
 * Example: defineFunction({ name: 'StripSpaces', minArgs: 1, maxArgs: 1, …,
 *   evaluate: (args) => toText(args.value(0), 'StripSpaces')?.replaceAll(' ', '') ?? null })
 */
import type { ArgumentNode, CallNode, Span } from './ast.ts';
import type { ExpressionValue } from './values.ts';

/** The arguments of one call during one evaluation. */
export interface Args {
  readonly count: number;
  /** True when argument `i` is written and not empty (`f(a, , b)`: 1 is not provided). */
  provided(i: number): boolean;
  /** The value of argument `i`, evaluated on first use; null when absent or empty. */
  value(i: number): ExpressionValue;
}

/** What a function may use from the world: all of it injected through the context. */
export interface Env {
  now(): Date;
  /** The value of an attribute by name, as `[name]` reads it. */
  attribute(name: string): ExpressionValue;
  /** A uniformly random integer in [0, maxExclusive). */
  randomInt(maxExclusive: number): number;
  /** Marks the result as sensitive: Redact. */
  redact(): void;
  /** Records SelectUniqueValue's candidates for the engine. */
  offerCandidates(candidates: readonly string[]): void;
}

/** A call as compile time sees it. */
export interface CallSite {
  node: CallNode;
  /** True for the outermost call of the expression. */
  isRoot: boolean;
}

export interface FunctionDef<Prepared = undefined> {
  /** Canonical spelling, as in Entra's reference. */
  name: string;
  minArgs: number;
  /** null: no upper bound. */
  maxArgs: number | null;
  /** The parameter list as the reference writes it. */
  signature: string;
  /** One line for the expression editor. */
  description: string;
  /** Judges the call once at compile time; throws ExpressionError; returns data for evaluate. */
  prepare?(site: CallSite): Prepared;
  evaluate(args: Args, env: Env, prepared: Prepared): ExpressionValue;
}

export type AnyFunctionDef = FunctionDef<unknown>;

/** Erases the prepared-data type so that every function fits one registry. */
export function defineFunction<Prepared>(def: FunctionDef<Prepared>): AnyFunctionDef {
  return def as AnyFunctionDef;
}

/** The constant string of an argument (a `"string"` literal), if it is one. */
export function literalString(arg: ArgumentNode | undefined): string | undefined {
  return arg?.kind === 'string' ? arg.value : undefined;
}

/** True when the argument is written and not empty. */
export function isProvided(arg: ArgumentNode | undefined): boolean {
  return arg !== undefined && arg.kind !== 'empty';
}

export function spanOf(arg: ArgumentNode | undefined, site: CallSite): Span {
  return arg?.span ?? site.node.span;
}
