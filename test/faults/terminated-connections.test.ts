import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { startLotsenProcess, type LotsenProcess } from '../support/lotsen-process';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { eventually, readiness, say } from '../support/residents';

const postgresql = databaseKinds.find((kind) => kind.name === 'postgresql');
const run = postgresql ? describe : describe.skip;
if (!postgresql) process.stderr.write('\n⚠ TEST_DATABASE_URL is not set: the terminated-connections fault test does not run.\n');

/**
 * PostgreSQL ends Lotsen's connections under it (a failover, an administrator's
 * pg_terminate_backend, a proxy timing out) while background jobs hold connections and residents
 * are answered. No database error may end the process: it answers what it can and recovers.
 */
run("when the database ends the service's connections again and again", () => {
  let database: TestDatabase;
  let lotsen: LotsenProcess;
  let admin: Client;
  const lotsenBackends = async () =>
    (await admin.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()')).rows.map(
      (row) => row.pid,
    );
  const terminateAll = async () => {
    const pids = await lotsenBackends();
    for (const pid of pids) await admin.query('SELECT pg_terminate_backend($1)', [pid]);
    return pids.length;
  };

  beforeAll(async () => {
    database = await postgresql!.create();
    admin = new Client({ connectionString: database.url });
    await admin.connect();
  }, 60_000);
  afterAll(async () => {
    lotsen?.child.kill('SIGKILL');
    await lotsen?.exited;
    await admin?.end();
    await database?.dispose();
  });

  it('then the process stays alive, keeps answering, and recovers by itself', async () => {
    lotsen = await startLotsenProcess({ DATABASE_URL: database.url, BACKGROUND_JOBS: 'on' });
    let terminated = 0;
    const conversations = Array.from({ length: 3 }, () => `terminated-${randomUUID()}`);
    // The jobs run at start (escalation and retention under advisory locks) and the outbox every 2 s.
    for (let round = 0; round < 25; round += 1) {
      terminated += await terminateAll();
      await Promise.all(conversations.map((id) => say(lotsen.baseUrl, id, round % 2 === 0 ? 'hej' : 'Jag vill bli volontär', 15_000).catch(() => undefined)));
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    expect(await Promise.race([lotsen.exited.then((code) => `exited with ${code}`), new Promise((resolve) => setTimeout(() => resolve('alive'), 2_000))])).toBe(
      'alive',
    );
    expect(terminated).toBeGreaterThan(10);

    await eventually(
      async () => ((await readiness(lotsen.baseUrl)) === 200 ? true : undefined),
      30_000,
      () => '/readyz never became ready again',
    );
    const turn = await say(lotsen.baseUrl, `after-${randomUUID()}`, 'Jag vill bli volontär');
    expect(turn.status).toBe(200);
    expect(turn.texts.join('\n')).toMatch(/volontär/i);
    expect(lotsen.output()).not.toMatch(/Unhandled|uncaught/i);
  }, 120_000);
});
