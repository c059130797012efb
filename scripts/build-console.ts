/**
 * Builds the web console (src/console → dist/console) with Vite. `npm run build:console` always
 * builds; `npm start` runs it with `--if-stale` first, which builds only when dist/console is
 * missing or older than a console source file, so a fresh clone's `npm install && npm start`
 * serves a console and a restart costs nothing.
 *
 * Example: node scripts/build-console.ts --if-stale
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
export const consoleSource = path.join(root, 'src', 'console');
export const consoleOutput = path.join(root, 'dist', 'console');

/** Why the built console is out of date, or null when it is current. */
export function staleReason(): string | null {
  const index = path.join(consoleOutput, 'index.html');
  if (!existsSync(index)) return 'dist/console is missing';
  const built = statSync(index).mtimeMs;
  for (const entry of readdirSync(consoleSource, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || entry.name.includes('.test.')) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (statSync(file).mtimeMs > built)
      return `${path.relative(root, file)} changed since the last build`;
  }
  return null;
}

export async function buildConsole(): Promise<void> {
  const { build } = await import('vite');
  await build({
    configFile: path.join(consoleSource, 'vite.config.ts'),
    logLevel: 'warn',
  });
}

/** Builds when stale; says what it did on stdout. */
export async function ensureConsoleBuilt(log = (line: string) => console.log(line)) {
  const reason = staleReason();
  if (reason === null) return;
  log(`console: building (${reason})…`);
  const started = performance.now();
  await buildConsole();
  log(`console: built into dist/console in ${Math.round(performance.now() - started)} ms`);
}

if (import.meta.main) {
  if (process.argv.includes('--if-stale')) await ensureConsoleBuilt();
  else {
    const started = performance.now();
    await buildConsole();
    console.log(
      `console: built into dist/console in ${Math.round(performance.now() - started)} ms`,
    );
  }
}
