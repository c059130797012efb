/**
 * Parses and checks the body of a PATCH request (RFC 7644 §3.5.2) before anything is applied:
 * `Operations` must be a non-empty array, each `op` one of add/replace/remove (any case, as
 * Entra sends `Add`), every `path` must parse, a remove needs a path, an add or replace needs a
 * value (an object when there is no path). `schemas` may be missing (lenient), but when present
 * it must name the PatchOp message.
 *
 * Example:
 *   parsePatchRequest({ Operations: [{ op: 'Replace', path: 'active', value: 'False' }] })
 *     → [{ op: 'replace', path: 'active', target: { name: 'active' }, value: 'False', hasValue: true }]
 */
import { badRequest, quote, ScimError } from '../errors.ts';
import { parsePatchPath } from '../filter/index.ts';
import { getKey } from '../resource/read.ts';
import { isPlainObject } from '../resource/types.ts';
import { type PatchOp, type PatchOperation, patchOpSchema } from './patch-operation.ts';

const ops: readonly PatchOp[] = ['add', 'replace', 'remove'];

/** RFC 7644 §3.5.2: the request body → its operations, or a 400 quoting what is wrong. */
export function parsePatchRequest(body: unknown): PatchOperation[] {
  if (!isPlainObject(body)) {
    throw badRequest('invalidSyntax', `A PATCH body must be a JSON object, got ${quote(body)}`);
  }
  checkSchemas(getKey(body, 'schemas'));
  const operations = getKey(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) {
    throw badRequest(
      'invalidSyntax',
      `A PATCH body needs "Operations", a non-empty array, got ${quote(operations ?? 'nothing')}`,
    );
  }
  return operations.map((operation, i) => ({
    ...parseOperation(operation, `Operations[${i}]`),
    index: i,
  }));
}

function checkSchemas(schemas: unknown): void {
  if (schemas === undefined || schemas === null) return; // tolerated: some clients omit it
  const list = Array.isArray(schemas) ? schemas : [schemas];
  const names = list.some(
    (s) => typeof s === 'string' && s.toLowerCase() === patchOpSchema.toLowerCase(),
  );
  if (!names) {
    throw badRequest(
      'invalidSyntax',
      `A PATCH body's "schemas" must contain "${patchOpSchema}", got ${quote(schemas)}`,
    );
  }
}

function parseOperation(raw: unknown, where: string): PatchOperation {
  if (!isPlainObject(raw)) {
    throw badRequest('invalidSyntax', `${where} must be a JSON object, got ${quote(raw)}`);
  }
  const opText = getKey(raw, 'op');
  const op = typeof opText === 'string' ? opText.trim().toLowerCase() : undefined;
  if (!ops.includes(op as PatchOp)) {
    throw badRequest(
      'invalidSyntax',
      `${where}.op must be "add", "replace" or "remove", got ${quote(opText ?? 'nothing')}`,
    );
  }
  const operation: PatchOperation = { op: op as PatchOp, hasValue: false };
  const value = getKey(raw, 'value');
  if (value !== undefined) {
    operation.value = value;
    operation.hasValue = true;
  }
  const path = getKey(raw, 'path');
  if (path !== undefined && path !== null && (typeof path !== 'string' || path.trim() !== '')) {
    if (typeof path !== 'string') {
      throw badRequest('invalidPath', `${where}.path must be a string, got ${quote(path)}`);
    }
    operation.path = path.trim();
    operation.target = parsePath(operation.path, where);
  }
  if (operation.op === 'remove') {
    if (operation.path === undefined) {
      throw badRequest(
        'noTarget',
        `${where}: a remove operation needs a "path" (RFC 7644 §3.5.2.2)`,
      );
    }
    return operation;
  }
  if (!operation.hasValue) {
    throw badRequest('invalidValue', `${where}: an ${operation.op} operation needs a "value"`);
  }
  if (operation.path === undefined && !isPlainObject(operation.value)) {
    throw badRequest(
      'invalidValue',
      `${where}: an ${operation.op} without "path" needs an object of attributes as its "value", got ${quote(operation.value)}`,
    );
  }
  return operation;
}

/** `path` parsed; its syntax errors become 400 invalidPath naming the operation. */
function parsePath(path: string, where: string) {
  try {
    return parsePatchPath(path);
  } catch (error) {
    if (!(error instanceof ScimError)) throw error;
    throw badRequest('invalidPath', `${where}.path: ${error.detail}`);
  }
}
