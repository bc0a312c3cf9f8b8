import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request as the mock service received it. */
export interface MockRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** What the mock answers: a status with a JSON or text body, or no answer at all (`hang`), or a dropped connection. */
export interface MockReply {
  status?: number;
  json?: unknown;
  text?: string;
  headers?: Record<string, string>;
  hang?: boolean;
  drop?: boolean;
}

export interface MockService {
  url: string;
  requests: MockRequest[];
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 that answers like an outside service, for tests only. */
export async function startMockService(handle: (request: MockRequest) => MockReply | Promise<MockReply>): Promise<MockService> {
  const requests: MockRequest[] = [];
  const server = createServer((incoming, outgoing) => {
    void respond(incoming, outgoing);
  });

  async function respond(incoming: IncomingMessage, outgoing: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) {
      chunks.push(chunk as Buffer);
    }
    const url = new URL(incoming.url ?? '/', 'http://127.0.0.1');
    const request: MockRequest = { method: incoming.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: incoming.headers, body: Buffer.concat(chunks) };
    requests.push(request);
    const reply = await handle(request);
    if (reply.hang === true) {
      return;
    }
    if (reply.drop === true) {
      outgoing.socket?.destroy();
      return;
    }
    const body = reply.json === undefined ? (reply.text ?? '') : JSON.stringify(reply.json);
    const type = reply.json === undefined ? 'text/plain; charset=utf-8' : 'application/json';
    outgoing.writeHead(reply.status ?? 200, { 'content-type': type, ...reply.headers });
    outgoing.end(body);
  }

  await new Promise<void>((resolve) => {
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

/** Reads a multipart request body the way a server would. */
export async function formDataOf(request: MockRequest): Promise<FormData> {
  const contentType = String(request.headers['content-type'] ?? '');
  return await new Response(new Uint8Array(request.body), { headers: { 'content-type': contentType } }).formData();
}

/** A clip of quiet noise: recognition is mocked, so only its length and rate matter. */
export function silentClip(seconds: number, sampleRate: number, offsetSec = 0): { samples: Float32Array; sampleRate: number; offsetSec: number } {
  const samples = new Float32Array(Math.round(seconds * sampleRate));
  for (let index = 0; index < samples.length; index += 1) {
    samples[index] = Math.sin(index / 7) * 0.001;
  }
  return { samples, sampleRate, offsetSec };
}

/** Fast retry settings so tests do not wait on real back-off. */
export const QUICK_HTTP = { timeoutSec: 5, retries: 2, retryDelaySec: 0.01 } as const;
