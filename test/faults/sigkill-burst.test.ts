import { performance } from 'node:perf_hooks';
import { formatReference } from '../../src/domain/handoff/handoff';
import { inspectDatabase, integrityProblems } from '../support/database-integrity';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { startLotsenProcess, type LotsenProcess } from '../support/lotsen-process';
import { eventually, HANDOFF_TURNS, referencesIn, say, type ConfirmedHandoff } from '../support/residents';
import { isCard, linkChannel, ScriptedConnector, type ConnectorAttempt } from '../support/scripted-connector';

const RESIDENTS = 50;
const KILL_AFTER_CONFIRMATIONS = 25;
const CHANNEL = '19:sigkill-anhorig@thread.tacv2';
const STAFF_TOKEN = 'a-development-token-for-fault-tests';
const CONFIRM_STEP = HANDOFF_TURNS.length - 1;
/** The outbox's lease, its shortest (OUTBOX_LEASE_SECONDS): the test waits it out once. */
const LEASE_MS = 15_000;

interface Resident {
  readonly conversationId: string;
  confirmed?: ConfirmedHandoff;
  /** The step whose turn was cut by the kill (its request failed), if any. */
  cutAt?: number;
}

interface HandoffRow {
  id: string;
  number: number;
  conversation_id: string;
  created_at: Date;
  status: string;
}

/**
 * kill -9 in the middle of a burst of registrations, then a restart on the same database: what
 * a person was told must be true, and every registered handoff reaches staff exactly once.
 */
describe.each(databaseKinds)('when Lotsen on $name is killed with SIGKILL during a burst of registrations', (kind) => {
  let testDatabase: TestDatabase;
  let connector: ScriptedConnector;
  const processes: LotsenProcess[] = [];
  const start = async () => {
    const started = await startLotsenProcess({
      DATABASE_URL: testDatabase.url,
      NOTIFIER: 'teams',
      BACKGROUND_JOBS: 'on',
      STAFF_DEV_TOKEN: STAFF_TOKEN,
      LOG_LEVEL: 'info',
      OUTBOX_LEASE_SECONDS: String(LEASE_MS / 1000),
    });
    processes.push(started);
    return started;
  };

  beforeAll(async () => {
    testDatabase = await kind.create();
    connector = await new ScriptedConnector().start();
  });
  afterAll(async () => {
    for (const started of processes) if (started.child.exitCode === null && started.child.signalCode === null) started.child.kill('SIGKILL');
    await Promise.all(processes.map((started) => started.exited));
    await connector?.stop();
    await testDatabase?.dispose();
  });

  it('then every confirmed handoff exists exactly once, references are unique, and every handoff in the database gets its card once and is marked notified', async () => {
    // 1. A burst: 50 residents at once, each through the whole dialog; kill -9 after about half are confirmed.
    const first = await start();
    await linkChannel(first.baseUrl, connector, CHANNEL, 'anhorigkonsulent');
    const residents: Resident[] = Array.from({ length: RESIDENTS }, (_, index) => ({ conversationId: `sigkill-${kind.name}-${index}-${Date.now()}` }));
    let confirmedBeforeKill = 0;
    let killedAt: number | undefined;
    const kill = () => {
      if (killedAt !== undefined) return;
      killedAt = performance.now();
      first.child.kill('SIGKILL');
    };
    const burstStarted = performance.now();
    await Promise.all(
      residents.map(async (resident, index) => {
        // A little apart and at their own pace, as people are: the kill then finds residents at
        // every step, confirmations in flight, and the outbox at work on the first cards.
        await new Promise((resolve) => setTimeout(resolve, index * 60));
        for (let step = 0; step < HANDOFF_TURNS.length; step += 1) {
          if (step > 0) await new Promise((resolve) => setTimeout(resolve, 80 + ((index * 37 + step * 53) % 200)));
          if (killedAt !== undefined) {
            resident.cutAt = step;
            return;
          }
          try {
            const turn = await say(first.baseUrl, resident.conversationId, HANDOFF_TURNS[step]!, 60_000);
            // Every confirmation that reached a person counts, even one that arrived as the process died.
            if (turn.handoff) resident.confirmed = turn.handoff;
            if (turn.handoff && killedAt === undefined) {
              confirmedBeforeKill += 1;
              if (confirmedBeforeKill >= KILL_AFTER_CONFIRMATIONS) kill();
            }
          } catch {
            resident.cutAt = step;
            return;
          }
        }
      }),
    );
    kill();
    const burstMs = Math.round(performance.now() - burstStarted);
    expect(await first.exited).toBeNull(); // killed, not exited
    // What reached the connector from the first process (a request may land just after kill() is called).
    const diedAt = performance.now() + 100;

    // The kill did cut the burst: some were confirmed, some were in the middle.
    expect(confirmedBeforeKill).toBeGreaterThanOrEqual(KILL_AFTER_CONFIRMATIONS);
    expect(confirmedBeforeKill).toBeLessThan(RESIDENTS);
    expect(residents.filter((resident) => resident.cutAt !== undefined).length).toBeGreaterThan(0);

    // 2. Restart on the same database (for PGlite: the same folder, after a kill -9).
    const second = await start();
    // A resident whose confirming turn was cut says yes again; the answer must be the same handoff if it was committed.
    const retriers = residents.filter((resident) => resident.cutAt === CONFIRM_STEP);
    const retried = await Promise.all(retriers.map(async (resident) => ({ resident, turn: await say(second.baseUrl, resident.conversationId, 'ja') })));
    for (const { resident, turn } of retried) if (turn.handoff) resident.confirmed = turn.handoff;

    // 3. Wait for the outbox to deliver every handoff (jobs leased by the killed process wait out their 30 s lease).
    const listed = async () => {
      const response = await fetch(`${second.baseUrl}/api/staff/handoffs`, { headers: { authorization: `Bearer ${STAFF_TOKEN}` } });
      return ((await response.json()) as { handoffs: { id: string; reference: string }[] }).handoffs;
    };
    const cardsFor = (reference: string) =>
      connector.posted.filter((attempt) => isCard(attempt.activity) && referencesIn(JSON.stringify(attempt.activity.attachments)).includes(reference));
    const deliveryStarted = performance.now();
    await eventually(
      async () => {
        const handoffs = await listed();
        return handoffs.length > 0 && handoffs.every((handoff) => cardsFor(handoff.reference).length > 0) ? true : undefined;
      },
      75_000,
      () =>
        `not every handoff got a card; cards for: ${connector.posted.flatMap((attempt) => referencesIn(JSON.stringify(attempt.activity.attachments ?? []))).join(', ')}`,
      500,
    );
    const deliveryMs = Math.round(performance.now() - deliveryStarted);
    // A job the killed process had leased (posted or not) is free again only when its lease runs
    // out; then two more outbox rounds, so a second post of any card would show by then.
    const settled = killedAt! + LEASE_MS + 4_500;
    await new Promise((resolve) => setTimeout(resolve, Math.max(4_500, settled - performance.now())));
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);

    // 4. The database as it is now. PGlite's folder, after a kill -9 and a restart, must open and pass amcheck.
    const { rows, jobs, integrity } = await inspectDatabase(testDatabase.url, async (query) => ({
      rows: await query<HandoffRow>('SELECT id, number, conversation_id, created_at, status FROM handoff'),
      jobs: await query<{ handoff_id: string; status: string; attempts: number }>(
        `SELECT handoff_id, status, attempts FROM outbox_job WHERE kind = 'handoff.registered'`,
      ),
      integrity: kind.name === 'pglite' ? await integrityProblems(query) : undefined,
    }));
    if (integrity) {
      expect(integrity.problems).toEqual([]);
      expect(integrity.checked).toEqual(expect.arrayContaining(['handoff', 'outbox_job', 'bot_state', 'handoff_pkey']));
    }
    const referenceOf = (row: HandoffRow) => formatReference(new Date(row.created_at), Number(row.number));
    const rowById = new Map(rows.map((row) => [row.id, row]));
    const confirmed = residents.flatMap((resident) => (resident.confirmed ? [{ resident, ...resident.confirmed }] : []));

    const cardReferences = connector.posted
      .filter((attempt) => isCard(attempt.activity))
      .flatMap((attempt) => referencesIn(JSON.stringify(attempt.activity.attachments)));
    const duplicates = rows.map(referenceOf).filter((reference) => cardsFor(reference).length > 1);
    const postedBeforeKill = connector.posted.filter((attempt) => attempt.at <= diedAt);
    const lastCardBeforeKill: ConnectorAttempt | undefined = postedBeforeKill.filter((attempt) => isCard(attempt.activity)).at(-1);
    const inFlightAtKill = lastCardBeforeKill ? referencesIn(JSON.stringify(lastCardBeforeKill.activity.attachments)) : [];
    const summary = {
      kind: kind.name,
      burstMs,
      deliveryMs,
      confirmedBeforeKill,
      cut: residents
        .filter((resident) => resident.cutAt !== undefined)
        .map((resident) => resident.cutAt)
        .join(','),
      retriedConfirmations: retried.filter(({ turn }) => turn.handoff).length,
      retriedWithout: retried.filter(({ turn }) => !turn.handoff).map(({ turn }) => turn.texts.join(' / ').slice(0, 80)),
      handoffs: rows.length,
      committedButUnconfirmed: rows.filter((row) => !confirmed.some((entry) => entry.id === row.id)).length,
      cardsBeforeKill: postedBeforeKill.filter((attempt) => isCard(attempt.activity)).length,
      cards: cardReferences.length,
      duplicates: duplicates.map((reference) => ({ reference, cardsMsAfterKill: cardsFor(reference).map((attempt) => Math.round(attempt.at - killedAt!)) })),
      notNotified: rows
        .filter((row) => row.status !== 'notified')
        .map((row) => ({
          reference: referenceOf(row),
          status: row.status,
          cardsMsAfterKill: cardsFor(referenceOf(row)).map((attempt) => Math.round(attempt.at - killedAt!)),
        })),
    };
    console.log(`SIGKILL burst on ${kind.name}: ${JSON.stringify(summary)}`);
    if (duplicates.length > 0)
      console.warn(
        `⚠ known gap observed on ${kind.name}: card(s) ${duplicates.join(', ')} posted twice (Teams took it, the process died before the outbox recorded it)`,
      );
    // What a person was told is in the database, once, under the reference they were given, for their conversation.
    for (const { resident, id, reference } of confirmed) {
      expect(rows.filter((row) => row.id === id)).toHaveLength(1);
      expect(referenceOf(rowById.get(id)!)).toBe(reference);
      expect(rowById.get(id)!.conversation_id).toBe(resident.conversationId);
    }
    expect(new Set(rows.map(referenceOf)).size).toBe(rows.length);
    // A retried confirmation never makes a second handoff for the same person.
    const perConversation = new Map<string, number>();
    for (const row of rows) perConversation.set(row.conversation_id, (perConversation.get(row.conversation_id) ?? 0) + 1);
    expect([...perConversation.values()].filter((count) => count > 1)).toEqual([]);
    expect(rows.every((row) => residents.some((resident) => resident.conversationId === row.conversation_id))).toBe(true);

    // Every handoff in the database (confirmed or committed-but-unconfirmed) got its card, and no card names anything else.
    expect([...new Set(cardReferences)].sort()).toEqual(rows.map(referenceOf).sort());
    expect(jobs.filter((job) => job.status !== 'delivered')).toEqual([]);
    expect(jobs).toHaveLength(rows.length);
    // Only the link confirmation and cards reach the channel (no error text meant for a resident).
    expect(connector.posted.filter((attempt) => !isCard(attempt.activity)).map((attempt) => attempt.activity.text)).toEqual([expect.stringMatching(/^Klart/)]);

    // Exactly once, but for the one known gap: the card Teams took just before the kill, whose
    // delivery the dying process could not record, is posted again after the restart.
    expect(duplicates.filter((reference) => !inFlightAtKill.includes(reference))).toEqual([]);
    for (const reference of duplicates) expect(cardsFor(reference)).toHaveLength(2);
    // And each handoff whose card was delivered shows it: notified, not left "registered".
    expect(rows.filter((row) => row.status !== 'notified')).toEqual([]);
  }, 180_000);
});
