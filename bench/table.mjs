// The results as markdown: printed at the end of a run and written to bench/results.md, so the
// same table can be pasted into the README.

const num = (value, digits = 1) => (value === null || value === undefined ? '–' : Number(value).toFixed(digits));
const latency = (row) => (row ? `${num(row.p50Ms)} / ${num(row.p99Ms)}` : '–');
const handoffRow = (run) => (run ? `${num(run.perSecond, 2)} (${run.registered} registered, ${run.failed} failed)` : '–');
const mark = (ok) => (ok ? 'met' : '**missed**');

export function markdownTable(results) {
  const { turn, machine } = results;
  const lines = [];
  lines.push(
    `Measured ${results.ranAt.slice(0, 16).replace('T', ' ')} UTC on ${machine.cores} cores (${machine.cpuModel}), ${machine.totalMemGb} GB, Node ${machine.nodeVersion}; ` +
      `load generator and server on the same machine, loopback; ${results.settings.seconds} s per measurement after a ${results.settings.warmupSeconds} s warm-up.`,
    '',
    '| server | conversations at once | turns/s | p50 ms | p99 ms | ratio to echo bot | server CPU ms/turn | failed turns |',
    '|---|---:|---:|---:|---:|---:|---:|---:|',
  );
  const servers = [
    ['baseline', 'echo bot (botbuilder + restify)'],
    ['baselineWithState', 'echo bot + its state in PostgreSQL'],
    ['leanDialogs', 'lean dialog bot, state in PostgreSQL (median of 3)'],
    ['pglite', 'Lotsen on PGlite'],
    ['postgres', 'Lotsen on PostgreSQL'],
  ];
  for (const [backend, name] of servers) {
    for (const level of results.settings.concurrencies) {
      const row = turn[backend]?.[`c${level}`];
      if (!row) continue;
      const failed = row.non2xx + row.errors + row.wrongReplies;
      lines.push(
        `| ${name} | ${level} | ${num(row.rps, 0)} | ${num(row.p50Ms)} | ${num(row.p99Ms)} | ${backend === 'baseline' ? '1' : num(row.ratio, 3)} | ${num(row.serverCpuMsPerTurn, 2)} | ${failed} |`,
      );
    }
  }
  if (turn.postgres?.c10?.ratioToLeanDialogs !== undefined)
    lines.push(
      '',
      `Side by side at 10 conversations (three repeats each, taken in turns): Lotsen on PostgreSQL ${num(turn.postgres.c10.sideBySide?.rps, 0)} turns/s (repeats ${turn.postgres.c10.sideBySide?.repeatsRps?.join(', ')}), the lean dialog bot ${num(turn.leanDialogs?.c10?.rps, 0)} (repeats ${turn.leanDialogs?.c10?.repeatsRps?.join(', ')}): Lotsen is ${num(turn.postgres.c10.ratioToLeanDialogs, 3)} of it.`,
    );
  lines.push('', 'Failed turns: non-2xx answers, socket errors and timeouts, and 200s whose body is not the expected reply (a turn error, a lost dialog).', '');

  const { directline, longConversation, handoffs, classifier, memory, startup, targets, volunteers, idleChats } = results;
  lines.push(
    '| measurement | value |',
    '|---|---:|',
    `| Direct Line (web chat, PGlite): posted message → reply readable, p50 / p99 | ${latency(directline)} ms (${directline?.samples ?? 0} samples) |`,
    `| Direct Line: the POST alone (it answers once the turn is stored), p50 / p99 | ${num(directline?.postP50Ms)} / ${num(directline?.postP99Ms)} ms |`,
    `| One long conversation (PGlite): turn p50 at its start / after ${longConversation?.turns ?? '–'} turns | ${num(longConversation?.firstP50Ms)} / ${num(longConversation?.lastP50Ms)} ms (×${num(longConversation?.growth, 2)}) |`,
    `| Handoffs registered per second, 10 residents at once, PGlite | ${handoffRow(handoffs)} |`,
    `| Handoffs registered per second, 10 residents at once, PostgreSQL | ${handoffRow(handoffs?.postgres)} |`,
    `| Volunteers (PostgreSQL): ${volunteers?.volunteers ?? '–'} registered through the whole Telegram dialog | ${num(volunteers?.registrationSeconds)} s (${num(volunteers?.registrationTurnsPerSecond)} turns/s) |`,
    `| One call-out to ${volunteers?.callOut?.asked ?? '–'} of them: all delivered to the fake Bot API / duplicates | ${num(volunteers?.callOut?.deliveredWithinMs, 0)} ms / ${volunteers?.callOut?.duplicates ?? '–'} |`,
    `| ${volunteers?.callOut?.yesAnswers ?? '–'} yes answers at once for ${volunteers?.callOut?.places ?? '–'} places: accepted / need | ${volunteers?.callOut?.accepted ?? '–'} / ${volunteers?.callOut?.status ?? '–'} |`,
    `| ${idleChats?.chats ?? '–'} idle web chats (PostgreSQL), polling every second: Lotsen CPU / database transactions | ${num(idleChats?.polling?.cpuPercentOfACore)} % of a core / ${num(idleChats?.polling?.transactionsPerSecond, 0)} per s |`,
    `| The same chats on their WebSocket streams (push): Lotsen CPU / database transactions | ${num(idleChats?.push?.cpuPercentOfACore)} % of a core / ${num(idleChats?.push?.transactionsPerSecond, 0)} per s |`,
    `| Classifier (triage + router) per message, mean / p99 | ${num(classifier?.perMessageMs, 3)} / ${num(classifier?.p99Ms, 3)} ms |`,
    `| At start: catalog and language files read / router model loaded | ${num(classifier?.catalogAndLanguagesLoadMs, 0)} / ${num(classifier?.modelLoadMs, 0)} ms |`,
    `| Router training (at build, or at start when the catalog changed) | ${num(classifier?.trainingMs, 0)} ms |`,
    `| Memory (RSS, PGlite): idle after start / after load / peak | ${num(memory?.idleMb, 0)} / ${num(memory?.afterLoadMb, 0)} / ${num(memory?.peakMb, 0)} MB |`,
    `| Memory (RSS, PGlite): idle after a restart on the existing folder | ${num(memory?.idleExistingFolderMb, 0)} MB |`,
    `| Memory (RSS, PostgreSQL): idle after start / after load / peak | ${num(memory?.postgres?.idleMb, 0)} / ${num(memory?.postgres?.afterLoadMb, 0)} / ${num(memory?.postgres?.peakMb, 0)} MB |`,
    `| Start to ready on an empty PGlite folder (median of ${startup?.runsMs?.length ?? 0}) | ${num(startup?.readyMs, 0)} ms |`,
    `| Start to ready on an existing PGlite folder | ${num(startup?.readyExistingFolderMs, 0)} ms |`,
    '',
    '| target | result |',
    '|---|---|',
    `| Lotsen on PostgreSQL ≥ 50 % of the echo bot's turns/s at 10 conversations | ${mark(targets.postgresRatioC10AtLeast0_5)} (${num(turn.postgres?.c10?.ratio, 3)}) |`,
    `| p99 turn latency < 50 ms at 10 conversations (PGlite and PostgreSQL) | ${mark(targets.p99C10Under50ms)} (${num(turn.pglite?.c10?.p99Ms)} / ${num(turn.postgres?.c10?.p99Ms)} ms) |`,
    `| Memory < 300 MB after load, PostgreSQL | ${mark(targets.memoryUnder300MbPostgres)} (${num(memory?.postgres?.afterLoadMb, 0)} MB) |`,
    `| Memory < 300 MB after load, PGlite | ${mark(targets.memoryUnder300MbPglite)} (${num(memory?.afterLoadMb, 0)} MB) |`,
    `| Lotsen on PostgreSQL ≥ 0.9 × the lean dialog bot at 10 conversations (medians of three, side by side) | ${mark(targets.postgresAtLeast0_9OfLeanDialogsC10)} (${num(turn.postgres?.c10?.ratioToLeanDialogs, 3)}) |`,
    `| Ready < 3 s on PGlite | ${mark(targets.readyUnder3s)} (${num(startup?.readyMs, 0)} ms) |`,
    `| A call-out to 300 of 1,000 volunteers delivered within 60 s, once each, exactly the places accepted | ${mark(targets.volunteerCallOutWithin60s)} (${num(volunteers?.callOut?.deliveredWithinMs, 0)} ms) |`,
    `| An idle web chat on push ≥ 10× cheaper than polling, in CPU and in database transactions | ${mark(targets.idleChatPushTenTimesCheaper)} (CPU ${idleChats?.cpuRatio === null ? 'none on push' : `×${num(idleChats?.cpuRatio, 0)}`}, transactions ${idleChats?.transactionsRatio === null ? 'none on push' : `×${num(idleChats?.transactionsRatio, 0)}`}) |`,
  );
  return `${lines.join('\n')}\n`;
}
