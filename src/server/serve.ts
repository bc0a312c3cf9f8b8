import type { Server } from 'node:http';
import { serve } from '@hono/node-server';

import type { Logger } from '../lib/logger.ts';
import type { ApiApp } from './app-env.ts';

export interface RunningServer {
  /** Address users open, e.g. `http://127.0.0.1:8080`. */
  url: string;
  port: number;
  /** Stops accepting connections and waits for requests in progress, up to `graceMs`. */
  close(graceMs?: number): Promise<void>;
}

/** Requests still running after this long at shutdown are cut off, in milliseconds. */
const DEFAULT_GRACE_MS = 10_000;

/** Listens on `host:port` and serves the app. Port 0 picks a free port, reported in the result. */
export function startServer(app: ApiApp, options: { host: string; port: number; logger: Logger }): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname: options.host, port: options.port }, (info) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      const url = `http://${host}:${info.port}`;
      options.logger.info({ url }, 'server listening');
      resolve({ url, port: info.port, close: (graceMs = DEFAULT_GRACE_MS) => closeServer(server as Server, graceMs, options.logger) });
    });
    server.once('error', reject);
  });
}

function closeServer(server: Server, graceMs: number, logger: Logger): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      logger.warn({ graceMs }, 'requests still running at shutdown were cut off');
      server.closeAllConnections();
    }, graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      logger.info('server stopped');
      resolve();
    });
    // Idle keep-alive connections would hold `close` open until they time out.
    server.closeIdleConnections();
  });
}
