// `npm run bench` (after `npm run build`): every measurement in one bounded run on loopback, then
// bench/results.json (the shape in shared/design/CONTRACTS.md, "Benchmark output") and
// bench/results.md (the table for the README). One file per measurement beside this one; this
// file only orders them, starts and stops the servers, and always cleans up (children, the
// PostgreSQL database, temporary folders), also on an error, Ctrl-C or the time limit.
//
// Settings: BENCH_SECONDS (10) per measurement, BENCH_WARMUP_SECONDS (2), BENCH_POSTGRES_URL (an
// admin URL of a server where the user may create databases; postgres@127.0.0.1:5432 by default).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { setTimeout } from 'node:timers';
import { measureClassifier } from './classifier.mjs';
import { measureDirectLine } from './directline.mjs';
import { measureHandoffs } from './handoffs.mjs';
import { measureIdleChats } from './idle-chats.mjs';
import { measureLongConversation } from './long-conversation.mjs';
import { createBenchDatabase, dropBenchDatabase } from './postgres.mjs';
import { ROOT, sampleRss, startEchoBot, startLeanDialogBot, startLotsen, stopAll } from './servers.mjs';
import { measureStartup } from './startup.mjs';
import { measureVolunteers } from './volunteers.mjs';
import { round } from './stats.mjs';
import { markdownTable } from './table.mjs';
import { echoReplyIsRight, leanDialogReplyIsRight, lotsenReplyIsRight, measureTurns } from './turn-load.mjs';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONCURRENCIES = [1, 10, 50];
// Well above the ~4 minutes a normal run takes; a hung server must not hold the machine.
const HARD_LIMIT_MS = 12 * 60_000;

const begun = Date.now();
const log = (message) => console.log(`[bench ${((Date.now() - begun) / 1000).toFixed(0).padStart(3)} s] ${message}`);

/** What must be undone whatever happens: temporary folders and the PostgreSQL database. */
const cleanup = { folders: [], database: undefined };
async function cleanUp() {
  await stopAll();
  if (cleanup.database)
    await dropBenchDatabase(cleanup.database).catch((error) => console.error(`could not drop database ${cleanup.database}: ${error.message}`));
  cleanup.database = undefined;
  await Promise.all(cleanup.folders.splice(0).map((folder) => rm(folder, { recursive: true, force: true })));
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    console.error(`\n${signal}: stopping the servers and cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}
setTimeout(() => {
  console.error(`the bench ran longer than ${HARD_LIMIT_MS / 60_000} minutes: stopping`);
  void cleanUp().finally(() => process.exit(1));
}, HARD_LIMIT_MS).unref();

function machine() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    nodeVersion: process.version,
    cpuModel: cpus[0]?.model ?? 'unknown',
    totalMemGb: round(os.totalmem() / 1024 ** 3, 1),
    // Other work on the machine skews every number; the load average at the start says how much.
    loadAverageAtStart: os.loadavg().map((load) => round(load, 2)),
  };
}

/** Turns at each concurrency against one server; ratio against the baseline at the same level. */
async function turnsAt(server, label, verifyBody, baseline) {
  const rows = {};
  for (const connections of CONCURRENCIES) {
    const row = await measureTurns({ server, connections, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS, label, verifyBody });
    if (baseline) row.ratio = round(row.rps / baseline[`c${connections}`].rps, 3);
    rows[`c${connections}`] = row;
    log(
      `${label} c${connections}: ${row.rps} turns/s, p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, ${row.serverCpuMsPerTurn} ms CPU/turn${row.ratio === undefined ? '' : `, ratio ${row.ratio}`}, failures ${row.non2xx + row.errors + row.wrongReplies}`,
    );
  }
  return rows;
}

/**
 * Everything measured against one Lotsen server, with its memory: turns, then (with `extras`, on
 * one database only, to stay within the time) Direct Line and a long conversation, then handoffs.
 */
async function lotsenOn(databaseUrl, label, baseline, { extras }) {
  const server = await startLotsen({ databaseUrl });
  log(`${label}: Lotsen ready in ${round(server.readyMs, 0)} ms (pid ${server.pid})`);
  try {
    // Idle: a moment after readiness, before any turn, so start-up garbage has a chance to go.
    await sleep(1000);
    const memory = { idleMb: round(server.rssMb(), 1) };
    const sampler = sampleRss(server);
    const turns = await turnsAt(server, label, lotsenReplyIsRight, baseline);
    let directline;
    let longConversation;
    if (extras) {
      directline = await measureDirectLine({ baseUrl: server.baseUrl });
      log(`${label} direct line: p50 ${directline.p50Ms} ms, p99 ${directline.p99Ms} ms over ${directline.samples} samples (${directline.errors} errors)`);
      longConversation = await measureLongConversation({ baseUrl: server.baseUrl, label });
      log(
        `${label} long conversation: turn p50 ${longConversation.firstP50Ms} ms at the start, ${longConversation.lastP50Ms} ms after ${longConversation.turns} turns (×${longConversation.growth})`,
      );
    }
    const handoffs = await measureHandoffs({ baseUrl: server.baseUrl, residents: 10, seconds: SECONDS, label });
    log(
      `${label} handoffs: ${handoffs.registered} registered, ${handoffs.perSecond}/s, ${handoffs.failed} failed${handoffs.firstFailure ? ` (${handoffs.firstFailure})` : ''}`,
    );
    memory.afterLoadMb = round(server.rssMb(), 1);
    memory.peakMb = round(sampler.stop(), 1);
    log(`${label} memory: idle ${memory.idleMb} MB, after load ${memory.afterLoadMb} MB, peak ${memory.peakMb} MB`);
    return { turns, directline, longConversation, handoffs, memory };
  } finally {
    await server.stop();
  }
}

/**
 * Lotsen against the lean dialog bot (bench/lean-dialog-bot.mjs), both on the same PostgreSQL
 * database at 10 conversations: three repeats, taken in turns so that a busy moment of the
 * machine falls on both alike, and the median of each. The lean bot is what botbuilder-dialogs
 * with state in the database costs when written plainly; Lotsen's share of it is what its own
 * work per turn (routing, triage, catalog texts, richer dialogs) costs on top.
 */
async function sideBySideWithLeanDialogs(databaseUrl, repeats = 3) {
  const lean = await startLeanDialogBot({ databaseUrl });
  const lotsen = await startLotsen({ databaseUrl });
  try {
    const runs = { lean: [], lotsen: [] };
    for (let repeat = 0; repeat < repeats; repeat++) {
      const settings = { connections: 10, seconds: SECONDS, warmupSeconds: WARMUP_SECONDS };
      runs.lean.push(await measureTurns({ server: lean, ...settings, label: 'lean-dialogs', verifyBody: leanDialogReplyIsRight }));
      runs.lotsen.push(await measureTurns({ server: lotsen, ...settings, label: 'postgres', verifyBody: lotsenReplyIsRight }));
      log(`side by side ${repeat + 1}/${repeats}: lean dialogs ${runs.lean.at(-1).rps} turns/s, Lotsen ${runs.lotsen.at(-1).rps} turns/s`);
    }
    const median = (rows) => [...rows].sort((a, b) => a.rps - b.rps)[Math.floor(rows.length / 2)];
    return {
      lean: { ...median(runs.lean), repeatsRps: runs.lean.map((row) => row.rps) },
      lotsen: { ...median(runs.lotsen), repeatsRps: runs.lotsen.map((row) => row.rps) },
    };
  } finally {
    await Promise.all([lean.stop(), lotsen.stop()]);
  }
}

async function main() {
  const results = {
    ranAt: new Date().toISOString(),
    machine: machine(),
    settings: {
      seconds: SECONDS,
      warmupSeconds: WARMUP_SECONDS,
      concurrencies: CONCURRENCIES,
      channel: 'webchat',
      deliveryMode: 'expectReplies',
      logLevel: 'warn',
      backgroundJobs: 'off',
    },
    turn: {},
    problems: [],
  };

  // Quiet-machine measurements first, before any load has run.
  log('startup: 3 starts on empty PGlite folders');
  results.startup = await measureStartup({ runs: 3 });
  log(`startup: ready in ${results.startup.readyMs} ms (median of ${results.startup.runsMs.join(', ')})`);
  results.classifier = measureClassifier();
  log(
    `classifier: ${results.classifier.perMessageMs} ms per message (p99 ${results.classifier.p99Ms}), model load ${results.classifier.modelLoadMs} ms, training ${results.classifier.trainingMs} ms`,
  );

  log('baseline: echo bot');
  const echo = await startEchoBot();
  try {
    results.turn.baseline = await turnsAt(echo, 'baseline', echoReplyIsRight);
  } finally {
    await echo.stop();
  }

  const folder = await mkdtemp(path.join(os.tmpdir(), 'lotsen-bench-'));
  cleanup.folders.push(folder);
  const lite = await lotsenOn(`pglite:${path.join(folder, 'db')}`, 'pglite', results.turn.baseline, { extras: true });
  results.turn.pglite = lite.turns;
  results.directline = lite.directline;
  results.longConversation = { ...lite.longConversation, backend: 'pglite' };
  results.handoffs = { ...lite.handoffs, backend: 'pglite' };
  results.memory = { ...lite.memory, backend: 'pglite' };
  // A first start copies the template cluster into the empty folder; every later start opens an
  // existing folder. Both are reported.
  const again = await startLotsen({ databaseUrl: `pglite:${path.join(folder, 'db')}` });
  await sleep(1000);
  results.memory.idleExistingFolderMb = round(again.rssMb(), 1);
  results.startup.readyExistingFolderMs = round(again.readyMs, 0);
  await again.stop();
  log(`pglite restart on the same folder: ready in ${results.startup.readyExistingFolderMs} ms, idle ${results.memory.idleExistingFolderMb} MB`);
  await rm(folder, { recursive: true, force: true });

  let database;
  try {
    database = await createBenchDatabase();
    cleanup.database = database.name;
  } catch (error) {
    results.problems.push(`PostgreSQL skipped: ${error.message}`);
    log(`PostgreSQL skipped: ${error.message}`);
  }
  if (database) {
    const post = await lotsenOn(database.url, 'postgres', results.turn.baseline, { extras: false });
    results.turn.postgres = post.turns;
    results.handoffs.postgres = post.handoffs;
    results.memory.postgres = post.memory;
    // The middle step: the echo bot keeping its state in the same PostgreSQL database.
    log('echo bot with its state in PostgreSQL');
    const echoWithState = await startEchoBot({ databaseUrl: database.url });
    try {
      results.turn.baselineWithState = await turnsAt(echoWithState, 'echo+state', echoReplyIsRight, results.turn.baseline);
    } finally {
      await echoWithState.stop();
    }
    log('lean dialog bot and Lotsen side by side at 10 conversations, three repeats');
    try {
      const side = await sideBySideWithLeanDialogs(database.url);
      results.turn.leanDialogs = { c10: { ...side.lean, ratio: round(side.lean.rps / results.turn.baseline.c10.rps, 3) } };
      results.turn.postgres.c10.ratioToLeanDialogs = round(side.lotsen.rps / side.lean.rps, 3);
      results.turn.postgres.c10.sideBySide = { rps: side.lotsen.rps, repeatsRps: side.lotsen.repeatsRps, serverCpuMsPerTurn: side.lotsen.serverCpuMsPerTurn };
      log(`Lotsen is ${results.turn.postgres.c10.ratioToLeanDialogs} of the lean dialog bot (medians of three)`);
    } catch (error) {
      results.problems.push(`lean dialog bot: ${error.message}`);
      log(`lean dialog bot failed: ${error.message}`);
    }
    log('volunteers: 1,000 through the Telegram dialog, then a call-out to 300');
    try {
      results.volunteers = await measureVolunteers({ databaseUrl: database.url });
      log(
        `volunteers: ${results.volunteers.volunteers} in ${results.volunteers.registrationSeconds} s; call-out to ${results.volunteers.callOut.asked} delivered in ${results.volunteers.callOut.deliveredWithinMs} ms, ${results.volunteers.callOut.duplicates} duplicates, ${results.volunteers.callOut.accepted} accepted for ${results.volunteers.callOut.places} places`,
      );
    } catch (error) {
      results.problems.push(`volunteers: ${error.message}`);
      log(`volunteers failed: ${error.message}`);
    }
    log('idle web chats: 1,000 open, polling and then on their streams');
    try {
      results.idleChats = await measureIdleChats({ databaseUrl: database.url, seconds: SECONDS });
      log(
        `idle web chats: polling ${results.idleChats.polling.cpuPercentOfACore} % CPU, ${results.idleChats.polling.transactionsPerSecond} transactions/s; push ${results.idleChats.push.cpuPercentOfACore} % CPU, ${results.idleChats.push.transactionsPerSecond} transactions/s`,
      );
    } catch (error) {
      results.problems.push(`idle web chats: ${error.message}`);
      log(`idle web chats failed: ${error.message}`);
    }
    await dropBenchDatabase(database.name);
    cleanup.database = undefined;
  }

  const c10 = (backend) => results.turn[backend]?.c10;
  results.targets = {
    postgresRatioC10AtLeast0_5: (c10('postgres')?.ratio ?? 0) >= 0.5,
    // Both databases: the embedded one is the default and PostgreSQL the production one.
    p99C10Under50ms: [c10('pglite'), c10('postgres')].every((row) => row !== undefined && row.p99Ms < 50),
    memoryUnder300MbPostgres: (results.memory.postgres?.afterLoadMb ?? Infinity) < 300,
    memoryUnder300MbPglite: results.memory.afterLoadMb < 300,
    readyUnder3s: results.startup.readyMs < 3000,
    volunteerCallOutWithin60s: results.volunteers?.within60s === true,
    postgresAtLeast0_9OfLeanDialogsC10: (results.turn.postgres?.c10?.ratioToLeanDialogs ?? 0) >= 0.9,
    // Push must cost at most a tenth of polling per open chat; a ratio of null (push cost nothing measurable) is met.
    idleChatPushTenTimesCheaper:
      results.idleChats !== undefined && [results.idleChats.cpuRatio, results.idleChats.transactionsRatio].every((ratio) => ratio === null || ratio >= 10),
  };
  const failures = Object.values(results.turn).flatMap((rows) => Object.entries(rows).filter(([, row]) => row.non2xx + row.errors + row.wrongReplies > 0));
  if (results.longConversation.growth > 1.5)
    results.problems.push(
      `a turn costs ${results.longConversation.growth}× as much after ${results.longConversation.turns} turns of one conversation as at its start (see bench/long-conversation.mjs)`,
    );
  if (failures.length > 0) results.problems.push(`some turns failed: ${failures.map(([level]) => level).join(', ')} (see non2xx, errors, wrongReplies)`);
  results.durationS = round((Date.now() - begun) / 1000, 0);

  const table = markdownTable(results);
  await writeFile(path.join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  await writeFile(path.join(ROOT, 'bench', 'results.md'), table);
  console.log(`\n${table}`);
  log('wrote bench/results.json and bench/results.md');
}

try {
  await main();
} catch (error) {
  console.error(`bench failed: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanUp();
}
