import { performance } from 'node:perf_hooks';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { HANDOFF_TURNS, say, type Turn } from '../support/residents';
import { startApp, type RunningApp } from '../support/test-app';

const RESIDENTS = 200;
const catalog = loadCatalogFile();

/** 200 people registering at the same moment, each through the whole dialog over HTTP. */
describe.each(databaseKinds)('when 200 residents register at once on $name', (kind) => {
  let testDatabase: TestDatabase;
  let running: RunningApp;

  beforeAll(async () => {
    testDatabase = await kind.create();
    running = await startApp(testDatabase.url);
  });
  afterAll(async () => {
    await running?.stop();
    await testDatabase?.dispose();
  });

  it('then there are 200 handoffs with unique references, and every resident got a confirmation naming their own', async () => {
    const started = performance.now();
    const conversations = Array.from({ length: RESIDENTS }, (_, index) => `concurrent-${kind.name}-${index}-${Date.now()}`);
    const residents = await Promise.all(
      conversations.map(async (conversationId) => {
        const turns: Turn[] = [];
        for (const text of HANDOFF_TURNS) turns.push(await say(running.baseUrl, conversationId, text, 120_000));
        return { conversationId, turns };
      }),
    );
    const wallMs = Math.round(performance.now() - started);
    const turnMs = residents.flatMap((resident) => resident.turns.map((turn) => turn.ms)).sort((a, b) => a - b);
    console.log(
      `${RESIDENTS} concurrent registrations on ${kind.name}: ${wallMs} ms in all, ${Math.round((RESIDENTS * HANDOFF_TURNS.length * 1000) / wallMs)} turns/s, turn p50 ${turnMs[Math.floor(turnMs.length / 2)]} ms, p99 ${turnMs[Math.floor(turnMs.length * 0.99)]} ms, max ${turnMs.at(-1)} ms`,
    );

    // No turn failed or was answered with the error text.
    const failedTurns = residents.flatMap((resident) =>
      resident.turns.filter((turn) => turn.status !== 200 || turn.texts.includes(catalog.texts.turnError.sv)),
    );
    expect(failedTurns).toEqual([]);
    const confirmations = residents.map((resident) => ({ conversationId: resident.conversationId, handoff: resident.turns.at(-1)!.handoff }));
    expect(confirmations.filter((confirmation) => !confirmation.handoff)).toEqual([]);

    const rows = await running.app.database.prisma.handoff.findMany({ select: { id: true, number: true, conversationId: true } });
    expect(rows).toHaveLength(RESIDENTS);
    expect(new Set(rows.map((row) => row.number)).size).toBe(RESIDENTS);
    expect(new Set(confirmations.map((confirmation) => confirmation.handoff!.reference)).size).toBe(RESIDENTS);
    // Each confirmation is the handoff registered for that very conversation.
    const conversationOf = new Map(rows.map((row) => [row.id, row.conversationId]));
    expect(confirmations.filter((confirmation) => conversationOf.get(confirmation.handoff!.id) !== confirmation.conversationId)).toEqual([]);
  }, 150_000);
});
