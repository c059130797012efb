/**
 * Vite builds the console (a React 19 SPA) from src/console into dist/console; Vitest runs the
 * console's unit tests (`*.test.tsx`) in happy-dom. The server serves dist/console at `/`
 * (src/api/console-static.ts). Run from the repository root:
 * `vite build --config src/console/vite.config.ts`.
 */
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const here = import.meta.dirname;

export default defineConfig({
  root: here,
  base: '/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: path.resolve(here, '../../dist/console'),
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: true,
    chunkSizeWarningLimit: 800,
  },
  test: {
    root: here,
    environment: 'happy-dom',
    include: ['**/*.test.tsx'],
    setupFiles: ['./test-support/setup.ts'],
    restoreMocks: true,
  },
});
