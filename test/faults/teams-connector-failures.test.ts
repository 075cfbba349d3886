import { randomUUID } from 'node:crypto';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { converse, eventually, HANDOFF_TURNS, referencesIn } from '../support/residents';
import { isCard, linkChannel, ScriptedConnector, type ConnectorAttempt } from '../support/scripted-connector';
import { startApp, type RunningApp } from '../support/test-app';
import { retryFailedNotifications } from '../../src/jobs/undeliverable';
import { PrismaHandoffRepository } from '../../src/storage/handoff-repository';
import { handoffDraft } from '../support/handoff-drafts';
import { LocalMailServer } from '../support/local-mail-server';

const CHANNEL = '19:fault-anhorig@thread.tacv2';
const CONTACT_CENTRE_CHANNEL = '19:fault-kontaktcenter@thread.tacv2';

/** The Bot Connector failing the way Teams does (500s, 429 with Retry-After), through the real outbox. */
describe('when Teams answers errors while a handoff card is posted', () => {
  let testDatabase: TestDatabase;
  let running: RunningApp;
  let connector: ScriptedConnector;
  let mailServer: LocalMailServer;
  const logs: Record<string, unknown>[] = [];

  const cardAttemptsFor = (reference: string) =>
    connector.attempts.filter((attempt) => isCard(attempt.activity) && referencesIn(JSON.stringify(attempt.activity.attachments)).includes(reference));
  const register = async () => {
    const turns = await converse(running.baseUrl, `teams-fault-${randomUUID()}`, HANDOFF_TURNS);
    const handoff = turns.at(-1)!.handoff;
    if (!handoff) throw new Error(`no confirmation: ${JSON.stringify(turns.at(-1))}`);
    return handoff;
  };
  const gaps = (attempts: ConnectorAttempt[]) => attempts.slice(1).map((attempt, index) => Math.round(attempt.at - attempts[index]!.at));
  const outboxJobOf = (handoffId: string) => running.app.database.prisma.outboxJob.findFirstOrThrow({ where: { handoffId, kind: 'handoff.registered' } });

  beforeAll(async () => {
    connector = await new ScriptedConnector().start();
    mailServer = await new LocalMailServer().start();
    testDatabase = await databaseKinds[0]!.create();
    running = await startApp(testDatabase.url, { NOTIFIER: 'teams', BACKGROUND_JOBS: 'on', SMTP_URL: mailServer.url, MAIL_FROM: 'lotsen@ekero.se' }, logs);
    await linkChannel(running.baseUrl, connector, CHANNEL, 'anhorigkonsulent');
    await linkChannel(running.baseUrl, connector, CONTACT_CENTRE_CHANNEL, 'kontaktcenter');
  }, 60_000);
  afterAll(async () => {
    await running?.stop();
    await testDatabase?.dispose();
    await connector?.stop();
    await mailServer?.stop();
  });

  it('when it answers 500, 500, then 429 with Retry-After: 2, then 200, then the card is retried after a backoff each time, waits out Retry-After, and is posted once', async () => {
    connector.answer([{ status: 500 }, { status: 500 }, { status: 429, retryAfterSeconds: 2 }]);
    const { id, reference } = await register();
    await connector.waitFor(() => cardAttemptsFor(reference).some((attempt) => attempt.posted), 45_000);
    // Two more outbox rounds: a second post would show up by then.
    await new Promise((resolve) => setTimeout(resolve, 4_500));

    const attempts = cardAttemptsFor(reference);
    expect(attempts.map((attempt) => attempt.status)).toEqual([500, 500, 429, 200]);
    expect(connector.posted.filter((attempt) => referencesIn(JSON.stringify(attempt.activity.attachments ?? [])).includes(reference))).toHaveLength(1);
    const [afterFirst500, afterSecond500, afterThe429] = gaps(attempts) as [number, number, number];
    expect(afterFirst500).toBeGreaterThanOrEqual(450);
    expect(afterSecond500).toBeGreaterThanOrEqual(950);
    expect(afterThe429).toBeGreaterThanOrEqual(1_950);
    expect(await outboxJobOf(id)).toMatchObject({ status: 'delivered', lastError: null });
    expect((await running.app.database.prisma.handoff.findUniqueOrThrow({ where: { id } })).status).toBe('notified');
  }, 90_000);

  it('when it answers 500 more often than one delivery retries, then the outbox backs off and tries the job again later, the card is posted once, and nothing else lands in the channel', async () => {
    connector.answer(Array.from({ length: 6 }, () => ({ status: 500 })));
    const { id, reference } = await register();
    // Fails at once if the outbox takes the job for delivered while no card was posted.
    await eventually(
      async () => {
        if (cardAttemptsFor(reference).some((attempt) => attempt.posted)) return true;
        const job = await outboxJobOf(id);
        if (job.status !== 'pending')
          throw new Error(
            `the outbox job is ${job.status} (attempts ${job.attempts}, lastError ${job.lastError}) but no card was posted; the connector got: ${JSON.stringify(connector.attempts.map((attempt) => [attempt.status, attempt.activity.text ?? 'card']))}`,
          );
        return undefined;
      },
      45_000,
      () => 'the card was never posted',
    );
    await new Promise((resolve) => setTimeout(resolve, 4_500));

    const attempts = cardAttemptsFor(reference);
    expect(attempts.map((attempt) => attempt.status)).toEqual([500, 500, 500, 500, 500, 500, 200]);
    expect(gaps(attempts).every((gap) => gap >= 450)).toBe(true);
    const job = await outboxJobOf(id);
    expect(job).toMatchObject({ status: 'delivered', lastError: null });
    // More than one outbox attempt: the job went back to the outbox and was retried after a backoff.
    expect(job.attempts).toBeGreaterThanOrEqual(2);
    expect((await running.app.database.prisma.handoff.findUniqueOrThrow({ where: { id } })).status).toBe('notified');
    // The channel shows the link confirmation and cards only, never an error meant for a resident.
    expect(connector.posted.filter((attempt) => !isCard(attempt.activity)).map((attempt) => attempt.activity.text)).toEqual([
      expect.stringMatching(/^Klart/),
      expect.stringMatching(/^Klart/),
    ]);
  }, 90_000);

  it("when it refuses the instance's channel (403: the bot was removed from the team), then after a few tries it gives up loudly: logged at error, recorded on the handoff, the contact centre gets the card, and `outbox retry` delivers it once the bot is back", async () => {
    connector.answer(
      Array.from({ length: 4 }, () => ({ status: 403 })),
      (activity, conversationId) => isCard(activity) && conversationId === CHANNEL,
    );
    const { id, reference } = await register();
    const fallbackCard = await connector.waitForPost(
      (attempt) => attempt.conversationId === CONTACT_CENTRE_CHANNEL && referencesIn(JSON.stringify(attempt.activity.attachments ?? [])).includes(reference),
      45_000,
    );
    expect(JSON.stringify(fallbackCard.activity.attachments)).toMatch(/Kunde inte aviseras i kanalen för anhörigkonsulenten \(http-403\)/);
    expect(
      cardAttemptsFor(reference)
        .filter((attempt) => attempt.conversationId === CHANNEL)
        .map((attempt) => attempt.status),
    ).toEqual([403, 403, 403, 403]);
    expect(await outboxJobOf(id)).toMatchObject({ status: 'failed', lastError: 'http-403', attempts: 4 });
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 50, handoffId: id, target: 'anhorigkonsulent', reason: 'http-403', fallback: 'kontaktcenter' }),
    );
    const events = await running.app.database.prisma.handoffEvent.findMany({ where: { handoffId: id, type: 'notification-failed' } });
    expect(events).toEqual([
      expect.objectContaining({ details: { kind: 'handoff.registered', target: 'anhorigkonsulent', reason: 'http-403', fallback: 'kontaktcenter' } }),
    ]);
    // Still nobody's: the case waits to be claimed (and escalates on time), never dropped.
    expect((await running.app.database.prisma.handoff.findUniqueOrThrow({ where: { id } })).status).toBe('registered');

    // The bot is back in the team: an administrator replays it.
    expect(await retryFailedNotifications(running.app.database.prisma, reference)).toBe(1);
    await connector.waitForPost(
      (attempt) => attempt.conversationId === CHANNEL && referencesIn(JSON.stringify(attempt.activity.attachments ?? [])).includes(reference),
      20_000,
    );
    await eventually(
      async () => ((await outboxJobOf(id)).status === 'delivered' ? true : undefined),
      10_000,
      () => 'the replayed job was never recorded as delivered',
    );
    expect((await running.app.database.prisma.handoff.findUniqueOrThrow({ where: { id } })).status).toBe('notified');
  }, 90_000);

  it("when the channel of an instance with a shared mailbox refuses (403), then the mailbox gets an e-mail with the reference and where to act, never the resident's data; a busy mail server is tried again", async () => {
    // The contact centre is its own fallback: the e-mail is all that is left to tell.
    connector.answer(
      Array.from({ length: 4 }, () => ({ status: 403 })),
      (activity, conversationId) => isCard(activity) && conversationId === CONTACT_CENTRE_CHANNEL,
    );
    mailServer.refuseNext(451);
    const { id, reference } = await new PrismaHandoffRepository(running.app.database.prisma).register(
      handoffDraft({ routeId: 'ovrigt', instanceId: 'kontaktcenter', summary: 'Grannen är orolig' }),
    );
    const mail = await eventually(
      async () => mailServer.received.find((received) => received.raw.includes(reference)),
      45_000,
      () => 'no e-mail reached the shared mailbox',
    );

    expect(mail.to).toEqual(['kontaktcenter@ekero.se']);
    expect(mail.from).toBe('lotsen@ekero.se');
    expect(mail.raw).toMatch(/koppla kontaktcenter/);
    expect(mail.raw).toContain('http-403');
    // The Message-ID is random hex, and once held "070": the resident's data is looked for everywhere else.
    expect(mail.raw.replace(/^Message-ID:.*$/m, '')).not.toMatch(/Anna|Andersson|46701234567|070|Grannen|orolig/);
    const mailJob = await running.app.database.prisma.outboxJob.findFirstOrThrow({ where: { handoffId: id, kind: 'handoff.undeliverable.mail' } });
    expect(mailJob).toMatchObject({ status: 'delivered', target: 'kontaktcenter', attempts: 2 }); // the 451, then delivered
    const events = await running.app.database.prisma.handoffEvent.findMany({ where: { handoffId: id, type: 'notification-failed' } });
    expect(events).toEqual([expect.objectContaining({ details: { kind: 'handoff.registered', target: 'kontaktcenter', reason: 'http-403', mailed: true } })]);
  }, 90_000);
});
