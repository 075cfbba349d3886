import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Posted {
  readonly conversationId: string;
  readonly activity: { type?: string; text?: string; attachments?: { contentType: string; content: Record<string, unknown> }[] };
}

/**
 * A local stand-in for the Bot Connector service (Teams' side of the Bot Framework protocol):
 * records every activity the bot posts, and can answer 429 with Retry-After first.
 */
export class FakeConnector {
  readonly posted: Posted[] = [];
  private throttled = 0;
  private server?: Server;
  url = '';

  /** The next `times` posts are answered 429 with Retry-After: 1. */
  throttle(times: number): void {
    this.throttled = times;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities/.exec(req.url ?? '');
        if (req.method !== 'POST' || !match) {
          res.writeHead(404);
          res.end();
          return;
        }
        if (this.throttled > 0) {
          this.throttled -= 1;
          res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
          res.end('{}');
          return;
        }
        this.posted.push({ conversationId: decodeURIComponent(match[1]!), activity: JSON.parse(body) as Posted['activity'] });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ id: `posted-${this.posted.length}` }));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Waits for a post matching `predicate`. */
  async waitFor(predicate: (posted: Posted) => boolean, timeoutMs = 15_000): Promise<Posted> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.posted.find(predicate);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`nothing matching was posted; got ${JSON.stringify(this.posted.map((post) => [post.conversationId, post.activity.text]))}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
