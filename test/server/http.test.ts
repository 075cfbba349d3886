import { AsyncLocalStorage } from 'node:async_hooks';
import { CloudAdapter } from 'botbuilder';
import { LotsenBot } from '../../src/channels/lotsen-bot';
import { sayKey } from '../support/texts';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { message, postActivity, startApp, type RunningApp } from '../support/test-app';

const catalog = loadCatalogFile();

const expectJsonError = async (response: Response, status: number, code: string) => {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
};

describe.each(databaseKinds)('HTTP server on $name', (kind) => {
  let testDatabase: TestDatabase;
  let running: RunningApp;

  beforeAll(async () => {
    testDatabase = await kind.create();
    running = await startApp(testDatabase.url);
  });
  afterAll(async () => {
    await running.stop();
    await testDatabase.dispose();
  });

  it('when /healthz and /readyz are asked, then both answer 200', async () => {
    const health = await fetch(`${running.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    expect((await fetch(`${running.baseUrl}/readyz`)).status).toBe(200);
  });

  it('when / is opened, then a Swedish HTML page answers', async () => {
    const page = await fetch(`${running.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/<html lang="sv" dir="ltr">/);
    expect(page.headers.get('content-security-policy')).toMatch(/frame-ancestors 'self'(;|$)/); // no ALLOWED_ORIGINS: only itself
    expect(page.headers.get('strict-transport-security')).toBeNull(); // no https PUBLIC_BASE_URL
  });

  it('when a message is posted with expectReplies, then the replies come back in the response and the conversation continues', async () => {
    const first = await postActivity(running.baseUrl, message('hej', 'http-conversation'));
    expect(first.status).toBe(200);
    expect(first.texts).toEqual([sayKey(catalog, 'welcome', 'sv'), catalog.texts.chooseArea.sv]);
    const second = await postActivity(running.baseUrl, message('anhoriglanken', 'http-conversation'));
    expect(second.texts[0]).toBe(catalog.routes.find((route) => route.id === 'anhoriglanken')!.answer.sv);
  });

  it("when a message is posted, then it is validated once, by Lotsen: botbuilder's CloudAdapter.process, which would check it again, is not used", async () => {
    const process = jest.spyOn(CloudAdapter.prototype, 'process');
    try {
      const answered = await postActivity(running.baseUrl, message('hej'));
      expect(answered.status).toBe(200);
      expect(answered.texts[0]).toBe(sayKey(catalog, 'welcome', 'sv'));
      expect(process).not.toHaveBeenCalled();
    } finally {
      process.mockRestore();
    }
  });

  it('when an activity lacks its conversation, then it gets 400 with a JSON error naming the field, and the server keeps serving', async () => {
    const { conversation: _dropped, ...malformed } = message('hej');
    const response = await postActivity(running.baseUrl, malformed);
    expect(response.status).toBe(400);
    expect(response.body).toEqual({ error: { code: 'INVALID_ACTIVITY', message: expect.stringMatching(/^Invalid activity: conversation/) } });
    expect((await postActivity(running.baseUrl, message('hej'))).status).toBe(200);
  });

  it('when the body is not JSON, then it gets a 4xx JSON error and the server keeps serving', async () => {
    const broken = await fetch(`${running.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"type": "message",',
    });
    await expectJsonError(broken, 400, 'BAD_REQUEST');
    const plain = await fetch(`${running.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hej' });
    await expectJsonError(plain, 415, 'UNSUPPORTED_MEDIA_TYPE');
    expect((await postActivity(running.baseUrl, message('hej'))).status).toBe(200);
  });

  it('when the body is 2 MB, then it gets 413 with a JSON error and the server keeps serving', async () => {
    const huge = JSON.stringify({ ...message('hej'), padding: 'x'.repeat(2 * 1024 * 1024) });
    const response = await fetch(`${running.baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge });
    await expectJsonError(response, 413, 'PAYLOAD_TOO_LARGE');
    expect((await fetch(`${running.baseUrl}/healthz`)).status).toBe(200);
  });

  it('when an unknown path or method is used, then the error is JSON too', async () => {
    await expectJsonError(await fetch(`${running.baseUrl}/no-such-page`), 404, 'NOT_FOUND');
    await expectJsonError(await fetch(`${running.baseUrl}/api/messages`), 405, 'METHOD_NOT_ALLOWED');
  });
});

describe('request ids and the request log', () => {
  let testDatabase: TestDatabase;
  let running: RunningApp;
  const logs: Record<string, unknown>[] = [];
  beforeAll(async () => {
    testDatabase = await databaseKinds[0]!.create();
    running = await startApp(testDatabase.url, { LOG_LEVEL: 'debug' }, logs);
  });
  afterAll(async () => {
    await running.stop();
    await testDatabase.dispose();
  });
  /** The request's log line, written once its response has gone (the 'close' event), so waited for. */
  const requestLine = async (path: string) => {
    for (let tries = 0; tries < 40; tries += 1) {
      const line = logs.filter((entry) => entry.msg === 'request' && entry.path === path).at(-1);
      if (line) return line;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return undefined;
  };

  it('when a request carries X-Request-Id, then the answer returns it and the log line has it; a malformed one is replaced', async () => {
    const traced = await fetch(`${running.baseUrl}/healthz`, { headers: { 'x-request-id': 'proxy-4711.abc' } });
    expect(traced.headers.get('x-request-id')).toBe('proxy-4711.abc');
    expect(await requestLine('/healthz')).toMatchObject({ reqId: 'proxy-4711.abc', level: 30 });
    const forged = await fetch(`${running.baseUrl}/readyz`, { headers: { 'x-request-id': 'a b"}{"level":60' } });
    expect(forged.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('when a turn fails, then its log line names the request that carried it, on /api/messages and on the web chat, without AsyncLocalStorage', async () => {
    const contexts = jest.spyOn(AsyncLocalStorage.prototype, 'run');
    const failedTurnOf = async (reqId: string) => {
      for (let tries = 0; tries < 40; tries += 1) {
        const line = logs.find((entry) => entry.msg === 'turn failed' && entry.reqId === reqId);
        if (line) return line;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return undefined;
    };
    const { token } = (await (await fetch(`${running.baseUrl}/v3/directline/tokens/generate`, { method: 'POST' })).json()) as { token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const { conversationId } = (await (await fetch(`${running.baseUrl}/v3/directline/conversations`, { method: 'POST', headers: auth })).json()) as {
      conversationId: string;
    };
    const failing = jest.spyOn(LotsenBot.prototype, 'run').mockRejectedValue(new Error('a step broke'));
    try {
      const botFramework = await fetch(`${running.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': 'proxy-turn-41' },
        body: JSON.stringify(message('hej')),
      });
      expect(botFramework.status).toBe(200);
      const webChat = await fetch(`${running.baseUrl}/v3/directline/conversations/${conversationId}/activities`, {
        method: 'POST',
        headers: { ...auth, 'x-request-id': 'proxy-turn-42' },
        body: JSON.stringify({ type: 'message', from: { id: 'resident' }, text: 'hej' }),
      });
      expect(webChat.status).toBe(200);
    } finally {
      failing.mockRestore();
    }
    expect(await failedTurnOf('proxy-turn-41')).toMatchObject({ level: 50 });
    expect(await failedTurnOf('proxy-turn-42')).toMatchObject({ level: 50, conversationId });
    expect(contexts).not.toHaveBeenCalled();
    contexts.mockRestore();
  });

  it('when the web chat polls, then the request is logged at debug, not info', async () => {
    await fetch(`${running.baseUrl}/v3/directline/conversations/some-conversation/activities`);
    expect(await requestLine('/v3/directline/conversations/some-conversation/activities')).toMatchObject({ level: 20 });
  });
});

describe('HTTP server when the database is gone', () => {
  it('when the database stops answering, then /readyz says 503 while /healthz stays 200', async () => {
    const testDatabase = await databaseKinds[0]!.create();
    const running = await startApp(testDatabase.url);
    try {
      await running.app.database.close();
      await expectJsonError(await fetch(`${running.baseUrl}/readyz`), 503, 'UNAVAILABLE');
      expect((await fetch(`${running.baseUrl}/healthz`)).status).toBe(200);
    } finally {
      await running.stop();
      await testDatabase.dispose();
    }
  });
});

describe('HTTP server with Bot Framework credentials', () => {
  it('when an activity arrives without a token, then it is refused with 401 and no reply', async () => {
    // botbuilder reports a rejected token on the console itself; keep the test output readable.
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const testDatabase = await databaseKinds[0]!.create();
    const running = await startApp(testDatabase.url, { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });
    try {
      const response = await postActivity(running.baseUrl, message('hej'));
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
      expect(response.texts).toEqual([]);
      const forged = await fetch(`${running.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.jwt' },
        body: JSON.stringify(message('hej')),
      });
      expect(forged.status).toBe(401);
    } finally {
      consoleError.mockRestore();
      await running.stop();
      await testDatabase.dispose();
    }
  });

  it("when a token that is not a Bot Framework token is sent, then it is refused with 401 in Lotsen's JSON error shape, and nothing is written to the console", async () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const testDatabase = await databaseKinds[0]!.create();
    const running = await startApp(testDatabase.url, { MicrosoftAppId: '00000000-0000-0000-0000-000000000001', MicrosoftAppPassword: 'not-a-real-secret' });
    try {
      const forged = await fetch(`${running.baseUrl}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer not.a.jwt' },
        body: JSON.stringify(message('hej')),
      });
      await expectJsonError(forged, 401, 'UNAUTHORIZED');
      expect(consoleError).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
      await running.stop();
      await testDatabase.dispose();
    }
  });
});
