import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { FakePlatformApi, type PlatformCall } from '../support/fake-platform-api';
import { MESSENGER_VERIFY_TOKEN, PUBLIC_BASE_URL, SECRETS, messagingEnv } from '../support/messaging-config';
import { startApp, type RunningApp } from '../support/test-app';

const fixture = (name: string) => JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'webhooks', name), 'utf8')) as Record<string, unknown>;

type Signed = { body: string; headers: Record<string, string> };

/** Each platform's delivery as the platform signs it. */
const sign = {
  telegram: (payload: object, secret = SECRETS.telegram): Signed => ({
    body: JSON.stringify(payload),
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': secret },
  }),
  messenger: (payload: object, secret = SECRETS.messenger): Signed => {
    const body = JSON.stringify(payload);
    return {
      body,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}` },
    };
  },
  line: (payload: object, secret = SECRETS.line): Signed => {
    const body = JSON.stringify(payload);
    return { body, headers: { 'content-type': 'application/json', 'x-line-signature': createHmac('sha256', secret).update(body).digest('base64') } };
  },
  slack: (payload: object, secret = SECRETS.slack): Signed => {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const signature = `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
    return { body, headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature } };
  },
  whatsapp: (form: Record<string, string>, secret = SECRETS.whatsapp): Signed => {
    const signed = Object.keys(form)
      .sort()
      .reduce((text, key) => text + key + form[key], `${PUBLIC_BASE_URL}/webhooks/whatsapp`);
    return {
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': createHmac('sha1', secret).update(signed).digest('base64') },
    };
  },
};

describe.each(databaseKinds)('associations on messaging apps through bottender on $name', (kind) => {
  let testDatabase: TestDatabase;
  let running: RunningApp;
  let api: FakePlatformApi;
  let update = 815_400_000;

  const deliver = (platform: string, { body, headers }: Signed) => fetch(`${running.baseUrl}/webhooks/${platform}`, { method: 'POST', body, headers });
  const rows = async () => ({
    state: await running.app.database.prisma.botState.count(),
    deliveries: await running.app.database.prisma.webhookDelivery.count(),
    handoffs: await running.app.database.prisma.handoff.count(),
  });

  beforeAll(async () => {
    testDatabase = await kind.create();
    api = await new FakePlatformApi().start();
    running = await startApp(testDatabase.url, { BACKGROUND_JOBS: 'off', ...messagingEnv(api.origin) });
  });
  afterAll(async () => {
    await running.stop();
    await api.stop();
    await testDatabase.dispose();
  });

  describe('Telegram', () => {
    const chat = 7_700_112_233;
    const said = (text: string) => {
      const payload = fixture('telegram-message.json') as { update_id: number; message: { text: string; message_id: number } };
      payload.update_id = ++update;
      payload.message.text = text;
      payload.message.message_id = update;
      return payload;
    };
    /** The update a press of the button titled like `title` on the latest keyboard sends. */
    const pressed = (title: RegExp) => {
      const keyboard = api
        .callsTo('sendMessage')
        .map((call) => call.body.reply_markup as { inline_keyboard?: { text: string; callback_data: string }[][] } | undefined)
        .filter((markup) => markup?.inline_keyboard)
        .pop();
      const button = keyboard!.inline_keyboard!.flat().find((candidate) => title.test(candidate.text));
      if (!button) throw new Error(`No button ${title} on ${JSON.stringify(keyboard)}`);
      const payload = fixture('telegram-callback.json') as { update_id: number; callback_query: { id: string; data: string } };
      payload.update_id = ++update;
      payload.callback_query.id = `callback-${update}`;
      payload.callback_query.data = button.callback_data;
      return payload;
    };
    const confirmation = () =>
      api
        .callsTo('sendMessage')
        .map((call) => call.body.text as string)
        .filter((text) => /LOTS-\d{4}-\d{6}/.test(text))
        .at(-1) ?? '';

    it('when an association asks about föreningsbidrag, then it gets the answer and registers a handoff with channel telegram', async () => {
      expect((await deliver('telegram', sign.telegram(said('Hur söker vår förening föreningsbidrag?')))).status).toBe(200);
      const answer = api
        .callsTo('sendMessage')
        .map((call) => call.body.text as string)
        .join('\n');
      expect(answer).toMatch(/föreningsbidrag/i);
      expect(api.callsTo('sendMessage').every((call) => call.path.startsWith('/bot123456:telegram-token/') && call.body.chat_id === chat)).toBe(true);

      for (const step of [
        () => pressed(/^Ja/),
        () => pressed(/^Ja/),
        () => said('Eva Föreningsdotter'),
        () => pressed(/Telefon/),
        () => said('070-123 45 67'),
        () => pressed(/Förmiddag/),
        () => pressed(/Hoppa över/),
        () => pressed(/Ja, skicka/),
      ]) {
        expect((await deliver('telegram', sign.telegram(step()))).status).toBe(200);
      }
      expect(confirmation()).toMatch(/LOTS-\d{4}-\d{6}/);
      const [handoff] = await running.app.database.prisma.handoff.findMany({ where: { channel: 'telegram' } });
      expect(handoff).toMatchObject({
        channel: 'telegram',
        routeId: 'bidrag.foreningsbidrag',
        instanceId: 'kultur-fritid',
        contactName: 'Eva Föreningsdotter',
        contactPhone: '+46701234567',
        language: 'sv',
        conversationId: `telegram:${chat}`,
      });
      expect(confirmation()).toContain(String(handoff!.number).padStart(6, '0'));
      // Telegram shows text as it is: the contact centre's number is there, without link syntax.
      const sent = api.callsTo('sendMessage').map((call) => call.body.text as string);
      expect(sent.join('\n')).not.toMatch(/\]\((tel:|\/|https?:)/);
      expect(confirmation()).toMatch(/08-124 571 00/);
      // Every pressed button was answered, so Telegram stops its spinner.
      expect(api.callsTo('answerCallbackQuery')).toHaveLength(6);
    });

    it('when Telegram delivers the same update twice, then it is answered once and registers one handoff', async () => {
      await running.app.database.prisma.botState.deleteMany({ where: { key: { contains: `telegram:${chat}` } } });
      const before = api.callsTo('sendMessage').length;
      const first = said('Vi vill söka föreningsbidrag för vår förening');
      for (let attempt = 0; attempt < 2; attempt += 1) expect((await deliver('telegram', sign.telegram(first))).status).toBe(200);
      const replies = api.callsTo('sendMessage').length - before;
      expect(replies).toBeGreaterThan(0);
      for (const step of [
        () => pressed(/^Ja/),
        () => pressed(/^Ja/),
        () => said('Eva'),
        () => pressed(/Telefon/),
        () => said('0701234567'),
        () => pressed(/Förmiddag/),
        () => pressed(/Hoppa över/),
      ]) {
        await deliver('telegram', sign.telegram(step()));
      }
      const handoffsBefore = (await rows()).handoffs;
      const confirm = pressed(/Ja, skicka/);
      const [a, b] = await Promise.all([deliver('telegram', sign.telegram(confirm)), deliver('telegram', sign.telegram(confirm))]);
      expect([a.status, b.status]).toEqual([200, 200]);
      expect((await rows()).handoffs).toBe(handoffsBefore + 1);
      expect(api.callsTo('sendMessage').filter((call) => /LOTS-/.test(call.body.text as string))).toHaveLength(2);
    });
  });

  it('when Messenger verifies the webhook, then the challenge is answered; with a wrong verify token it is refused', async () => {
    const ok = await fetch(`${running.baseUrl}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=${MESSENGER_VERIFY_TOKEN}&hub.challenge=1158201444`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const wrong = await fetch(`${running.baseUrl}/webhooks/messenger?hub.mode=subscribe&hub.verify_token=guess&hub.challenge=1158201444`);
    expect(wrong.status).toBe(403);
    expect(await wrong.text()).not.toContain('1158201444');
  });

  it.each([
    ['telegram', () => sign.telegram(fixture('telegram-message.json'), 'a-wrong-secret-token-000000000')],
    ['telegram', () => ({ body: JSON.stringify(fixture('telegram-message.json')), headers: { 'content-type': 'application/json' } })],
    ['messenger', () => sign.messenger(fixture('messenger-message.json'), 'wrong-app-secret')],
    ['line', () => sign.line(fixture('line-message.json'), 'wrong-channel-secret')],
    ['slack', () => sign.slack(fixture('slack-message.json'), 'wrong-signing-secret')],
    [
      'slack',
      () => ({
        body: JSON.stringify(fixture('slack-message.json')),
        headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(Math.floor(Date.now() / 1000)), 'x-slack-signature': 'v0=short' },
      }),
    ],
    ['whatsapp', () => sign.whatsapp(fixture('whatsapp-message.json') as Record<string, string>, 'wrong-auth-token')],
  ])('when a %s delivery has a bad signature, then it is refused with 401 and nothing is processed or stored', async (platform, delivery) => {
    const [before, callsBefore] = [await rows(), api.calls.length];
    const response = await deliver(platform, delivery());
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
    expect(await rows()).toEqual(before);
    expect(api.calls.length).toBe(callsBefore);
  });

  it('when an association writes on Messenger, then the answer comes back with the choices as quick replies', async () => {
    const payload = fixture('messenger-message.json') as { entry: { messaging: { message: { text: string } }[] }[] };
    payload.entry[0]!.messaging[0]!.message.text = 'Hur söker vår förening föreningsbidrag?';
    expect((await deliver('messenger', sign.messenger(payload))).status).toBe(200);
    const sent = api
      .callsTo('/me/messages')
      .map((call) => call.body as { recipient: { id: string }; message: { text: string; quick_replies?: { title: string; payload: string }[] } });
    expect(sent.map((body) => body.message.text).join('\n')).toMatch(/föreningsbidrag/i);
    expect(sent.every((body) => body.recipient.id === '6543210987654321')).toBe(true);
    expect(sent.at(-1)!.message.quick_replies!.map((reply) => reply.payload)).toContain('yes');
  });

  it('when an association writes on LINE, then one reply carries the answer with quick-reply buttons', async () => {
    const payload = fixture('line-message.json') as { events: { message: { text: string } }[] };
    payload.events[0]!.message.text = 'Hur söker vår förening föreningsbidrag?';
    expect((await deliver('line', sign.line(payload))).status).toBe(200);
    const replies = api.callsTo('/v2/bot/message/reply');
    expect(replies).toHaveLength(1);
    const { replyToken, messages } = replies[0]!.body as {
      replyToken: string;
      messages: { text: string; quickReply?: { items: { action: { data: string } }[] } }[];
    };
    expect(replyToken).toBe('38ef843bde154d9b91c21320ffd17a0f');
    expect(messages.length).toBeLessThanOrEqual(5);
    expect(messages.map((message) => message.text).join('\n')).toMatch(/föreningsbidrag/i);
    expect(messages.at(-1)!.quickReply!.items.map((item) => item.action.data)).toContain('yes');
  });

  it('when an association writes on Slack, then the answer is posted in its channel with buttons', async () => {
    const payload = fixture('slack-message.json') as { event: { text: string } };
    payload.event.text = 'Hur söker vår förening föreningsbidrag?';
    expect((await deliver('slack', sign.slack(payload))).status).toBe(200);
    const posts = api.callsTo('/api/chat.postMessage').map((call) => call.body as { channel: string; text: string; blocks: string });
    expect(posts.every((post) => post.channel === 'D024BE91L')).toBe(true);
    expect(posts.map((post) => post.text).join('\n')).toMatch(/föreningsbidrag/i);
    expect(JSON.stringify(JSON.parse(posts.at(-1)!.blocks))).toContain('"value":"yes"');
  });

  it('when an association writes on WhatsApp, then choices come as numbered lines and a number answers them', async () => {
    const form = fixture('whatsapp-message.json') as Record<string, string>;
    const send = (text: string, sid: string) => deliver('whatsapp', sign.whatsapp({ ...form, Body: text, MessageSid: sid, SmsMessageSid: sid, SmsSid: sid }));
    const response = await send('Hur söker vår förening föreningsbidrag?', 'SM-first');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<Response>');
    const messages = () => api.callsTo('/Messages.json').map((call) => call.body as { To: string; From: string; Body: string });
    expect(messages().every((message) => message.To === 'whatsapp:+46701234567' && message.From === 'whatsapp:+14155238886')).toBe(true);
    const offer = messages().at(-1)!.Body;
    const yes = /(\d)\. Ja/.exec(offer);
    expect(yes).not.toBeNull();
    await send(yes![1]!, 'SM-second');
    // "Ja" to being contacted leads to the consent question, which only follows a yes.
    expect(messages().at(-1)!.Body).toMatch(/^Innan jag tar dina kontaktuppgifter[\s\S]*\n1\. Ja, det går bra\n2\. Nej$/);
    // A link on a messaging app must be absolute to be followed.
    expect(messages().at(-1)!.Body).toContain(`${PUBLIC_BASE_URL}/integritet`);
  });

  it('when a platform is not configured, then its webhook is 404', async () => {
    const response = await fetch(`${running.baseUrl}/webhooks/viber`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(404);
  });
});

export type { PlatformCall };
