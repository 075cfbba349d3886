// The volunteer register at the pandemic's scale: 1,000 volunteers join through the whole chat
// dialog in Telegram (the real webhook, a local fake of the Bot API), then one call-out to 300 of
// them is delivered by the outbox, and yes answers arrive at once from more people than the need
// has places. Measured: how long registration and delivery take; checked: every call-out reached
// its chat exactly once, and exactly `places` yes answers were accepted.
import { createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { msSince, round } from './stats.mjs';
import { startLotsen } from './servers.mjs';

/* global fetch */

const SECRET = 'bench-telegram-secret-token';
const STAFF_TOKEN = 'bench-staff-development-token';
const CHAT_BASE = 7_000_000;

/** A local Telegram Bot API: records each message started in a chat, answers as Telegram does. */
async function fakeTelegram() {
  const sent = [];
  const server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      if (req.url.includes('sendMessage')) sent.push({ at: process.hrtime.bigint(), ...JSON.parse(raw || '{}') });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok: true, result: req.url.includes('sendMessage') ? { message_id: 1, date: 0, chat: { id: 1, type: 'private' } } : true }));
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { sent, origin: `http://127.0.0.1:${server.address().port}`, stop: () => new Promise((resolve) => server.close(resolve)) };
}

let updateId = 1;
const from = (chat) => ({ id: chat, is_bot: false, first_name: 'Volontär', language_code: 'sv' });
const text = (chat, said) => ({
  update_id: updateId++,
  message: { message_id: updateId, from: from(chat), chat: { id: chat, type: 'private' }, date: 0, text: said },
});
const press = (chat, value) => ({
  update_id: updateId++,
  callback_query: {
    id: String(updateId),
    from: from(chat),
    chat_instance: 'bench',
    data: value,
    message: { message_id: 1, chat: { id: chat, type: 'private' }, date: 0, text: '' },
  },
});

async function deliver(baseUrl, update) {
  const res = await fetch(`${baseUrl}/webhooks/telegram`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-telegram-bot-api-secret-token': SECRET },
    body: JSON.stringify(update),
  });
  if (res.status !== 200) throw new Error(`/webhooks/telegram answered ${res.status}`);
}

/** One volunteer's whole sign-up: the question, the register offer, skills, area, time, name, reach by the app, consent. */
async function signUp(baseUrl, index) {
  const chat = CHAT_BASE + index;
  const steps = [
    text(chat, 'Jag vill anmäla mig som volontär'),
    press(chat, 'yes'),
    press(chat, 'driving'),
    ...(index % 2 === 0 ? [press(chat, 'errands')] : []),
    press(chat, 'done'),
    press(chat, 'faringso'),
    press(chat, 'done'),
    press(chat, 'weekends'),
    press(chat, 'done'),
    text(chat, `Volontär ${index}`),
    press(chat, 'app'),
    press(chat, 'yes'),
  ];
  for (const update of steps) await deliver(baseUrl, update);
  return steps.length;
}

async function staffApi(baseUrl, path, body) {
  const res = await fetch(`${baseUrl}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: { authorization: `Bearer ${STAFF_TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return res.json();
}

async function until(condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs / 1000} s: ${what}`);
    await sleep(50);
  }
}

export async function measureVolunteers({ databaseUrl, volunteers = 1000, callOut = 300, places = 100, answering = 150, concurrency = 20 }) {
  const telegram = await fakeTelegram();
  const server = await startLotsen({
    databaseUrl,
    extraEnv: {
      BACKGROUND_JOBS: 'on',
      STAFF_DEV_TOKEN: STAFF_TOKEN,
      TELEGRAM_ACCESS_TOKEN: 'bench-telegram-token',
      TELEGRAM_SECRET_TOKEN: SECRET,
      TELEGRAM_API_ORIGIN: telegram.origin,
    },
  });
  try {
    // Registration: `concurrency` people at a time, each through the whole dialog.
    const registering = process.hrtime.bigint();
    let next = 0;
    let turns = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < volunteers) {
          const walked = await signUp(server.baseUrl, next++);
          turns += walked;
        }
      }),
    );
    const registrationMs = msSince(registering);
    const registered = (await staffApi(server.baseUrl, '/api/staff/volunteers?area=faringso')).volunteers.length;
    if (registered !== volunteers) throw new Error(`${registered} of ${volunteers} volunteers are in the register`);

    // One call-out to `callOut` of them, delivered by the outbox (its timer, as in production).
    const need = await staffApi(server.baseUrl, '/api/staff/volunteer-needs', {
      title: 'Köra matkassar på Färingsö',
      area: 'faringso',
      skills: ['driving'],
      count: places,
      startsAt: '2026-12-05T10:00:00+01:00',
    });
    const before = telegram.sent.length;
    const calling = process.hrtime.bigint();
    const { asked } = await staffApi(server.baseUrl, `/api/staff/volunteer-needs/${need.id}/call-out`, { count: callOut });
    const callOuts = () => telegram.sent.slice(before).filter((message) => JSON.stringify(message.reply_markup ?? '').includes('callout:'));
    await until(() => callOuts().length >= asked, 120_000, `${asked} call-outs delivered`);
    const deliveredMs = msSince(calling);
    await sleep(3000); // a duplicate would arrive by now
    const chats = callOuts().map((message) => String(message.chat_id));
    const duplicates = chats.length - new Set(chats).size;

    // More yes answers than places, all at once, each pressing its own call-out's button.
    const yes = callOuts()
      .slice(0, answering)
      .map((message) => ({
        chat: Number(message.chat_id),
        value: message.reply_markup.inline_keyboard.flat().find((button) => button.callback_data.endsWith(':yes')).callback_data,
      }));
    await Promise.all(yes.map(({ chat, value }) => deliver(server.baseUrl, press(chat, value))));
    const after = await staffApi(server.baseUrl, `/api/staff/volunteer-needs/${need.id}`);
    return {
      backend: 'postgres',
      volunteers: registered,
      registrationTurns: turns,
      registrationSeconds: round(registrationMs / 1000, 1),
      registrationTurnsPerSecond: round(turns / (registrationMs / 1000), 1),
      callOut: {
        asked,
        deliveredWithinMs: round(deliveredMs, 0),
        duplicates,
        yesAnswers: yes.length,
        places,
        accepted: after.answers.accepted,
        status: after.status,
      },
      within60s: deliveredMs < 60_000 && duplicates === 0 && after.answers.accepted === places && after.status === 'filled',
    };
  } finally {
    await server.stop();
    await telegram.stop();
  }
}
