// Process entry: `npm start` (= `roster serve`) and `npm run roster -- <command>`.
import { readFileSync } from 'node:fs';
import { createProgram } from './cli/index.ts';
import { compose } from './compose.ts';

const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};
const program = createProgram(
  { stdout: (text) => process.stdout.write(text), stderr: (text) => process.stderr.write(text) },
  version,
  { openApp: (options) => compose(options) },
);
if (process.argv.length <= 2) program.help();
await program.parseAsync(process.argv);
