/**
 * The recursive-descent core of the filter grammar of RFC 7644 §3.4.2.2 (Figure 1), shared by
 * parseFilter and parsePatchPath: the precedence `not` > `and` > `or` (both left-associative), parentheses, and value paths
 * `emails[type eq "work" and value co "@example.com"]`. Operators and keywords are
 * case-insensitive and lower-cased in the AST; attribute names are kept as written.
 *
 * Depth is bounded by `maxDepth` and and/or chains are built in loops, so no input can
 * overflow the stack; `maxTerms` bounds the work.
 *
 * Example: createFilterParser(createLexer('a pr or b pr', fail), limits, fail).filter()
 *   → { kind: 'or', left: { kind: 'present', … }, right: { kind: 'present', … } }
 */
import type { AttrPath, CompareOperator, FilterNode } from './ast.ts';
import { toAttrPath } from './attr-path.ts';
import type { Lexer, Token, TokenKind } from './lexer.ts';
import type { FilterLimits } from './limits.ts';
import { type Fail, unexpected } from './syntax-error.ts';

const compareOperators: ReadonlySet<string> = new Set<CompareOperator>([
  'eq',
  'ne',
  'co',
  'sw',
  'ew',
  'gt',
  'ge',
  'lt',
  'le',
]);
const operatorHint = 'expected an operator: eq, ne, co, sw, ew, gt, ge, lt, le or pr';

const isKeyword = (token: Token, keyword: string) =>
  token.kind === 'word' && token.text.toLowerCase() === keyword;

export interface FilterParser {
  /** A whole filter expression (stops before `)`, `]` or the end). */
  filter(): FilterNode;
  /** The value filter after an already consumed `[`, through its `]`. */
  bracketed(parent: AttrPath, open: Token): { filter: FilterNode; close: Token };
  expect(kind: TokenKind, hint: string): Token;
}

/** The parser over a lexer; shared by parseFilter and parsePatchPath. */
export function createFilterParser(lexer: Lexer, limits: FilterLimits, fail: Fail): FilterParser {
  let depth = 0;
  let terms = 0;

  function expect(kind: TokenKind, hint: string): Token {
    const token = lexer.next();
    if (token.kind !== kind) fail(unexpected(token.text), token.pos, hint);
    return token;
  }

  function enter(token: Token): void {
    depth++;
    if (depth > limits.maxDepth) fail(`Nesting deeper than ${limits.maxDepth} levels`, token.pos);
  }

  /** Parentheses opened by `open`, through the matching `)`. */
  function group(open: Token, parent: AttrPath | undefined): FilterNode {
    enter(open);
    const inner = orExpr(parent);
    expect(')', 'expected "and", "or" or ")"');
    depth--;
    return inner;
  }

  function orExpr(parent: AttrPath | undefined): FilterNode {
    let left = andExpr(parent);
    while (isKeyword(lexer.peek(), 'or')) {
      lexer.next();
      left = { kind: 'or', left, right: andExpr(parent) };
    }
    return left;
  }

  function andExpr(parent: AttrPath | undefined): FilterNode {
    let left = unary(parent);
    while (isKeyword(lexer.peek(), 'and')) {
      lexer.next();
      left = { kind: 'and', left, right: unary(parent) };
    }
    return left;
  }

  function unary(parent: AttrPath | undefined): FilterNode {
    const token = lexer.next();
    if (token.kind === '(') return group(token, parent);
    if (isKeyword(token, 'not')) {
      // RFC 7644 Figure 1: `"not" "(" FILTER ")"` — the parentheses are required.
      const open = lexer.next();
      if (open.kind !== '(') fail(unexpected(open.text), open.pos, 'expected "(" after "not"');
      return { kind: 'not', filter: group(open, parent) };
    }
    if (token.kind !== 'word') {
      return fail(unexpected(token.text), token.pos, 'expected an attribute name, "(" or "not"');
    }
    const path = toAttrPath(token.text, token.pos, fail);
    if (parent && (path.uri !== undefined || path.subAttr !== undefined)) {
      fail(
        `Inside ${parent.name}[…] name a sub-attribute of ${parent.name} alone`,
        token.pos,
        'no schema URI and no "." (RFC 7644 §3.4.2.2 valuePath)',
      );
    }
    const next = lexer.next();
    if (next.kind !== '[') return attrExpr(path, token, next);
    if (parent) fail('Value filters cannot be nested', next.pos, 'RFC 7644 errata 4690');
    if (path.subAttr !== undefined) {
      fail('A value filter applies to an attribute, not a sub-attribute', next.pos);
    }
    const { filter, close } = bracketed(path, next);
    const after = lexer.peek();
    if (after.kind !== 'word' || !after.text.startsWith('.') || after.pos !== close.pos + 1) {
      return { kind: 'valuePath', path, filter };
    }
    // Entra leniency: `emails[type eq "work"].value eq "x"` is not RFC filter syntax (a
    // sub-attribute after "]" belongs to PATCH paths), but Entra sends it to match users.
    // It means "one work email whose value is x", so it becomes
    // emails[type eq "work" and value eq "x"] — both conditions on the same element.
    lexer.next();
    const sub = toAttrPath(after.text.slice(1), after.pos + 1, fail);
    if (sub.uri !== undefined || sub.subAttr !== undefined) {
      fail('Expected one sub-attribute name after "]."', after.pos + 1);
    }
    const condition = attrExpr(sub, after, lexer.next());
    return { kind: 'valuePath', path, filter: { kind: 'and', left: filter, right: condition } };
  }

  /** `path op value` or `path pr`, where `op` is the token after the path. */
  function attrExpr(path: AttrPath, at: Token, op: Token): FilterNode {
    const word = op.kind === 'word' ? op.text.toLowerCase() : '';
    if (word !== 'pr' && !compareOperators.has(word)) {
      return fail(unexpected(op.text), op.pos, operatorHint);
    }
    terms++;
    if (terms > limits.maxTerms) fail(`More than ${limits.maxTerms} comparisons`, at.pos);
    if (word === 'pr') return { kind: 'present', path };
    const { value } = lexer.value();
    return { kind: 'compare', path, op: word as CompareOperator, value };
  }

  function bracketed(parent: AttrPath, open: Token): { filter: FilterNode; close: Token } {
    enter(open);
    const filter = orExpr(parent);
    const close = expect(']', 'expected "and", "or" or "]"');
    depth--;
    return { filter, close };
  }

  return { filter: () => orExpr(undefined), bracketed, expect };
}
