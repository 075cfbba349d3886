// Handoff registrations per second: `residents` people at once, each walking the whole handoff
// dialog over /api/messages (expectReplies) from the question to the confirmation, then starting
// again as a new resident. Only confirmations that carry channelData.lotsen.handoff (the committed
// registration's id and reference) count. Plain fetch loops: each step depends on the last reply.
import { QUESTIONS, TURN_ERROR_PREFIX, activity, handoffScript } from './messages.mjs';
import { msSince, percentile, round } from './stats.mjs';

/* global fetch */

const lotsenOf = (reply) => reply?.channelData?.lotsen;

async function say(baseUrl, conversationId, text) {
  const res = await fetch(`${baseUrl}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity(conversationId, text)),
  });
  if (res.status !== 200) throw new Error(`/api/messages answered ${res.status}`);
  const { activities } = await res.json();
  // The dialog's BotState trace rides along with expectReplies; only messages are the bot's answer.
  return activities.filter((a) => a.type === 'message');
}

/** One resident from question to confirmation; resolves with the confirmation's handoff or throws. */
async function oneResident(baseUrl, conversationId, question, turnMs) {
  let handoff;
  for (const step of handoffScript(question)) {
    const started = process.hrtime.bigint();
    const replies = await say(baseUrl, conversationId, step.say);
    turnMs.push(msSince(started));
    if (replies.some((reply) => reply.text?.startsWith(TURN_ERROR_PREFIX))) throw new Error(`turn failed at "${step.expect}"`);
    handoff ??= replies.map((reply) => lotsenOf(reply)?.handoff).find(Boolean);
    const expecting = lotsenOf(replies.at(-1))?.expecting;
    if (expecting !== step.expect) throw new Error(`expected the bot to ask for "${step.expect}", it asked for "${expecting}"`);
  }
  if (!handoff?.id || !handoff?.reference) throw new Error('the confirmation carried no channelData.lotsen.handoff');
  return handoff;
}

export async function measureHandoffs({ baseUrl, residents = 10, seconds = 10, label }) {
  const runId = `${label}-handoff-${Date.now().toString(36)}`;
  const turnMs = [];
  const references = new Set();
  const failures = [];
  let started = 0;
  let lastConfirmedMs = 0;
  const begun = process.hrtime.bigint();
  const deadline = Date.now() + seconds * 1000;

  // Each worker starts new residents until the time is up, then finishes the one it is walking.
  const worker = async () => {
    while (Date.now() < deadline) {
      const n = started++;
      try {
        const handoff = await oneResident(baseUrl, `${runId}-${n}`, QUESTIONS[n % QUESTIONS.length], turnMs);
        references.add(handoff.reference);
        lastConfirmedMs = msSince(begun);
      } catch (error) {
        failures.push(error.message);
      }
    }
  };
  await Promise.all(Array.from({ length: residents }, worker));

  const registered = references.size;
  return {
    residents,
    registered,
    perSecond: round(registered / (lastConfirmedMs / 1000 || 1), 2),
    seconds: round(lastConfirmedMs / 1000, 2),
    turns: turnMs.length,
    turnP50Ms: round(percentile(turnMs, 50), 2),
    turnP99Ms: round(percentile(turnMs, 99), 2),
    failed: failures.length,
    firstFailure: failures[0],
  };
}
