import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A request a mock received. */
export interface ReceivedRequest {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A mock's response: a status and body, sent after `delayMs` when set. */
export interface MockAnswer {
  status: number;
  body: string;
  delayMs?: number;
}

export interface HttpMock {
  url: string;
  received: ReceivedRequest[];
  /** Responses in request order. The last one repeats for later requests. */
  answers: MockAnswer[];
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1 that stands in for the Telegram Bot API or a webhook receiver. */
export async function startHttpMock(answers: MockAnswer[] = [{ status: 200, body: '{"ok":true,"result":{}}' }]): Promise<HttpMock> {
  const received: ReceivedRequest[] = [];
  const mock: HttpMock = { url: '', received, answers, close: () => Promise.resolve() };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ path: request.url ?? '', headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      const answer = mock.answers[Math.min(received.length - 1, mock.answers.length - 1)] ?? { status: 200, body: '{}' };
      const reply = () => {
        if (response.destroyed) return;
        response.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
      };
      if (answer.delayMs === undefined) reply();
      else setTimeout(reply, answer.delayMs).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mock.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  mock.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => {
        resolve();
      });
    });
  return mock;
}

export interface ReceivedMail {
  from: string;
  to: string[];
  data: string;
}

export interface SmtpMock {
  port: number;
  mails: ReceivedMail[];
  /** SMTP reply code to reject the next messages with (e.g. 550), or null to accept them. */
  rejectWith: number | null;
  close(): Promise<void>;
}

/** Starts an SMTP server on 127.0.0.1 without TLS that keeps every message it accepts. */
export async function startSmtpMock(options: { user?: string; password?: string } = {}): Promise<SmtpMock> {
  const mails: ReceivedMail[] = [];
  const mock: SmtpMock = { port: 0, mails, rejectWith: null, close: () => Promise.resolve() };
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: options.user === undefined,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.password) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (mock.rejectWith !== null) {
          const error = new Error('Mailbox unavailable') as Error & { responseCode: number };
          error.responseCode = mock.rejectWith;
          callback(error);
          return;
        }
        mails.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((address) => address.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mock.port = (server.server.address() as AddressInfo).port;
  mock.close = () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    });
  return mock;
}

/** Decodes a quoted-printable or base64 plain-text mail body well enough to search it. */
export function mailText(data: string): string {
  const [headers = '', ...bodyParts] = data.split(/\r?\n\r?\n/u);
  const body = bodyParts.join('\n\n');
  if (/content-transfer-encoding:\s*base64/iu.test(headers)) return Buffer.from(body.replace(/\s+/gu, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding:\s*quoted-printable/iu.test(headers)) {
    const joined = body.replace(/=\r?\n/gu, '');
    return Buffer.from(joined.replace(/=([0-9A-F]{2})/gu, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1').toString('utf8');
  }
  return body;
}
