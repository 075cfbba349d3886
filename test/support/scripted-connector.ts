import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface ConnectorActivity {
  type?: string;
  text?: string;
  attachments?: { contentType: string; content: Record<string, unknown> }[];
}

/** One request the bot made to post an activity, and what it was answered. */
export interface ConnectorAttempt {
  readonly conversationId: string;
  /** Set when the bot replaced an activity it had posted (PUT …/activities/{id}): an updated card. */
  readonly updatedActivityId?: string;
  readonly activity: ConnectorActivity;
  /** performance.now() when the request had arrived in full. */
  readonly at: number;
  readonly status: number;
  /** Whether it counts as posted in the channel (answered 2xx). */
  readonly posted: boolean;
  /** The activity id the connector answered with (what an update later names). */
  readonly id?: string;
}

export interface ScriptedAnswer {
  readonly status: number;
  readonly retryAfterSeconds?: number;
}

export const isCard = (activity: ConnectorActivity): boolean =>
  (activity.attachments ?? []).some((attachment) => attachment.contentType === 'application/vnd.microsoft.card.adaptive');

/**
 * A local Bot Connector (Teams' side of the Bot Framework protocol: tests point the bot's
 * serviceUrl at it, since there is no internet here) that records every post and answers scripted
 * failures: the next posts matching a predicate (cards by default) get the scripted statuses in
 * order (500, 429 with Retry-After, …), then 200. Every attempt is recorded with its time, so a
 * test can check the backoff between them; `onPost` sees each request before it is answered.
 */
export class ScriptedConnector {
  readonly attempts: ConnectorAttempt[] = [];
  private readonly script: ScriptedAnswer[] = [];
  private scriptApplies: (activity: ConnectorActivity, conversationId: string) => boolean = isCard;
  private server?: Server;
  /** Called with each post before it is answered (e.g. to kill the bot "after Teams has it"). */
  onPost?: (attempt: ConnectorAttempt) => void;
  url = '';

  /** The next posts matching `applies` (default: Adaptive Cards) are answered with these, in order. */
  answer(answers: ScriptedAnswer[], applies: (activity: ConnectorActivity, conversationId: string) => boolean = isCard): this {
    this.script.push(...answers);
    this.scriptApplies = applies;
    return this;
  }

  /** The attempts that were answered 2xx: what the channel shows. */
  get posted(): ConnectorAttempt[] {
    return this.attempts.filter((attempt) => attempt.posted);
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const match = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
        const update = req.method === 'PUT' && match?.[2] !== undefined;
        if ((req.method !== 'POST' && !update) || !match) {
          res.writeHead(404);
          res.end();
          return;
        }
        const activity = JSON.parse(Buffer.concat(chunks).toString('utf8')) as ConnectorActivity;
        const scripted = this.scriptApplies(activity, decodeURIComponent(match[1]!)) ? this.script.shift() : undefined;
        const status = scripted?.status ?? 200;
        const attempt: ConnectorAttempt = {
          conversationId: decodeURIComponent(match[1]!),
          ...(update ? { updatedActivityId: decodeURIComponent(match[2]!) } : {}),
          activity,
          at: performance.now(),
          status,
          posted: status >= 200 && status < 300,
          ...(status >= 200 && status < 300 ? { id: update ? decodeURIComponent(match[2]!) : `posted-${this.attempts.length + 1}` } : {}),
        };
        this.attempts.push(attempt);
        this.onPost?.(attempt);
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (scripted?.retryAfterSeconds !== undefined) headers['retry-after'] = String(scripted.retryAfterSeconds);
        res.writeHead(status, headers);
        res.end(attempt.posted ? JSON.stringify({ id: attempt.id }) : JSON.stringify({ error: { code: `Http${status}`, message: 'scripted failure' } }));
      });
    });
    // Keep-alive sockets would hold the server open after the bot stops.
    this.server.keepAliveTimeout = 1_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  stop(): Promise<void> {
    this.server?.closeAllConnections();
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** Waits until `predicate` holds for what was posted, or fails after the deadline saying what came. */
  async waitFor(predicate: (posted: ConnectorAttempt[]) => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.posted)) {
      if (Date.now() > deadline)
        throw new Error(
          `the connector did not get what was expected within ${timeoutMs} ms; attempts: ${JSON.stringify(this.attempts.map((attempt) => [attempt.conversationId, attempt.status, attempt.activity.text ?? (isCard(attempt.activity) ? 'card' : '')]))}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Waits for one post matching `predicate` and returns it. */
  async waitForPost(predicate: (posted: ConnectorAttempt) => boolean, timeoutMs = 15_000): Promise<ConnectorAttempt> {
    await this.waitFor((posted) => posted.some(predicate), timeoutMs);
    return this.posted.find(predicate)!;
  }
}

/** A Teams channel message to Lotsen with an @mention, as staff write it (replies go to `serviceUrl`). */
export function teamsChannelMessage(serviceUrl: string, channelConversationId: string, text: string): Record<string, unknown> {
  return {
    type: 'message',
    id: `teams-${Math.random().toString(36).slice(2)}`,
    channelId: 'msteams',
    serviceUrl,
    text: `<at>Lotsen</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>Lotsen</at>', mentioned: { id: '28:lotsen', name: 'Lotsen' } }],
    conversation: { id: channelConversationId, conversationType: 'channel', isGroup: true },
    from: { id: '29:anna', name: 'Anna Staff', aadObjectId: 'aad-anna' },
    recipient: { id: '28:lotsen', name: 'Lotsen' },
    channelData: { channel: { id: channelConversationId }, team: { id: 'team-1' } },
  };
}

/** Links a Teams channel to an instance (`@Lotsen koppla <instance>`) and waits for the bot's confirmation in it. */
export async function linkChannel(baseUrl: string, connector: ScriptedConnector, channelConversationId: string, instanceId: string): Promise<void> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(teamsChannelMessage(connector.url, channelConversationId, `koppla ${instanceId}`)),
  });
  if (response.status >= 300) throw new Error(`linking answered ${response.status}`);
  await connector.waitFor((posted) => posted.some((post) => post.conversationId === channelConversationId && /Klart/.test(post.activity.text ?? '')), 15_000);
}
