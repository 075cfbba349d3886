// Closed-loop turn load on POST /api/messages with autocannon: N connections, each talking in a
// conversation of its own (so N conversations' states are read and written, never one
// conversation contended N ways), each waiting for its reply before sending the next message.
// After CONVERSATION's 8 turns a connection moves on to a new conversation, as residents do.
import autocannon from 'autocannon';
import { CONVERSATION, TURN_ERROR_PREFIX, activity } from './messages.mjs';
import { percentile, round } from './stats.mjs';

const HEADERS = { 'content-type': 'application/json' };

/** A Lotsen reply is right when it is the route's answer or the "anything else?" after "nej". */
export const lotsenReplyIsRight = (body) =>
  body.includes('"activities"') && !body.includes(TURN_ERROR_PREFIX) && (body.includes('"route":"') || body.includes('"expecting":"topic"'));

export const echoReplyIsRight = (body) => body.includes('"activities"') && body.includes('Echo: ');

/** The lean dialog bot's reply is right when it is an answer with its offer, or "anything else?" after "nej". */
export const leanDialogReplyIsRight = (body) =>
  body.includes('"activities"') && (body.includes('Vill du att någon kontaktar dig?') || body.includes('Något mer'));

/** One autocannon run; latencies are taken from every response (ms, float) rather than autocannon's integer histogram. */
function load({ baseUrl, connections, seconds, conversationPrefix, verifyBody }) {
  const latencies = [];
  let nextClient = 0;
  const run = autocannon({
    url: `${baseUrl}/api/messages`,
    method: 'POST',
    headers: HEADERS,
    connections,
    duration: seconds,
    timeout: 10,
    verifyBody,
    setupClient(client) {
      // Called once per connection. Its request list is one conversation; autocannon starts the
      // list again when it is done, and the first request then opens a new conversation id.
      const clientId = `${conversationPrefix}-${nextClient++}`;
      let conversations = 0;
      let conversationId;
      client.setRequests(
        CONVERSATION.map((text, index) => ({
          method: 'POST',
          path: '/api/messages',
          headers: HEADERS,
          setupRequest(request) {
            if (index === 0) conversationId = `${clientId}-${conversations++}`;
            return { ...request, body: JSON.stringify(activity(conversationId, text)) };
          },
        })),
      );
      client.on('response', (_status, _bytes, durationMs) => latencies.push(durationMs));
    },
  });
  return run.then((result) => ({ result, latencies }));
}

/**
 * A short warm-up (JIT, connection pools, the database's caches; its numbers are dropped), then
 * the measurement on fresh conversations. rps counts 2xx answers only, so failures never
 * flatter the rate; every non-2xx, socket error, timeout and wrong reply is reported.
 */
export async function measureTurns({ server, connections, seconds = 10, warmupSeconds = 2, label, verifyBody }) {
  const { baseUrl } = server;
  const runId = `${label}-c${connections}-${Date.now().toString(36)}`;
  await load({ baseUrl, connections, seconds: warmupSeconds, conversationPrefix: `${runId}-warm`, verifyBody });
  const cpuBefore = server.cpuMs();
  const { result, latencies } = await load({ baseUrl, connections, seconds, conversationPrefix: runId, verifyBody });
  const cpuUsed = server.cpuMs() - cpuBefore;
  const ok = result['2xx'];
  return {
    connections,
    rps: round(ok / result.duration, 1),
    p50Ms: round(percentile(latencies, 50), 2),
    p99Ms: round(percentile(latencies, 99), 2),
    maxMs: round(
      latencies.reduce((max, ms) => Math.max(max, ms), 0),
      1,
    ),
    // The server process's own CPU per answered turn (a database server's CPU is not in it).
    serverCpuMsPerTurn: round(cpuUsed / Math.max(1, result.requests.total), 2),
    requests: result.requests.total,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    wrongReplies: result.mismatches,
    seconds: round(result.duration, 2),
    avgResponseBytes: round(result.throughput.total / Math.max(1, result.requests.total), 0),
  };
}
