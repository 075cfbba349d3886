import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface PlatformCall {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string | string[] | undefined>;
  /** JSON or form bodies parsed (form values as strings). */
  readonly body: Record<string, unknown>;
}

/**
 * One local stand-in for the messaging platforms' APIs (Telegram Bot API, Graph API, LINE,
 * Slack Web API, Twilio): records every call and answers with the shape each client expects.
 */
export class FakePlatformApi {
  readonly calls: PlatformCall[] = [];
  private server?: Server;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let raw = '';
      req.on('data', (chunk: Buffer) => (raw += chunk.toString()));
      req.on('end', () => {
        const type = req.headers['content-type'] ?? '';
        const body = type.includes('json') ? (JSON.parse(raw || '{}') as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw));
        const path = req.url ?? '/';
        this.calls.push({ method: req.method ?? 'GET', path, headers: req.headers, body });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answerFor(path)));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  get origin(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
  }

  /** Calls whose path contains `part`, e.g. "sendMessage". */
  callsTo(part: string): PlatformCall[] {
    return this.calls.filter((call) => call.path.includes(part));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server!.close(() => resolve()));
  }
}

function answerFor(path: string): unknown {
  if (path.startsWith('/bot')) return { ok: true, result: path.includes('sendMessage') ? { message_id: 1, date: 0, chat: { id: 1, type: 'private' } } : true };
  if (path.includes('/me/messages')) return { recipient_id: '1', message_id: 'm_1' };
  if (path.startsWith('/api/')) return { ok: true, channel: 'D1', ts: '1.2' };
  if (path.includes('/Messages.json')) return { sid: 'SM1', status: 'queued' };
  return {};
}
