// What open web chats cost while nobody writes: 1,000 conversations kept open against one Lotsen
// on PostgreSQL, first as Web Chat polls them (a GET .../activities a second each, what the page
// did before), then as Web Chat follows them on the Direct Line stream (one idle WebSocket each).
// For each: Lotsen's CPU (from /proc) and the database's committed transactions
// (pg_stat_database) over the same seconds, per open chat.
//
// The conversations are opened first (a token and the greeting each). The token endpoint allows
// 30 tokens a minute per address, so each conversation comes from an address of its own through
// X-Forwarded-For, which Lotsen believes from loopback here (TRUST_PROXY=127.0.0.1).
import pg from 'pg';
import WebSocket from 'ws';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuMs, startLotsen } from './servers.mjs';
import { round } from './stats.mjs';
import { call, openConversation } from './directline.mjs';

/** Opens `count` conversations, a few at a time: each a token and the bot's greeting read once. */
async function openConversations(baseUrl, count) {
  const conversations = [];
  let next = 0;
  const opener = async () => {
    while (next < count) {
      const index = next++;
      const from = `10.${(index >> 16) & 255}.${(index >> 8) & 255}.${index & 255}`;
      conversations.push(await openConversation(baseUrl, from));
    }
  };
  await Promise.all(Array.from({ length: 8 }, opener));
  return conversations;
}

/** Committed and rolled-back transactions of the database so far. */
async function transactions(admin, name) {
  const { rows } = await admin.query('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1', [name]);
  return Number(rows[0].n);
}

/**
 * Lotsen's CPU and the database's transactions over `seconds` while the chats are kept open.
 * PostgreSQL's backends report their counts up to 10 s late when idle (PostgreSQL 15 and later),
 * so each window starts `settleSeconds` after the chats were set going: long enough after the
 * polling stops that its last transactions are not counted as push's.
 */
async function costWhile(server, admin, databaseName, seconds, chats, settleSeconds) {
  await sleep(settleSeconds * 1000);
  const cpuBefore = cpuMs(server.pid);
  const txBefore = await transactions(admin, databaseName);
  await sleep(seconds * 1000);
  const cpu = cpuMs(server.pid) - cpuBefore;
  const tx = (await transactions(admin, databaseName)) - txBefore - 1; // less the statistics query itself
  return {
    cpuPercentOfACore: round((cpu / (seconds * 1000)) * 100, 1),
    transactionsPerSecond: round(tx / seconds, 1),
    cpuMsPerChatPerMinute: round((cpu / chats / seconds) * 60, 3),
    transactionsPerChatPerMinute: round((tx / chats / seconds) * 60, 3),
  };
}

/** Each chat polls as Web Chat does: a GET, then a second's wait after its answer. */
async function whilePolling(baseUrl, conversations, measure) {
  let running = true;
  let polls = 0;
  let errors = 0;
  const poller = async (conversation, offset) => {
    await sleep(offset);
    while (running) {
      try {
        const page = await call(
          baseUrl,
          'GET',
          `/conversations/${encodeURIComponent(conversation.conversationId)}/activities?watermark=${conversation.watermark}`,
          {
            token: conversation.token,
          },
        );
        conversation.watermark = page.watermark;
        polls += 1;
      } catch {
        errors += 1;
      }
      await sleep(1000);
    }
  };
  const pollers = conversations.map((conversation, index) => poller(conversation, (index * 1000) / conversations.length));
  const cost = await measure();
  running = false;
  await Promise.all(pollers);
  return { ...cost, polls, errors };
}

/** Each chat follows its stream, as Web Chat does with webSocket: true. */
async function whileStreaming(baseUrl, conversations, measure) {
  const sockets = await Promise.all(
    conversations.map(async (conversation) => {
      const { streamUrl } = await call(
        baseUrl,
        'GET',
        `/conversations/${encodeURIComponent(conversation.conversationId)}?watermark=${conversation.watermark}`,
        {
          token: conversation.token,
        },
      );
      const socket = new WebSocket(streamUrl);
      await new Promise((resolve, reject) => {
        socket.once('open', resolve);
        socket.once('error', reject);
      });
      return socket;
    }),
  );
  const cost = await measure();
  for (const socket of sockets) socket.close();
  return { ...cost, streams: sockets.length };
}

export async function measureIdleChats({ databaseUrl, chats = 1_000, seconds = 10 }) {
  const server = await startLotsen({ databaseUrl, extraEnv: { TRUST_PROXY: '127.0.0.1' } });
  const databaseName = new URL(databaseUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  try {
    const opened = Date.now();
    const conversations = await openConversations(server.baseUrl, chats);
    const openSeconds = round((Date.now() - opened) / 1000, 1);
    const polling = await whilePolling(server.baseUrl, conversations, () => costWhile(server, admin, databaseName, seconds, chats, 5));
    const push = await whileStreaming(server.baseUrl, conversations, () => costWhile(server, admin, databaseName, seconds, chats, 12));
    const ratio = (key) => (push[key] > 0 ? round(polling[key] / push[key], 1) : null);
    return {
      chats,
      seconds,
      openSeconds,
      backend: 'postgres',
      polling,
      push,
      // Polling's cost over push's, per open chat (null where push cost nothing measurable).
      cpuRatio: ratio('cpuMsPerChatPerMinute'),
      transactionsRatio: ratio('transactionsPerChatPerMinute'),
    };
  } finally {
    await admin.end();
    await server.stop();
  }
}
