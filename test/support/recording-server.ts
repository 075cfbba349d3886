import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** JSON or form bodies parsed (form values as strings). */
  readonly body: Record<string, unknown>;
}

export interface Answer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: unknown;
}

/**
 * A local HTTP server standing in for someone else's API (there is no internet here): reads each
 * request, lets `answer` decide the reply, and keeps the calls it answered with a 2xx.
 */
export class RecordingServer {
  readonly calls: RecordedCall[] = [];
  private server?: Server;

  constructor(private readonly answer: (call: RecordedCall) => Answer) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        const type = req.headers['content-type'] ?? '';
        const body = type.includes('json') ? (JSON.parse(raw || '{}') as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw));
        const call = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body };
        const answer = this.answer(call);
        if (answer.status < 300) this.calls.push(call);
        res.writeHead(answer.status, { ...(answer.body === undefined ? {} : { 'content-type': 'application/json' }), ...answer.headers });
        res.end(answer.body === undefined ? undefined : JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}
