import WebSocket from 'ws';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { startApp, type RunningApp } from '../support/test-app';
import { directLineCall } from '../support/web-chat-client';
import { MAX_STREAMS_PER_CONVERSATION } from '../../src/server/directline-streams';

interface Activity {
  type: string;
  text?: string;
  from: { role?: string };
}
interface ActivitySet {
  activities: Activity[];
  watermark: string;
}

const SECRET = 'a-shared-secret-of-at-least-32-characters';

/** A stream as Web Chat opens it: the activity sets it receives, in order. */
class StreamReader {
  readonly sets: ActivitySet[] = [];
  private waiters: (() => void)[] = [];
  readonly closed: Promise<number>;

  constructor(readonly socket: WebSocket) {
    socket.on('message', (data: Buffer) => {
      this.sets.push(JSON.parse(data.toString()) as ActivitySet);
      for (const waiter of this.waiters.splice(0)) waiter();
    });
    this.closed = new Promise((resolve) => socket.once('close', (code) => resolve(code)));
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<StreamReader> {
    const socket = new WebSocket(url, { headers });
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new StreamReader(socket);
  }

  /** Waits until the stream has sent an activity for which `found` holds. */
  async until(found: (activity: Activity) => boolean): Promise<Activity> {
    for (;;) {
      const match = this.sets.flatMap((set) => set.activities).find(found);
      if (match) return match;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
  }

  get texts(): string[] {
    return this.sets.flatMap((set) => set.activities.map((activity) => activity.text ?? ''));
  }
}

/** The status an upgrade is refused with. */
function refusal(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('open', () => reject(new Error('the stream opened')));
    socket.once('error', () => undefined);
  });
}

describe.each(databaseKinds)('web chat streams (Direct Line WebSocket) on $name', (kind) => {
  let testDatabase: TestDatabase;
  let running: RunningApp;
  beforeAll(async () => {
    testDatabase = await kind.create();
    running = await startApp(testDatabase.url, { DIRECTLINE_SECRET: SECRET, ALLOWED_ORIGINS: 'https://www.ekero.se' });
  });
  afterAll(async () => {
    await running.stop();
    await testDatabase.dispose();
  });

  const startConversation = async (baseUrl = running.baseUrl) => {
    const { token, conversationId } = await directLineCall<{ token: string; conversationId: string }>(baseUrl, 'POST', '/tokens/generate', undefined, {});
    const started = await directLineCall<{ streamUrl: string }>(baseUrl, 'POST', '/conversations', token);
    return { token, conversationId, streamUrl: started.streamUrl };
  };
  const post = (baseUrl: string, conversation: { token: string; conversationId: string }, text: string) =>
    directLineCall(baseUrl, 'POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, {
      type: 'message',
      text,
      from: { id: 'resident' },
    });

  it('when a conversation starts, then its streamUrl opens a WebSocket that sends the greeting and then each reply as it is stored, without a poll', async () => {
    const conversation = await startConversation();
    const streamUrl = new URL(conversation.streamUrl);
    expect(streamUrl.protocol).toBe('ws:');
    expect(streamUrl.pathname).toBe(`/v3/directline/conversations/${conversation.conversationId}/stream`);
    // The conversation's own token never travels in the URL: the stream has a short-lived one of its own.
    expect(streamUrl.searchParams.get('t')).not.toBe(conversation.token);

    const stream = await StreamReader.open(conversation.streamUrl);
    await stream.until((activity) => activity.from.role === 'bot' && /Jag är Lotsen/.test(activity.text ?? ''));
    await post(running.baseUrl, conversation, 'Vi vill söka verksamhetsstöd');
    await stream.until((activity) => /verksamhetsstöd, cirka 135 000 kr/.test(activity.text ?? ''));
    expect(stream.texts).toContain('Vi vill söka verksamhetsstöd');
    // Each activity once, in order, with a watermark that grows.
    const watermarks = stream.sets.map((set) => Number(set.watermark));
    expect([...watermarks].sort((a, b) => a - b)).toEqual(watermarks);
    expect(new Set(stream.texts).size).toBe(stream.texts.length);
    stream.socket.close();
  });

  it('when Web Chat reconnects with its watermark, then the new stream sends only what came after it', async () => {
    const conversation = await startConversation();
    const first = await directLineCall<ActivitySet>(running.baseUrl, 'GET', `/conversations/${conversation.conversationId}/activities`, conversation.token);
    await post(running.baseUrl, conversation, 'hej');
    const again = await directLineCall<{ streamUrl: string }>(
      running.baseUrl,
      'GET',
      `/conversations/${conversation.conversationId}?watermark=${first.watermark}`,
      conversation.token,
    );
    const stream = await StreamReader.open(again.streamUrl);
    await stream.until((activity) => activity.text === 'hej');
    expect(stream.texts.some((text) => /Jag är Lotsen/.test(text))).toBe(false);
    stream.socket.close();
  });

  it('when a stream is opened with a bad, borrowed or ordinary token or from another site, then the upgrade is refused', async () => {
    const mine = await startConversation();
    const theirs = await startConversation();
    const url = new URL(mine.streamUrl);
    const withToken = (token: string) => {
      const changed = new URL(url);
      changed.searchParams.set('t', token);
      return changed.href;
    };
    expect(await refusal(withToken('nonsense'))).toBe(401);
    // The conversation token is for HTTP calls; a stream token opens a stream.
    expect(await refusal(withToken(mine.token))).toBe(401);
    expect(await refusal(withToken(new URL(theirs.streamUrl).searchParams.get('t')!))).toBe(403);
    expect(await refusal(mine.streamUrl, { origin: 'https://evil.example' })).toBe(403);
    expect(await refusal(`ws://${url.host}/v3/directline/conversations/x/elsewhere`)).toBe(404);
    const allowed = await StreamReader.open(mine.streamUrl, { origin: 'https://www.ekero.se' });
    allowed.socket.close();
  });

  it('when one token opens more streams than a few tabs would, then the one too many is refused with 429, and a closed stream frees its place', async () => {
    const conversation = await startConversation();
    const streams = [];
    for (let index = 0; index < MAX_STREAMS_PER_CONVERSATION; index++) streams.push(await StreamReader.open(conversation.streamUrl));
    expect(await refusal(conversation.streamUrl)).toBe(429);
    streams[0]!.socket.close();
    await streams[0]!.closed;
    // The server sees the close a moment after the client does.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const again = await StreamReader.open(conversation.streamUrl);
    for (const stream of [...streams.slice(1), again]) stream.socket.close();
  });

  if (kind.name === 'postgresql')
    it('when the reply is written by another instance on the same PostgreSQL, then the stream open on this one sends it (LISTEN/NOTIFY)', async () => {
      const other = await startApp(testDatabase.url, { DIRECTLINE_SECRET: SECRET });
      try {
        const conversation = await startConversation();
        const stream = await StreamReader.open(conversation.streamUrl);
        await stream.until((activity) => /Jag är Lotsen/.test(activity.text ?? ''));
        await post(other.baseUrl, conversation, 'Vi vill söka verksamhetsstöd');
        await stream.until((activity) => /verksamhetsstöd, cirka 135 000 kr/.test(activity.text ?? ''));
        stream.socket.close();
      } finally {
        await other.stop();
      }
    });

  it('when the instance stops, then its open streams are closed as going away, so Web Chat reconnects elsewhere', async () => {
    const ownDatabase = await kind.create();
    const own = await startApp(ownDatabase.url, { DIRECTLINE_SECRET: SECRET });
    const conversation = await startConversation(own.baseUrl);
    const stream = await StreamReader.open(conversation.streamUrl);
    await stream.until((activity) => activity.from.role === 'bot');
    await own.stop();
    expect(await stream.closed).toBe(1001);
    await ownDatabase.dispose();
  });
});
