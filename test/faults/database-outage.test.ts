import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { sayKey } from '../support/texts';
import { instanceOf } from '../../src/domain/catalog/schema';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { requirePrivatePostgres, startPrivatePostgres, type PrivatePostgres } from '../support/private-postgres';
import { converse, eventually, HANDOFF_TURNS, readiness, referencesIn, say, type Turn } from '../support/residents';
import { startApp, type RunningApp } from '../support/test-app';

const catalog = loadCatalogFile();
const CONTACT_CENTRE_PHONE = instanceOf(catalog, catalog.contactCentre)!.contact.phone;
const BEFORE_CONFIRMING = HANDOFF_TURNS.slice(0, -1);
const run = requirePrivatePostgres() ? describe : describe.skip;

/**
 * PostgreSQL goes away in the middle of a conversation. The shared server of TEST_DATABASE_URL
 * is never touched: this file stops and starts a cluster of its own under a running Lotsen.
 */
run('when PostgreSQL stops in the middle of a conversation', () => {
  let postgres: PrivatePostgres;
  let running: RunningApp;
  const handoffsOf = (conversationId: string) => running.app.database.prisma.handoff.findMany({ where: { conversationId } });
  const whenReadinessIs = (status: number) =>
    eventually(
      async () => ((await readiness(running.baseUrl)) === status ? true : undefined),
      30_000,
      () => `/readyz never answered ${status}`,
    );
  /** A resident who has answered everything and is asked to confirm. */
  const atConfirmation = async () => {
    const conversationId = `outage-${randomUUID()}`;
    const turns = await converse(running.baseUrl, conversationId, BEFORE_CONFIRMING);
    expect(turns.at(-1)!.expecting).toBe('confirm');
    return conversationId;
  };
  /** What a reply must never do while nothing was committed: hand out a handoff or a reference. */
  const expectNothingConfirmed = (turn: Turn) => {
    expect(turn.handoff).toBeUndefined();
    expect(referencesIn(turn.texts.join('\n'))).toEqual([]);
    expect(turn.texts.join('\n')).not.toMatch(/registrerat/);
  };
  /** The database comes back: nothing was registered meanwhile, and confirming again registers the handoff once, without restarting Lotsen. */
  const recoverThenConfirmOnce = async (conversationId: string) => {
    await postgres.start();
    await whenReadinessIs(200);
    expect(await handoffsOf(conversationId)).toEqual([]);
    const retried = await say(running.baseUrl, conversationId, 'ja');
    expect(retried.handoff).toEqual({ id: expect.any(String), reference: expect.stringMatching(/^LOTS-/) });
    expect((await handoffsOf(conversationId)).map((row) => row.id)).toEqual([retried.handoff!.id]);
  };

  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    running = await startApp(postgres.url, { BACKGROUND_JOBS: 'off' });
  }, 60_000);
  beforeEach(async () => {
    // Each test starts with the database up, whatever the one before left.
    if (!postgres.running) await postgres.start();
    await whenReadinessIs(200);
  });
  afterAll(async () => {
    await running?.stop();
    await postgres?.dispose();
  });

  it('when it stops right before the person confirms, then they are told the turn failed, nothing is registered, /readyz is 503, and once it is back the same confirmation registers exactly once without restarting Lotsen', async () => {
    const conversationId = await atConfirmation();
    expect(await readiness(running.baseUrl)).toBe(200);

    await postgres.stop('immediate');
    await whenReadinessIs(503);
    const failed = await say(running.baseUrl, conversationId, 'ja', 30_000);
    expect(failed.status).toBe(200);
    expectNothingConfirmed(failed);
    // Honest: the turn failed and the person is told so (not silence, not a false "registered").
    expect(failed.texts).toEqual([
      expect.stringMatching(new RegExp(`^(${escape(sayKey(catalog, 'turnError', 'sv'))}|${escape(sayKey(catalog, 'registrationFailed', 'sv'))})$`)),
    ]);
    expect(failed.ms).toBeLessThan(20_000);
    expect(await readiness(running.baseUrl)).toBe(503);

    // "Nothing you wrote before has been lost": confirming again registers, once.
    await recoverThenConfirmOnce(conversationId);
  }, 120_000);

  it('when it stops right before the person confirms, then the answer gives the contact centre number to call meanwhile', async () => {
    const conversationId = await atConfirmation();
    await postgres.stop('immediate');
    await whenReadinessIs(503);
    const failed = await say(running.baseUrl, conversationId, 'ja', 30_000);
    expectNothingConfirmed(failed);
    expect(failed.texts.join('\n')).toContain(CONTACT_CENTRE_PHONE);
  }, 120_000);

  it('when it stops while the confirmed handoff is being written, then the person is told registration failed with the contact centre number and no reference, the handoff is not in the database, and confirming again once it is back registers it once', async () => {
    const conversationId = await atConfirmation();
    // Hold the handoff table so the registration is surely in flight when the server goes.
    const holder = new Client({ connectionString: postgres.url });
    const monitor = new Client({ connectionString: postgres.url });
    for (const client of [holder, monitor]) {
      client.on('error', () => undefined);
      await client.connect();
    }
    await holder.query('BEGIN');
    await holder.query('LOCK TABLE handoff IN ACCESS EXCLUSIVE MODE');
    const confirming = say(running.baseUrl, conversationId, 'ja', 60_000);
    await eventually(
      async () => {
        const { rows } = await monitor.query<{ waiting: number }>(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
        );
        return rows[0]!.waiting > 0 ? true : undefined;
      },
      20_000,
      () => 'the registration never reached the handoff table',
      50,
    );
    await postgres.stop('immediate');
    await Promise.allSettled([holder.end(), monitor.end()]);

    const failed = await confirming;
    expect(failed.status).toBe(200);
    expectNothingConfirmed(failed);
    expect(failed.texts[0]).toBe(sayKey(catalog, 'registrationFailed', 'sv'));
    expect(failed.texts[0]).toContain(CONTACT_CENTRE_PHONE);
    expect(await readiness(running.baseUrl)).toBe(503);

    // The state could not be saved either, so the person is still at the confirmation: saying
    // yes again registers the handoff, once.
    await recoverThenConfirmOnce(conversationId);
  }, 120_000);

  it('when it is back, then a new conversation runs to a registered handoff that is in the database, without restarting Lotsen', async () => {
    const conversationId = `after-outage-${randomUUID()}`;
    const turns = await converse(running.baseUrl, conversationId, HANDOFF_TURNS);
    const confirmed = turns.at(-1)!.handoff;
    expect(confirmed).toEqual({ id: expect.any(String), reference: expect.stringMatching(/^LOTS-/) });
    const rows = await handoffsOf(conversationId);
    expect(rows.map((row) => row.id)).toEqual([confirmed!.id]);
    expect(await readiness(running.baseUrl)).toBe(200);
  }, 60_000);
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
