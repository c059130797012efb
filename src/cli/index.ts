export { type CliIo, createProgram } from './program.ts';
