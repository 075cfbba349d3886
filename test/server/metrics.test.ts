import { PrismaHandoffRepository } from '../../src/storage/handoff-repository';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { handoffDraft } from '../support/handoff-drafts';
import { message, postActivity, startApp, type RunningApp } from '../support/test-app';

/** One sample's value from Prometheus text, by its name and labels as written. */
const sample = (text: string, series: string): number | undefined => {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
};

describe.each(databaseKinds)('GET /metrics on $name', (kind) => {
  let testDatabase: TestDatabase;
  let running: RunningApp;
  beforeAll(async () => {
    testDatabase = await kind.create();
    running = await startApp(testDatabase.url, { BACKGROUND_JOBS: 'off' });
  });
  afterAll(async () => {
    await running.stop();
    await testDatabase.dispose();
  });
  const scrape = async () => {
    const response = await fetch(`${running.baseUrl}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text();
  };

  it('when a turn is taken and a handoff registered, then the turn, its latency and the handoff and its notification show', async () => {
    const before = await scrape();
    expect(sample(before, 'lotsen_process_cpu_seconds_total')).toBeGreaterThan(0);
    expect(sample(before, 'lotsen_outbox_oldest_pending_seconds')).toBe(0);
    await postActivity(running.baseUrl, message('hej'));
    // Its promised contact (slaDueAt, a fixed past date in the test drafts) has passed: an SLA breach.
    await new PrismaHandoffRepository(running.app.database.prisma).register(handoffDraft({ conversationId: 'metrics' }));
    // A request is counted once its response has gone (the 'close' event): scrape until it is in.
    const turnsBefore = sample(before, 'lotsen_turns_total{channel="botframework"}') ?? 0;
    let after = await scrape();
    for (let tries = 0; tries < 40 && (sample(after, 'lotsen_turns_total{channel="botframework"}') ?? 0) === turnsBefore; tries += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      after = await scrape();
    }
    expect(sample(after, 'lotsen_turns_total{channel="botframework"}')).toBe((sample(before, 'lotsen_turns_total{channel="botframework"}') ?? 0) + 1);
    expect(sample(after, 'lotsen_turn_duration_seconds_count{channel="botframework"}')).toBeGreaterThanOrEqual(1);
    expect(sample(after, 'lotsen_handoffs{route="anhoriglanken",status="registered"}')).toBe(1);
    expect(sample(after, 'lotsen_outbox_jobs{status="pending"}')).toBe(1);
    expect(sample(after, 'lotsen_sla_breaches')).toBe((sample(before, 'lotsen_sla_breaches') ?? 0) + 1);
    // Nothing a person wrote or a contact detail is ever in it (whole values: "070" alone can be digits of a byte count).
    expect(after).not.toMatch(/Anna Andersson|46701234567|Min mamma|"hej"/);
  });
});
