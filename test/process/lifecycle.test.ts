import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sayKey } from '../support/texts';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { DIST, runCli, startLotsenProcess } from '../support/lotsen-process';
import { message, postActivity } from '../support/test-app';

const catalog = loadCatalogFile();
const answer = (id: string) => catalog.routes.find((route) => route.id === id)!.answer.sv;

describe.each(databaseKinds)('the Lotsen process on $name', (kind) => {
  let testDatabase: TestDatabase;
  beforeEach(async () => {
    testDatabase = await kind.create();
  });
  afterEach(() => testDatabase.dispose());

  it('when it gets SIGTERM during a turn, then the turn finishes, it exits cleanly and the conversation continues after a restart', async () => {
    const first = await startLotsenProcess({ DATABASE_URL: testDatabase.url, LOG_LEVEL: 'debug' });
    const conversation = 'sigterm-conversation';
    expect((await postActivity(first.baseUrl, message('hej', conversation))).texts[0]).toBe(sayKey(catalog, 'welcome', 'sv'));

    const turnStarted = first.logged('turn started');
    const inFlight = postActivity(first.baseUrl, message('anhoriglanken', conversation));
    await turnStarted;
    first.child.kill('SIGTERM');
    expect((await inFlight).texts).toEqual([answer('anhoriglanken'), sayKey(catalog, 'offerHandoff', 'sv', { instance: 'anhörigkonsulenten' })]);
    expect(await first.exited).toBe(0);
    expect(first.output()).toMatch(/"msg":"stopped"/);

    const second = await startLotsenProcess({ DATABASE_URL: testDatabase.url });
    try {
      // Had the state been lost, Lotsen would greet again instead of taking "no" as the answer to its offer.
      expect((await postActivity(second.baseUrl, message('nej', conversation))).texts).toEqual([
        sayKey(catalog, 'noHandoff', 'sv'),
        catalog.texts.anythingElse.sv,
      ]);
    } finally {
      second.child.kill('SIGTERM');
      expect(await second.exited).toBe(0);
    }
  });

  it('when HOST is set, then it listens on that address only', async () => {
    const running = await startLotsenProcess({ DATABASE_URL: testDatabase.url, HOST: '127.0.0.1' });
    expect(running.output()).toMatch(/"host":"127\.0\.0\.1"[^\n]*Lotsen is listening/);
    running.child.kill('SIGTERM');
    expect(await running.exited).toBe(0);
  });

  it('when it gets SIGTERM with a drain time, then /readyz says 503 at once while turns are still served, and it exits once the time is up', async () => {
    const running = await startLotsenProcess({ DATABASE_URL: testDatabase.url, SHUTDOWN_DRAIN_SECONDS: '2' });
    expect((await fetch(`${running.baseUrl}/readyz`)).status).toBe(200);
    const shuttingDown = running.logged('shutting down');
    running.child.kill('SIGTERM');
    await shuttingDown;
    const signalled = Date.now();
    expect((await fetch(`${running.baseUrl}/readyz`)).status).toBe(503);
    // Still serving while the load balancer moves away: a turn is answered, nothing is refused.
    expect((await postActivity(running.baseUrl, message('hej', 'draining-conversation'))).texts[0]).toBe(sayKey(catalog, 'welcome', 'sv'));
    expect(await running.exited).toBe(0);
    expect(Date.now() - signalled).toBeGreaterThanOrEqual(1_500);
  });

  it('when people write, then neither their text nor contact details reach the logs', async () => {
    const running = await startLotsenProcess({ DATABASE_URL: testDatabase.url, LOG_LEVEL: 'trace' });
    try {
      await postActivity(running.baseUrl, message('Zebrakaktus, ring mig på 070-123 45 67 eller anna@example.se'));
    } finally {
      running.child.kill('SIGTERM');
      await running.exited;
    }
    expect(running.output()).toMatch(/"path":"\/api\/messages"/);
    expect(running.output()).toMatch(/"level":40[^\n]*DEVELOPMENT MODE: Bot Framework authentication is OFF/); // said loudly at start
    expect(running.output()).not.toMatch(/Zebrakaktus|070-123|anna@example/);
  });

  it('when `lotsen migrate` runs, then it applies the migrations once and then reports the database up to date', async () => {
    const firstRun = await runCli(['migrate'], { DATABASE_URL: testDatabase.url });
    expect(firstRun).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Applied \d+ migration\(s\): \d{14}_init/) });
    const secondRun = await runCli(['migrate'], { DATABASE_URL: testDatabase.url });
    expect(secondRun).toMatchObject({ code: 0, stdout: 'The database is up to date.\n' });
  });
});

describe('starting with a bad configuration', () => {
  const start = (env: NodeJS.ProcessEnv) =>
    spawnSync(process.execPath, [path.join(DIST, 'index.js')], { env: { PATH: process.env.PATH, ...env }, encoding: 'utf8' });

  it('when PORT is not a number, then the start stops with one line naming PORT', () => {
    const result = start({ PORT: 'abc' });
    expect(result.status).toBe(78);
    expect(result.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^Configuration error: PORT /)]);
  });

  it('when a .env file is in the working folder, then it is read, and the environment wins over it', () => {
    const folder = mkdtempSync(path.join(tmpdir(), 'lotsen-env-'));
    writeFileSync(path.join(folder, '.env'), 'PORT=from-the-file\nLOG_LEVEL=info\n');
    const fromFile = spawnSync(process.execPath, [path.join(DIST, 'index.js')], { cwd: folder, env: { PATH: process.env.PATH }, encoding: 'utf8' });
    expect(fromFile.stderr).toMatch(/^Configuration error: PORT /);
    const overridden = spawnSync(process.execPath, [path.join(DIST, 'index.js')], {
      cwd: folder,
      env: { PATH: process.env.PATH, PORT: '0', LOG_LEVEL: 'nonsense' },
      encoding: 'utf8',
    });
    expect(overridden.stderr).toMatch(/^Configuration error: LOG_LEVEL /);
    rmSync(folder, { recursive: true, force: true });
  });

  it('when NODE_ENV=production has no MicrosoftAppId, then development mode is refused', () => {
    const result = start({ NODE_ENV: 'production' });
    expect(result.status).toBe(78);
    expect(result.stderr).toMatch(/^Configuration error: MicrosoftAppId .*production/);
  });
});
