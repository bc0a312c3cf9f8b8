import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Hono } from 'hono';

import type { AppEnv } from '../app-env.ts';

const require = createRequire(import.meta.url);

/** Files of `swagger-ui-dist` the docs page loads, with their content types. */
const ASSETS: Readonly<Record<string, string>> = {
  'swagger-ui.css': 'text/css; charset=utf-8',
  'swagger-ui-bundle.js': 'text/javascript; charset=utf-8',
  'swagger-ui-standalone-preset.js': 'text/javascript; charset=utf-8',
  'favicon-32x32.png': 'image/png',
};

const PAGE = `<!doctype html>
<html lang="ru">
<head>
<meta charset="utf-8">
<title>okk — документация API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css">
<link rel="icon" type="image/png" href="/api/docs/assets/favicon-32x32.png">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/swagger-ui-standalone-preset.js"></script>
<script src="/api/docs/init.js"></script>
</body>
</html>
`;

// Runs in the browser. "Try it out" sends the session cookie by itself; changing requests also need the
// CSRF token, which is read from the session once signed in. The validator badge is switched off: it
// would send the document to an outside server.
const INIT_SCRIPT = `(function () {
  var csrfToken = null;
  function loadToken() {
    return fetch('/api/v1/session', { credentials: 'same-origin' })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (session) { csrfToken = session ? session.csrfToken : null; })
      .catch(function () { csrfToken = null; });
  }
  loadToken();
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'BaseLayout',
    requestInterceptor: function (request) {
      if (csrfToken && request.method && request.method !== 'GET') {
        request.headers['X-CSRF-Token'] = csrfToken;
      }
      return request;
    },
    responseInterceptor: function (response) {
      if (response.url && response.url.indexOf('/api/v1/session') !== -1) {
        loadToken();
      }
      return response;
    }
  });
})();
`;

/** Serves the API docs page at `/api/docs` from the bundled `swagger-ui-dist`; nothing loads from outside. */
export function mountApiDocs(app: Hono<AppEnv>): void {
  const folder = path.dirname(require.resolve('swagger-ui-dist/package.json'));

  app.get('/api/docs', (c) => c.html(PAGE));
  app.get('/api/docs/init.js', (c) => c.body(INIT_SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }));
  app.get('/api/docs/assets/:file', async (c) => {
    const file = c.req.param('file');
    const type = ASSETS[file];
    if (type === undefined) {
      return c.notFound();
    }
    const content = await readFile(path.join(folder, file));
    return c.body(content, 200, { 'Content-Type': type, 'Cache-Control': 'public, max-age=86400' });
  });
}
