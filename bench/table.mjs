// The results as markdown: printed at the end of a run and written to bench/results.md, so the
// same table can be pasted into the README.

const num = (value, digits = 1) => (value === null || value === undefined ? '–' : Number(value).toFixed(digits));
const latency = (row) => (row ? `${num(row.p50Ms)} / ${num(row.p99Ms)}` : '–');
const mark = (ok) => (ok ? 'met' : '**missed**');

export function markdownTable(results) {
  const { turn, machine } = results;
  const lines = [];
  lines.push(
    `Measured ${results.ranAt.slice(0, 16).replace('T', ' ')} UTC on ${machine.cores} cores (${machine.cpuModel}), ${machine.totalMemGb} GB, Node ${machine.nodeVersion}; ` +
      `load generator and server on the same machine, loopback; ${results.settings.seconds} s per measurement after a ${results.settings.warmupSeconds} s warm-up.`,
    '',
    '| concurrent conversations | echo bot turns/s | Lotsen on PGlite turns/s | p50 / p99 ms | ratio | Lotsen on PostgreSQL turns/s | p50 / p99 ms | ratio |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|',
  );
  for (const level of results.settings.concurrencies) {
    const key = `c${level}`;
    const base = turn.baseline?.[key];
    const lite = turn.pglite?.[key];
    const post = turn.postgres?.[key];
    lines.push(`| ${level} | ${num(base?.rps, 0)} | ${num(lite?.rps, 0)} | ${latency(lite)} | ${num(lite?.ratio, 3)} | ${num(post?.rps, 0)} | ${latency(post)} | ${num(post?.ratio, 3)} |`);
  }
  const failures = ['baseline', 'pglite', 'postgres']
    .flatMap((backend) => Object.values(turn[backend] ?? {}).map((row) => (row.non2xx ?? 0) + (row.errors ?? 0) + (row.wrongReplies ?? 0)))
    .reduce((a, b) => a + b, 0);
  lines.push('', `Turn failures (non-2xx, socket errors/timeouts, wrong replies) across all runs: ${failures}.`, '');

  const { directline, handoffs, classifier, memory, startup, targets } = results;
  lines.push(
    '| measurement | value |',
    '|---|---:|',
    `| Direct Line (web chat, PGlite): posted message → reply readable, p50 / p99 | ${latency(directline)} ms (${directline?.samples ?? 0} samples) |`,
    `| Handoffs registered per second, 10 residents at once, PGlite | ${num(handoffs?.perSecond, 2)} |`,
    `| Handoffs registered per second, 10 residents at once, PostgreSQL | ${num(handoffs?.postgres?.perSecond, 2)} |`,
    `| Classifier (triage + router) per message | ${num(classifier?.perMessageMs, 3)} ms |`,
    `| Classifier training at start | ${num(classifier?.trainingMs, 0)} ms |`,
    `| Memory (RSS, PGlite): idle after start / after load / peak | ${num(memory?.idleMb, 0)} / ${num(memory?.afterLoadMb, 0)} / ${num(memory?.peakMb, 0)} MB |`,
    `| Memory (RSS, PostgreSQL): idle after start / after load / peak | ${num(memory?.postgres?.idleMb, 0)} / ${num(memory?.postgres?.afterLoadMb, 0)} / ${num(memory?.postgres?.peakMb, 0)} MB |`,
    `| Start to ready on an empty PGlite folder (median of ${startup?.runsMs?.length ?? 0}) | ${num(startup?.readyMs, 0)} ms |`,
    '',
    '| target | result |',
    '|---|---|',
    `| Lotsen on PostgreSQL ≥ 50 % of the echo bot's turns/s at 10 conversations | ${mark(targets.postgresRatioC10AtLeast0_5)} (${num(turn.postgres?.c10?.ratio, 3)}) |`,
    `| p99 turn latency < 50 ms at 10 conversations (PGlite and PostgreSQL) | ${mark(targets.p99C10Under50ms)} (${num(turn.pglite?.c10?.p99Ms)} / ${num(turn.postgres?.c10?.p99Ms)} ms) |`,
    `| Memory < 300 MB after load | ${mark(targets.memoryUnder300Mb)} (${num(memory?.afterLoadMb, 0)} MB) |`,
    `| Ready < 3 s on PGlite | ${mark(targets.readyUnder3s)} (${num(startup?.readyMs, 0)} ms) |`,
  );
  return `${lines.join('\n')}\n`;
}
