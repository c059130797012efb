export type { AppOptions, CliApp, CliDeps } from './app-port.ts';
export { type CliIo, createProgram } from './program.ts';
