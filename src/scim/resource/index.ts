// Public API of src/scim/resource: reading, coercing, validating and projecting resources.
export { parseAttributeList, parseAttributeName } from './attribute-list.ts';
export { checkImmutable } from './check-immutable.ts';
export { type CoerceOptions, coerceValue, isDateTime } from './coerce.ts';
export { projectResource } from './project.ts';
export {
  type AttributeList,
  compileProjection,
  needsAttribute,
  type Projection,
  type ProjectionRequest,
} from './projection.ts';
export { containerOf, getKey, readAttribute, readValues } from './read.ts';
export { isPlainObject, type ScimResource } from './types.ts';
export { type ValidateMode, type ValidateOptions, validateResource } from './validate.ts';
