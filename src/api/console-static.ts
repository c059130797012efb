/**
 * Serves the built web console (dist/console, made by `vite build`) at `/`: files under
 * /assets/ have hashed names and are cached for a year (immutable); index.html and any other
 * path that is not a file (a client route such as /identity/apps/new) get index.html, never
 * cached, so a new build shows at the next load. GET only (Hono answers HEAD from it); nothing
 * outside the folder is ever read.
 * When the console is not built, `/` says how to build it.
 *
 * Example: app.get('*', serveConsole({ dir: 'dist/console' }))
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from 'hono';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** What the console's page may load: its own scripts and styles, inline SVG logos (data:). */
const contentSecurityPolicy = [
  "default-src 'self'",
  "img-src 'self' data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export interface ConsoleOptions {
  /** The built console, e.g. `<repo>/dist/console`. */
  dir: string;
}

async function fileAt(file: string): Promise<Buffer | undefined> {
  try {
    if (!(await stat(file)).isFile()) return undefined;
    return await readFile(file);
  } catch {
    return undefined;
  }
}

/** Paths that belong to the server, never to the console (no index.html fallback there). */
const serverPaths = /^\/(?:api|scim|healthz|metrics)(?:\/|$)/;

export function serveConsole(options: ConsoleOptions) {
  const root = path.resolve(options.dir);
  return async (c: Context) => {
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      return c.text('bad path', 400);
    }
    if (serverPaths.test(pathname)) return c.text('not found', 404);
    const target = path.resolve(root, `.${path.posix.normalize(`/${pathname}`)}`);
    const inside = target === root || target.startsWith(`${root}${path.sep}`);
    const isAsset = pathname.startsWith('/assets/');
    const found = inside && pathname !== '/' ? await fileAt(target) : undefined;
    c.header('X-Content-Type-Options', 'nosniff');
    if (found) {
      c.header('Content-Type', types[path.extname(target)] ?? 'application/octet-stream');
      c.header(
        'Cache-Control',
        isAsset ? 'public, max-age=31536000, immutable' : 'public, max-age=300',
      );
      return c.body(new Uint8Array(found));
    }
    // A missing hashed asset is a 404 (an old page asking for a file a rebuild removed).
    if (isAsset || path.extname(pathname) !== '') return c.text('not found', 404);
    const index = await fileAt(path.join(root, 'index.html'));
    if (!index)
      return c.text(
        'The web console is not built. Run `npm run build:console` (npm start does it when dist/console is missing), then reload.\n',
        503,
      );
    c.header('Content-Type', types['.html']!);
    c.header('Cache-Control', 'no-cache');
    c.header('Content-Security-Policy', contentSecurityPolicy);
    c.header('Referrer-Policy', 'same-origin');
    c.header('X-Frame-Options', 'DENY');
    return c.body(new Uint8Array(index));
  };
}
