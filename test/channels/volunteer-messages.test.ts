import type { AddressInfo } from 'node:net';
import restify from 'restify';
import { linePlatform } from '../../src/channels/bottender/line';
import { messengerPlatform } from '../../src/channels/bottender/messenger';
import { slackPlatform } from '../../src/channels/bottender/slack';
import { telegramPlatform } from '../../src/channels/bottender/telegram';
import { smtpSender } from '../../src/channels/mail/smtp';
import { NotifierByKind } from '../../src/channels/notifier-by-kind';
import { httpSmsSender } from '../../src/channels/sms-gateway';
import { AnswerLinks } from '../../src/channels/volunteer-answer-links';
import { VolunteerMessenger } from '../../src/channels/volunteer-messenger';
import { answerTexts } from '../../dialogs/call-out-answer';
import { VOLUNTEER_MESSAGES, type VolunteerEntry } from '../../src/domain/volunteers/volunteer';
import { OutboxWorker } from '../../src/jobs/outbox-worker';
import { mountVolunteerAnswers } from '../../src/server/volunteer-answers';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import type { Database } from '../../src/storage/database';
import { PrismaVolunteerRegister } from '../../src/storage/volunteer-register';
import { databaseKinds } from '../support/databases';
import { FakePlatformApi } from '../support/fake-platform-api';
import { LocalMailServer } from '../support/local-mail-server';
import { RecordingServer } from '../support/recording-server';
import { openMigratedDatabase } from '../support/open-test-database';

const catalog = loadCatalogFile();
const settings = catalog.volunteers!;
const SMS_TOKEN = 'sms-gateway-token-for-tests';

/** A local SMS gateway: keeps each SMS it took, and answers with scripted statuses (429 with Retry-After, 400…) when told to. */
class FakeSmsGateway extends RecordingServer {
  readonly script: { status: number; retryAfter?: string }[] = [];
  constructor() {
    super(() => {
      const next = this.script.shift();
      return next
        ? { status: next.status, ...(next.retryAfter ? { headers: { 'retry-after': next.retryAfter } } : {}) }
        : { status: 202, body: { id: 'sms-1' } };
    });
  }
  /** The SMS it took: to whom, what, and with which token. */
  get sent(): { to: string; message: string; authorization?: string }[] {
    return this.calls.map((call) => ({ ...(call.body as { to: string; message: string }), authorization: call.headers.authorization }));
  }
  get url(): string {
    return `${this.origin}/send`;
  }
}

/** An e-mail body as written, from its quoted-printable transfer encoding (soft line breaks, =3D). */
const quotedPrintable = (raw: string): string =>
  raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

describe.each(databaseKinds)('messages to volunteers through the outbox on $name', (kind) => {
  let database: Database;
  let close: () => Promise<void>;
  let register: PrismaVolunteerRegister;
  let now = new Date('2026-12-02T08:00:00Z');
  const clock = () => now;
  const telegram = new FakePlatformApi();
  const sms = new FakeSmsGateway();
  const mail = new LocalMailServer();
  let answers: restify.Server;
  let baseUrl: string;
  let worker: OutboxWorker;
  let links: AnswerLinks;

  beforeAll(async () => {
    ({ database, close } = await openMigratedDatabase(kind));
    register = new PrismaVolunteerRegister(database.prisma, settings, 'Europe/Stockholm');
    await Promise.all([telegram.start(), sms.start(), mail.start()]);
    answers = restify.createServer();
    answers.use(restify.plugins.queryParser({ mapParams: false }));
    answers.use(restify.plugins.jsonBodyParser({ mapParams: false }));
    await new Promise<void>((resolve) => answers.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(answers.address() as AddressInfo).port}`;
    links = new AnswerLinks('a-shared-secret-of-at-least-thirty-two-characters', baseUrl, clock);
    const sendSms = httpSmsSender(sms.url, SMS_TOKEN);
    mountVolunteerAnswers(answers, {
      catalog,
      register,
      clock,
      callOutOfToken: (token) => links.callOutOf(token),
      textsFor: (language) => answerTexts(catalog, language),
      sms: { token: SMS_TOKEN, send: sendSms },
    });
    const platform = telegramPlatform({ accessToken: 'telegram-token', secretToken: 'telegram-secret-token', origin: telegram.origin });
    const messenger = new VolunteerMessenger({
      catalog,
      messageFor: (callOutId) => register.messageFor(callOutId),
      sms: sendSms,
      mail: smtpSender(mail.url, 'lotsen@ekero.se'),
      apps: { telegram: platform.startMessage!.bind(platform) },
      answerLinks: (callOutId) => links.linksFor(callOutId),
      log: () => undefined,
    });
    const notifier = new NotifierByKind(Object.fromEntries(Object.values(VOLUNTEER_MESSAGES).map((kind) => [kind, messenger])), {
      deliver: async () => ({ status: 'rejected', reason: 'no staff here' }),
    });
    worker = new OutboxWorker(database.prisma, notifier, clock, { baseBackoffMs: 1_000 });
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => answers.close(() => resolve()));
    await Promise.all([telegram.stop(), sms.stop(), mail.stop()]);
    await close();
  });

  const entry = (overrides: Partial<VolunteerEntry>): VolunteerEntry => ({
    conversationId: `webchat:${Math.random()}`,
    channel: 'webchat',
    language: 'sv',
    name: 'Kim',
    skills: ['driving'],
    areas: ['munso'],
    times: ['weekends'],
    reachBy: 'sms',
    consentVersion: settings.consentVersion,
    ...overrides,
  });
  const deliverAll = async () => {
    for (let round = 0; round < 10; round += 1) if ((await worker.runOnce()).delivered === 0) break;
  };

  it('delivers a call-out once each (app buttons, SMS "reply yes or no", e-mail links); yes answers arriving at once by SMS and by link fill exactly the places, and the rest are told', async () => {
    await register.register(entry({ conversationId: 'telegram:4711', channel: 'telegram', reachBy: 'app', name: 'Tess' }), now);
    await register.register(entry({ phone: '+46701234567', name: 'Sam', language: 'en' }), now);
    await register.register(entry({ phone: '+46702345678', name: 'Sia' }), now);
    await register.register(entry({ reachBy: 'email', email: 'eli@example.org', name: 'Eli' }), now);
    const need = await register.createNeed(
      { title: 'Köra mat till Munsö', area: 'munso', skills: ['driving'], count: 2, startsAt: new Date('2026-12-05T09:00:00Z'), crisis: false },
      'volontarsamordning',
      'coordinator',
    );
    expect(await register.callOut(need.id, 6, now)).toBe(4);
    await deliverAll();
    await deliverAll(); // a second run finds nothing left: each was sent once

    const [inApp] = telegram.callsTo('sendMessage');
    expect(telegram.callsTo('sendMessage')).toHaveLength(1);
    expect(inApp!.body).toMatchObject({
      chat_id: '4711',
      text: expect.stringContaining('Hej Tess! Volontärsamordningen i Ekerö kommun behöver hjälp: Köra mat till Munsö. Var: Munsö.'),
    });
    const keyboard = (inApp!.body.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] }).inline_keyboard.flat();
    expect(keyboard.map((button) => button.callback_data)).toEqual([expect.stringMatching(/^callout:[0-9a-f-]{36}:yes$/), expect.stringMatching(/:no$/)]);

    expect(sms.sent.map((sent) => sent.to).sort()).toEqual(['+46701234567', '+46702345678']);
    const toSam = sms.sent.find((sent) => sent.to === '+46701234567')!;
    expect(toSam).toMatchObject({ authorization: `Bearer ${SMS_TOKEN}`, message: expect.stringContaining('Reply YES or NO') });
    expect(toSam.message).toMatch(/^Hello Sam! .*When: Saturday 5 December/);

    expect(mail.received).toHaveLength(1);
    expect(mail.received[0]!.to).toEqual(['eli@example.org']);
    const yesLink = /(http:\/\/127\.0\.0\.1:\d+\/volunteer\/answer\/[\w.-]+\?answer=yes)/.exec(quotedPrintable(mail.received[0]!.raw))![1]!;
    // The link's page only asks again (mail scanners open links); nothing is answered by opening it.
    expect(await (await fetch(yesLink)).text()).toContain('<h1>Köra mat till Munsö</h1>');
    expect((await register.need(need.id)).need.answers.accepted).toBe(0);

    // Three yes for two places, at once: Sam and Sia by SMS, Eli by pressing the link's button.
    const bySms = (from: string) =>
      fetch(`${baseUrl}/webhooks/sms`, {
        method: 'POST',
        headers: { authorization: `Bearer ${SMS_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ from, text: from.endsWith('4567') ? 'Yes' : 'ja' }),
      }).then((response) => response.json());
    const [sam, sia, eli] = await Promise.all([
      bySms('0701234567'),
      bySms('070-234 56 78'),
      fetch(yesLink, { method: 'POST' }).then((response) => response.text()),
    ]);
    expect([sam, sia]).toEqual([
      { ok: true, answered: true },
      { ok: true, answered: true },
    ]);
    const after = await register.need(need.id);
    expect(after.need).toMatchObject({ status: 'filled', answers: { accepted: 2, filled: 2 } });
    // Each got a reply saying what became of their yes: two are in, one was too late.
    const replies = [...sms.sent.slice(2).map((sent) => sent.message), eli];
    expect(replies.filter((reply) => /Thank you! You are in\.|Tack! Du är med\./.test(reply))).toHaveLength(2);
    expect(replies.filter((reply) => /tillräckligt många|enough people/.test(reply))).toHaveLength(1);

    // Tess, who had not answered, is told in the app that it is filled, once.
    await deliverAll();
    await deliverAll();
    const told = telegram.callsTo('sendMessage').slice(1);
    expect(told).toHaveLength(1);
    expect(told[0]!.body).toMatchObject({ chat_id: '4711', text: expect.stringContaining('Nu är vi tillräckligt många') });
  });

  it('refuses an SMS webhook call without the gateway’s token, and a forged or outdated link', async () => {
    const refused = await fetch(`${baseUrl}/webhooks/sms`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"from":"+46701234567","text":"ja"}',
    });
    expect(refused.status).toBe(401);
    const volunteer = await register.register(entry({ phone: '+46709999999' }), now);
    const need = await register.createNeed(
      { title: 'Handla', area: 'munso', skills: ['driving'], count: 1, startsAt: new Date('2026-12-06T09:00:00Z'), crisis: false },
      'volontarsamordning',
      'coordinator',
    );
    await register.callOut(need.id, 1, now);
    const callOutId = (await register.need(need.id)).callOuts.find((callOut) => callOut.volunteer?.id === volunteer.id)!.id;
    const token = links.tokenFor(callOutId);
    const [id, until] = token.split('.');
    const forged = `${id}.${until}.${'A'.repeat(22)}`;
    expect((await fetch(`${baseUrl}/volunteer/answer/${forged}?answer=yes`, { method: 'POST' })).status).toBe(404);
    // The genuine link's page opens (its 404 below is the expiry, not the route).
    expect((await fetch(`${baseUrl}/volunteer/answer/${token}`)).status).toBe(200);
    now = new Date(now.getTime() + 31 * 86_400_000);
    expect((await fetch(`${baseUrl}/volunteer/answer/${token}?answer=yes`, { method: 'POST' })).status).toBe(404);
    now = new Date('2026-12-02T08:00:00Z');
    expect((await register.need(need.id)).callOuts.find((callOut) => callOut.id === callOutId)).toMatchObject({ status: 'asked' });
  });

  it('when the SMS gateway is busy it waits as long as Retry-After says; a refused number fails for good, and nothing is sent twice', async () => {
    await database.prisma.outboxJob.updateMany({ where: { status: 'pending', callOutId: { not: null } }, data: { status: 'delivered' } });
    await register.register(entry({ phone: '+46708888888', areas: ['adelso'] }), now);
    await register.register(entry({ phone: '+46707777777', areas: ['adelso'] }), now);
    const need = await register.createNeed(
      { title: 'Snöskottning', area: 'adelso', skills: ['driving'], count: 1, startsAt: new Date('2026-12-05T09:00:00Z'), crisis: false },
      'volontarsamordning',
      'coordinator',
    );
    await register.callOut(need.id, 2, now);
    const before = sms.sent.length;
    sms.script.push({ status: 429, retryAfter: '120' }, { status: 400 });
    await worker.runOnce();
    const jobs = await database.prisma.outboxJob.findMany({ where: { callOut: { needId: need.id } }, orderBy: { nextAttemptAt: 'asc' } });
    expect(jobs.map((job) => job.status).sort()).toEqual(['failed', 'pending']);
    const waiting = jobs.find((job) => job.status === 'pending')!;
    expect(waiting.nextAttemptAt.getTime() - now.getTime()).toBe(120_000);
    expect(sms.sent.length).toBe(before);
    now = new Date(now.getTime() + 121_000);
    await deliverAll();
    await deliverAll();
    expect(sms.sent.length).toBe(before + 1);
    now = new Date('2026-12-02T08:00:00Z');
  });

  it('Slack and LINE start a message in the person’s chat with the call-out’s buttons; Messenger and WhatsApp cannot start one (their 24-hour rule)', async () => {
    const choices = [
      { title: 'Ja, jag kan', value: 'callout:00000000-0000-4000-8000-000000000001:yes' },
      { title: 'Nej, inte den här gången', value: 'callout:00000000-0000-4000-8000-000000000001:no' },
    ];
    const slack = slackPlatform({ accessToken: 'xoxb-slack-token', signingSecret: 'slack-signing-secret', origin: telegram.origin });
    await slack.startMessage!('slack:D0123456', { text: 'Kan du hjälpa till?', choices });
    const [posted] = telegram.callsTo('chat.postMessage');
    expect(posted!.body).toMatchObject({ channel: 'D0123456', text: 'Kan du hjälpa till?' });
    expect(JSON.stringify(posted!.body.blocks)).toContain(choices[0]!.value);
    const line = linePlatform({ accessToken: 'line-token', channelSecret: 'line-channel-secret', origin: telegram.origin });
    await line.startMessage!('line:U0123456789', { text: 'Kan du hjälpa till?', choices });
    const [pushed] = telegram.callsTo('/message/push');
    expect(pushed!.body).toMatchObject({ to: 'U0123456789', messages: [{ type: 'text', text: 'Kan du hjälpa till?' }] });
    expect(JSON.stringify(pushed!.body.messages)).toContain(choices[1]!.value);
    const messenger = messengerPlatform({ accessToken: 'messenger-token', appSecret: 'messenger-app-secret', verifyToken: 'verify', origin: telegram.origin });
    expect(messenger.startMessage).toBeUndefined();
  });
});
