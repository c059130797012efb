/**
 * The real Roster for browser tests: the CLI against a temporary data directory, and
 * `roster serve --port 0` in a child process whose URL is read from its first line.
 *
 * Example: const server = await startRoster(dataDir); … await server.stop();
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

const root = path.resolve(import.meta.dirname, '../..');
const main = path.join(root, 'src', 'main.ts');
const run = promisify(execFile);

const quietEnv = () => {
  const env: NodeJS.ProcessEnv = { ...process.env, ROSTER_LOG_LEVEL: 'warn' };
  for (const key of [
    'PORT',
    'ROSTER_PUBLIC_URL',
    'ROSTER_CONFIG',
    'DATABASE_URL',
    'ROSTER_DATA_DIR',
  ])
    delete env[key];
  return env;
};

/** Runs `roster <args> --data <dataDir> --json` and returns its JSON answer. */
export async function roster(dataDir: string, ...args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, [main, ...args, '--data', dataDir, '--json'], {
    cwd: root,
    env: quietEnv(),
  });
  return JSON.parse(stdout);
}

export interface RunningRoster {
  url: string;
  stop: () => Promise<void>;
  /** What the server wrote to stderr (warnings and errors), for a failing test's message. */
  stderr: () => string;
}

export function startRoster(dataDir: string): Promise<RunningRoster> {
  const child: ChildProcess = spawn(
    process.execPath,
    [main, 'serve', '--port', '0', '--data', dataDir],
    { cwd: root, env: quietEnv(), stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr!.on('data', (chunk) => {
    err += chunk;
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`roster serve did not start within 20 s:\n${out}\n${err}`));
    }, 20_000);
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const found = /serving on (http:\/\/\S+) /.exec(out);
      if (found) {
        clearTimeout(timer);
        resolve({ url: found[1]!, stop, stderr: () => err });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`roster serve exited with ${code}:\n${out}\n${err}`));
    });
  });
}
