import { databaseKinds, type TestDatabase } from '../support/databases';
import { startApp, type RunningApp } from '../support/test-app';

interface Grant {
  conversationId: string;
  token: string;
  expires_in: number;
}

describe.each(databaseKinds)('the self-hosted Direct Line on $name', (kind) => {
  let testDatabase: TestDatabase;
  let running: RunningApp;
  const call = (method: string, path: string, token?: string, body?: unknown) =>
    fetch(`${running.baseUrl}/v3/directline${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const grant = async (): Promise<Grant> => (await (await call('POST', '/tokens/generate', undefined, {})).json()) as Grant;
  const poll = async (conversation: Grant, watermark?: string) =>
    (await (await call('GET', `/conversations/${conversation.conversationId}/activities${watermark ? `?watermark=${watermark}` : ''}`, conversation.token)).json()) as { activities: { type: string; text?: string; from: { role?: string }; channelData?: Record<string, unknown> }[]; watermark: string };

  beforeAll(async () => {
    testDatabase = await kind.create();
    running = await startApp(testDatabase.url, { DIRECTLINE_SECRET: 'a-shared-secret-of-at-least-32-characters' });
  });
  afterAll(async () => {
    await running.stop();
    await testDatabase.dispose();
  });

  it('when a conversation starts, then the bot greets and polls with a watermark return only what is new', async () => {
    const conversation = await grant();
    expect(conversation.expires_in).toBeGreaterThan(0);
    const started = await call('POST', '/conversations', conversation.token);
    expect(started.status).toBe(201);
    expect(await started.json()).toMatchObject({ conversationId: conversation.conversationId, token: conversation.token });
    const first = await poll(conversation);
    expect(first.activities[0]).toMatchObject({ type: 'message', from: { role: 'bot' }, text: expect.stringMatching(/Jag är Lotsen/) });
    expect((await poll(conversation, first.watermark)).activities).toEqual([]);

    const posted = await call('POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, { type: 'message', text: 'Vi vill söka verksamhetsstöd', from: { id: 'resident' }, channelData: { clientActivityID: 'client-1' } });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ id: expect.any(String) });
    const next = await poll(conversation, first.watermark);
    expect(next.activities[0]).toMatchObject({ type: 'message', text: 'Vi vill söka verksamhetsstöd', from: { role: 'user' }, channelData: { clientActivityID: 'client-1' } });
    expect(next.activities.slice(1).map((activity) => activity.text).join(' ')).toMatch(/verksamhetsstöd, cirka 135 000 kr/);
  });

  it('when a token is used for another conversation, then it is forbidden; an invalid token is unauthorised', async () => {
    const [mine, theirs] = [await grant(), await grant()];
    expect((await call('GET', `/conversations/${theirs.conversationId}/activities`, mine.token)).status).toBe(403);
    expect((await call('POST', `/conversations/${theirs.conversationId}/activities`, mine.token, { type: 'message', text: 'hej', from: { id: 'x' } })).status).toBe(403);
    expect((await call('GET', `/conversations/${mine.conversationId}/activities`, `${mine.token.slice(0, -2)}xx`)).status).toBe(401);
    expect((await call('POST', '/conversations')).status).toBe(401);
  });

  it('when a token is refreshed, then the new one opens the same conversation', async () => {
    const conversation = await grant();
    const refreshed = (await (await call('POST', '/tokens/refresh', conversation.token)).json()) as Grant;
    expect(refreshed.conversationId).toBe(conversation.conversationId);
    expect((await call('GET', `/conversations/${conversation.conversationId}/activities`, refreshed.token)).status).toBe(200);
  });

  it('when attachments, uploads or too long a text are sent, then there is a clear 400 and nothing is stored', async () => {
    const conversation = await grant();
    const post = (body: unknown) => call('POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, body);
    const withAttachment = await post({ type: 'message', text: 'se bild', from: { id: 'x' }, attachments: [{ contentType: 'image/png', contentUrl: 'data:' }] });
    expect(withAttachment.status).toBe(400);
    expect(await withAttachment.json()).toEqual({ error: { code: 'INVALID_ACTIVITY', message: expect.stringMatching(/attachments are not supported/) } });
    expect((await post({ type: 'message', text: 'x'.repeat(4_001), from: { id: 'x' } })).status).toBe(400);
    expect((await post({ type: 'message', text: 'hej' })).status).toBe(400);
    expect((await call('POST', `/conversations/${conversation.conversationId}/upload`, conversation.token, {})).status).toBe(400);
    expect((await poll(conversation)).activities).toEqual([]);
  });

  it('when one conversation posts too fast, then it is told to wait with 429 and Retry-After', async () => {
    const conversation = await grant();
    const statuses: number[] = [];
    for (let index = 0; index < 45; index += 1) {
      const response = await call('POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, { type: 'typing', from: { id: 'x' } });
      statuses.push(response.status);
      if (response.status === 429) expect(response.headers.get('retry-after')).toBe('60');
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.slice(0, 40).every((status) => status === 200)).toBe(true);
  });
});
