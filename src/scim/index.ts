// The SCIM protocol ring's public surface (RFC 7643 / RFC 7644). Outer rings import from here only.
export * from './errors.ts';
export * from './filter/index.ts';
export * from './list/index.ts';
export * from './patch/index.ts';
export * from './resource/index.ts';
export * from './schema/index.ts';
