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
  const call = (method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}) =>
    fetch(`${running.baseUrl}/v3/directline${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  const grant = async (): Promise<Grant> => (await (await call('POST', '/tokens/generate', undefined, {})).json()) as Grant;
  const poll = async (conversation: Grant, watermark?: string) =>
    (await (
      await call('GET', `/conversations/${conversation.conversationId}/activities${watermark ? `?watermark=${watermark}` : ''}`, conversation.token)
    ).json()) as { activities: { type: string; text?: string; from: { role?: string }; channelData?: Record<string, unknown> }[]; watermark: string };

  beforeAll(async () => {
    testDatabase = await kind.create();
    running = await startApp(testDatabase.url, {
      DIRECTLINE_SECRET: 'a-shared-secret-of-at-least-32-characters',
      ALLOWED_ORIGINS: 'https://www.ekero.se',
      PUBLIC_BASE_URL: 'https://lotsen.ekero.se',
    });
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

    const posted = await call('POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, {
      type: 'message',
      text: 'Vi vill söka verksamhetsstöd',
      from: { id: 'resident' },
      channelData: { clientActivityID: 'client-1' },
    });
    expect(posted.status).toBe(200);
    expect(await posted.json()).toEqual({ id: expect.any(String) });
    const next = await poll(conversation, first.watermark);
    expect(next.activities[0]).toMatchObject({
      type: 'message',
      text: 'Vi vill söka verksamhetsstöd',
      from: { role: 'user' },
      channelData: { clientActivityID: 'client-1' },
    });
    expect(
      next.activities
        .slice(1)
        .map((activity) => activity.text)
        .join(' '),
    ).toMatch(/verksamhetsstöd, cirka 135 000 kr/);
  });

  it('when a token is used for another conversation, then it is forbidden; an invalid token is unauthorised', async () => {
    const [mine, theirs] = [await grant(), await grant()];
    expect((await call('GET', `/conversations/${theirs.conversationId}/activities`, mine.token)).status).toBe(403);
    expect(
      (await call('POST', `/conversations/${theirs.conversationId}/activities`, mine.token, { type: 'message', text: 'hej', from: { id: 'x' } })).status,
    ).toBe(403);
    expect((await call('GET', `/conversations/${mine.conversationId}/activities`, `${mine.token.slice(0, -2)}xx`)).status).toBe(401);
    expect((await call('POST', '/conversations')).status).toBe(401);
  });

  it('when a token is refreshed, then the new one opens the same conversation', async () => {
    const conversation = await grant();
    const refreshed = (await (await call('POST', '/tokens/refresh', conversation.token)).json()) as Grant;
    expect(refreshed.conversationId).toBe(conversation.conversationId);
    expect((await call('GET', `/conversations/${conversation.conversationId}/activities`, refreshed.token)).status).toBe(200);
  });

  it("when a page reconnects to its kept conversation (GET /conversations/{id}), then it gets it back without a second greeting; another conversation's token is refused", async () => {
    const conversation = await grant();
    await call('POST', '/conversations', conversation.token);
    const before = await poll(conversation);
    const refreshed = (await (await call('POST', '/tokens/refresh', conversation.token)).json()) as Grant;
    const reconnected = await call('GET', `/conversations/${conversation.conversationId}?watermark=`, refreshed.token);
    expect(reconnected.status).toBe(200);
    expect(await reconnected.json()).toMatchObject({ conversationId: conversation.conversationId, token: refreshed.token, expires_in: expect.any(Number) });
    // The transcript is the same: reading it from the start shows the conversation again, greeted once.
    expect((await poll(refreshed)).activities).toEqual(before.activities);
    const stranger = await grant();
    expect((await call('GET', `/conversations/${conversation.conversationId}`, stranger.token)).status).toBe(403);
    expect((await call('GET', `/conversations/${conversation.conversationId}`)).status).toBe(401);
  });

  it('when attachments, uploads or too long a text are sent, then there is a clear 400 and nothing is stored', async () => {
    const conversation = await grant();
    const post = (body: unknown) => call('POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, body);
    const withAttachment = await post({
      type: 'message',
      text: 'se bild',
      from: { id: 'x' },
      attachments: [{ contentType: 'image/png', contentUrl: 'data:' }],
    });
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
      const response = await call('POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, {
        type: 'typing',
        from: { id: 'x' },
      });
      statuses.push(response.status);
      if (response.status === 429) expect(response.headers.get('retry-after')).toBe('60');
    }
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThan(0);
    expect(statuses.slice(0, 40).every((status) => status === 200)).toBe(true);
  });

  it('when a stranger floods posts to a conversation without its token, then the resident can still post', async () => {
    const resident = await grant();
    const stranger = await grant();
    for (let index = 0; index < 45; index += 1) {
      expect((await call('POST', `/conversations/${resident.conversationId}/activities`, stranger.token, { type: 'typing', from: { id: 'x' } })).status).toBe(
        403,
      );
      expect((await call('POST', `/conversations/${resident.conversationId}/activities`, undefined, { type: 'typing', from: { id: 'x' } })).status).toBe(401);
    }
    expect(
      (await call('POST', `/conversations/${resident.conversationId}/activities`, resident.token, { type: 'message', text: 'hej', from: { id: 'resident' } }))
        .status,
    ).toBe(200);
  });

  it("when another site's page asks for a token, then it is refused; Lotsen's own page and ALLOWED_ORIGINS get one", async () => {
    const tokenFrom = (origin: string) => call('POST', '/tokens/generate', undefined, {}, { origin });
    const refused = await tokenFrom('https://evil.example');
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ error: { code: 'ORIGIN_NOT_ALLOWED', message: expect.stringMatching(/ALLOWED_ORIGINS/) } });
    expect((await tokenFrom('null')).status).toBe(403);
    expect((await tokenFrom(new URL(running.baseUrl).origin)).status).toBe(200);
    const municipality = await tokenFrom('https://www.ekero.se');
    expect(municipality.status).toBe(200);
    expect(municipality.headers.get('access-control-allow-origin')).toBe('https://www.ekero.se');
    const preflight = await fetch(`${running.baseUrl}/v3/directline/tokens/generate`, {
      method: 'OPTIONS',
      headers: { origin: 'https://www.ekero.se', 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    expect(
      (await fetch(`${running.baseUrl}/v3/directline/tokens/generate`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } })).headers.get(
        'access-control-allow-origin',
      ),
    ).toBeNull();
  });

  it('when a post carries extra or oversized fields, then only the fields Lotsen uses are stored, within tight limits', async () => {
    const conversation = await grant();
    const padding = 'x'.repeat(50_000);
    const posted = await call('POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, {
      type: 'message',
      text: 'hej',
      from: { id: 'resident', name: 'R', extra: padding },
      channelData: { clientActivityID: 'client-7', messageBack: { displayText: 'Ja tack', junk: padding }, junk: padding },
      entities: [{ type: 'ClientCapabilities', junk: padding }],
      junk: padding,
    });
    expect(posted.status).toBe(200);
    const rows = await running.app.database.prisma.directLineActivity.findMany({ where: { conversationId: conversation.conversationId } });
    const stored = rows.map((row) => row.activity as Record<string, unknown>).find((activity) => (activity.from as { role?: string }).role === 'user')!;
    expect(stored).toMatchObject({ text: 'hej', channelData: { clientActivityID: 'client-7', messageBack: { displayText: 'Ja tack' } } });
    expect(JSON.stringify(stored).length).toBeLessThan(1_000);
    const tooBig = await call('POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, {
      type: 'message',
      value: { data: padding },
      from: { id: 'resident' },
    });
    expect(tooBig.status).toBe(400);
    expect((await tooBig.json()).error.message).toMatch(/value is longer than/);
  });

  it('when the conversation id in the address is absurdly long, then it is refused before anything is kept', async () => {
    const conversation = await grant();
    const response = await call('POST', `/conversations/${'c'.repeat(12_000)}/activities`, conversation.token, { type: 'typing', from: { id: 'x' } });
    expect(response.status).toBe(414);
    expect(await response.json()).toEqual({ error: { code: 'URI_TOO_LONG', message: expect.stringMatching(/too long/) } });
  });

  it('when a resident who handed over a case asks to delete their data, then the transcript and the conversation state no longer hold it', async () => {
    const conversation = await grant();
    await call('POST', '/conversations', conversation.token);
    const say = async (text: string) =>
      expect(
        (
          await call('POST', `/conversations/${conversation.conversationId}/activities`, conversation.token, {
            type: 'message',
            text,
            from: { id: `dl_${conversation.conversationId}` },
          })
        ).status,
      ).toBe(200);
    for (const said of ['hej', 'anhoriglanken', 'ja', 'ja', 'Ingrid Kvist', 'phone', '070-987 65 43', 'timeMorning', 'Min pappa har demens', 'ja'])
      await say(said);
    expect(JSON.stringify((await poll(conversation)).activities)).toMatch(/LOTS-/);
    const personal = /Ingrid|Kvist|987 ?65 ?43|demens/;
    const everything = async () => {
      const transcript = await running.app.database.prisma.directLineActivity.findMany({ where: { conversationId: conversation.conversationId } });
      const state = await running.app.database.prisma.botState.findMany({ where: { key: { contains: conversation.conversationId } } });
      return JSON.stringify([transcript.map((row) => row.activity), state.map((row) => row.data)]);
    };
    expect(await everything()).toMatch(personal); // what there was to erase
    const handoff = await running.app.database.prisma.handoff.findFirstOrThrow({ where: { conversationId: conversation.conversationId } });

    await say('ta bort mina uppgifter');
    await say('ja');
    expect(await everything()).not.toMatch(personal);
    expect(await running.app.database.prisma.handoff.findUniqueOrThrow({ where: { id: handoff.id } })).toMatchObject({
      contactName: null,
      contactPhone: null,
      summary: null,
    });
    const seen = await poll(conversation);
    expect(JSON.stringify(seen.activities)).not.toMatch(personal);
    // The client still sees its own "ja" echoed (or Web Chat would show it as unsent), then the answer.
    expect(seen.activities.map((activity) => [activity.from.role, activity.text])).toEqual([
      ['user', 'ja'],
      ['bot', expect.stringMatching(/tagit bort/)],
    ]);
  });

  it('when the resident page is opened, then it may be framed only by itself and ALLOWED_ORIGINS, runs only its own scripts, and asks for https', async () => {
    const page = await fetch(`${running.baseUrl}/`);
    const policy = page.headers.get('content-security-policy') ?? '';
    expect(policy).toMatch(/frame-ancestors 'self' https:\/\/www\.ekero\.se(;|$)/);
    expect(policy).toMatch(/script-src 'self'(;|$)/);
    expect(policy).toMatch(/object-src 'none'/);
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    expect(page.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
    expect((await fetch(`${running.baseUrl}/integritet`)).headers.get('content-security-policy')).toBe(policy);
  });
});
