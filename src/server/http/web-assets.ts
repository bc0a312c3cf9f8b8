import { existsSync } from 'node:fs';
import path from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';

import type { AppEnv } from '../app-env.ts';

/** Folder of the built web UI in a checkout: `web/dist` at the repository root. */
export const DEFAULT_WEB_DIST = path.resolve(import.meta.dirname, '..', '..', '..', 'web', 'dist');

const PLACEHOLDER = `<!doctype html>
<html lang="ru">
<head><meta charset="utf-8"><title>okk</title></head>
<body style="font-family: sans-serif; max-width: 40rem; margin: 4rem auto; line-height: 1.5">
<h1>okk работает</h1>
<p>Веб-интерфейс ещё не собран: в папке <code>web/dist</code> нет файлов.
Соберите его командой <code>npm run build:web</code> в корневой папке okk (там, где лежит <code>package.json</code>) и обновите страницу.</p>
<p>API уже доступен: <a href="/api/docs">документация API</a>.</p>
</body>
</html>
`;

/**
 * Serves the built UI at `/`. Paths without a file get `index.html`, so the UI's own routes
 * (`/calls/123`) load on refresh. Without a build, a Russian placeholder page explains how to make one.
 */
export function mountWebAssets(app: Hono<AppEnv>, webDist: string | null): void {
  const root = webDist !== null && existsSync(path.join(webDist, 'index.html')) ? webDist : null;
  if (root === null) {
    app.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(PLACEHOLDER)));
    return;
  }
  const files = serveStatic<AppEnv>({ root });
  const index = serveStatic<AppEnv>({ root, path: 'index.html' });
  const serveFiles: MiddlewareHandler<AppEnv> = (c, next) => (c.req.path.startsWith('/api/') ? next() : files(c, next));
  // Paths without an extension are the UI's own routes; a missing file with one stays a 404.
  const serveIndex: MiddlewareHandler<AppEnv> = (c, next) => (c.req.path.startsWith('/api/') || path.extname(c.req.path) !== '' ? next() : index(c, next));
  app.use('*', serveFiles);
  app.get('*', serveIndex);
}
