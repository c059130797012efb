/**
 * The attribute-mapping expression language of the provisioning service: every function of
 * Entra's "Reference for writing expressions for attribute mappings" (functions for
 * customizing application data), compiled once per job and evaluated per object.
 *
 * Example:
 *   const active = compileExpression('Switch([IsSoftDeleted], , "False", "True", "True", "False")');
 *   evaluate(active, { attributes: {}, isSoftDeleted: true }) → { kind: 'value', value: 'False', redacted: false }
 */
export type {
  ArgumentNode,
  AttributeNode,
  CallNode,
  CompareNode,
  CompareOperator,
  EmptyNode,
  ExpressionNode,
  NameNode,
  NumberNode,
  OperandNode,
  Span,
  StringNode,
} from './ast.ts';
export type { Attributes } from './attribute-lookup.ts';
export { type CompiledExpression, compileExpression } from './compile.ts';
export { formatEntraDate } from './dates/entra-date-format.ts';
export { type EvaluationContext, type EvaluationResult, evaluate } from './evaluate.ts';
export type { EvaluationError } from './evaluation-error.ts';
export { ExpressionError, type ExpressionErrorCode } from './expression-error.ts';
export { expressionLimits } from './limits.ts';
export { type FunctionInfo, listFunctions } from './list-functions.ts';
export { parseExpression } from './parse.ts';
export { printExpression, printString } from './print.ts';
export { renderCaret } from './render-caret.ts';
export { type JsonValue, toJsonValue } from './to-json-value.ts';
export type {
  AppRoleAssignment,
  AttributeValue,
  ComplexValue,
  ElementValue,
  ExpressionValue,
  ScalarValue,
} from './values.ts';
