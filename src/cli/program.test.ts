import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import type { CliApp, CliDeps } from './app-port.ts';
import { createProgram } from './program.ts';

afterEach(() => {
  process.exitCode = 0;
});

async function run(deps: CliDeps | undefined, ...args: string[]) {
  let stdout = '';
  let stderr = '';
  const program = createProgram(
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) },
    '0.0.0-test',
    deps,
  );
  await program.parseAsync(['node', 'roster', ...args]);
  return { stdout, stderr };
}

test('app commands without an app say how to run them, and exit 2', async () => {
  const { stderr } = await run(undefined, 'tenant', 'list');
  assert.match(stderr, /needs the app; run it through `npm run roster`/);
  assert.equal(process.exitCode, 2);
});

test('commands pass --data and --config to openApp and always close the app', async () => {
  const opened: unknown[] = [];
  let closed = 0;
  const app = {
    config: { dataDir: '/d', port: 8080, publicUrl: 'http://localhost:8080', operatorApi: false },
    accounts: { listTenants: async () => [] },
    close: async () => {
      closed++;
    },
  } as unknown as CliApp;
  const deps: CliDeps = {
    openApp: async (options) => {
      opened.push(options);
      return app;
    },
  };
  const { stdout } = await run(
    deps,
    'tenant',
    'list',
    '--data',
    '/d',
    '--config',
    '/c.json',
    '--json',
  );
  assert.deepEqual(JSON.parse(stdout), { tenants: [] });
  assert.deepEqual(opened, [
    { data: '/d', databaseUrl: undefined, config: '/c.json', port: undefined, listen: false },
  ]);
  assert.equal(closed, 1);
});

test('a config error is one line on stderr and exit code 2', async () => {
  const deps: CliDeps = {
    openApp: async () => {
      throw Object.assign(new Error('environment: PORT must be a port number'), {
        name: 'ConfigError',
      });
    },
  };
  const { stderr } = await run(deps, 'token', 'list', '--tenant', 'acme');
  assert.equal(stderr, 'error: environment: PORT must be a port number\n');
  assert.equal(process.exitCode, 2);
});
