// The web chat path: Lotsen's self-hosted Direct Line 3.0 (src/server/directline-routes.ts,
// src/channels/directline/). Reading the code: POST .../activities stores the resident's activity,
// runs the whole turn and writes the bot's replies to the transcript before it answers (the
// service awaits adapter.process, whose sendActivities appends to the transcript). So a reply is
// readable as soon as the POST has answered, and the server-side time to a readable reply is the
// POST's latency plus one poll. We measure exactly that: from the start of the POST until a GET
// .../activities?watermark=W returns the bot's reply (matched by replyToId); we poll again every
// 5 ms if it is not there yet (it should never be needed). Polling *during* the POST would only
// queue behind the turn on PGlite's one connection and slow what it measures.
//
// Rate limits (src/server/rate-limit.ts): 30 tokens a minute per IP and 40 posts a minute per
// conversation. The samples are spread over many conversations (10 posts each, 20 tokens in all),
// so neither limit is reached and no 429 is part of the numbers; a 429 would be counted as an error.
import { setTimeout as sleep } from 'node:timers/promises';
import { TURN_CYCLE } from './messages.mjs';
import { msSince, percentile, round } from './stats.mjs';

/* global fetch */

const PREFIX = '/v3/directline';

/** A Direct Line call with the conversation's token; `from` is the resident's address, as a proxy names it (X-Forwarded-For). */
export async function call(baseUrl, method, path, { token, body, from } = {}) {
  const res = await fetch(`${baseUrl}${PREFIX}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(from ? { 'x-forwarded-for': from } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = await res.json().catch(() => undefined);
  if (!res.ok) throw new Error(`${method} ${PREFIX}${path} answered ${res.status}: ${JSON.stringify(json)}`);
  return json;
}

/** A new web chat conversation as Web Chat opens one: token, start (the bot greets), first poll. */
export async function openConversation(baseUrl, from) {
  const { token, conversationId } = await call(baseUrl, 'POST', '/tokens/generate', { body: {}, from });
  await call(baseUrl, 'POST', '/conversations', { token, from });
  const { watermark } = await call(baseUrl, 'GET', `/conversations/${encodeURIComponent(conversationId)}/activities`, { token });
  return { token, conversationId, watermark };
}

export async function measureDirectLine({ baseUrl, conversations = 20, postsPerConversation = 10 }) {
  const totals = [];
  const posts = [];
  let errors = 0;
  let extraPolls = 0;
  for (let c = 0; c < conversations; c++) {
    const conversation = await openConversation(baseUrl);
    const activitiesPath = `/conversations/${encodeURIComponent(conversation.conversationId)}/activities`;
    for (let i = 0; i < postsPerConversation; i++) {
      const text = TURN_CYCLE[i % TURN_CYCLE.length];
      const started = process.hrtime.bigint();
      try {
        const { id } = await call(baseUrl, 'POST', activitiesPath, {
          token: conversation.token,
          body: { type: 'message', from: { id: 'user' }, text, locale: 'sv-SE' },
        });
        posts.push(msSince(started));
        for (let attempt = 0; ; attempt++) {
          const query = conversation.watermark === undefined ? '' : `?watermark=${encodeURIComponent(conversation.watermark)}`;
          const page = await call(baseUrl, 'GET', `${activitiesPath}${query}`, { token: conversation.token });
          conversation.watermark = page.watermark;
          if (page.activities.some((a) => a.replyToId === id && a.from?.id !== 'user')) break;
          if (attempt > 2000) throw new Error('no reply within 10 s');
          extraPolls += 1;
          await sleep(5);
        }
        totals.push(msSince(started));
      } catch (error) {
        errors += 1;
        if (errors === 1) console.error(`  direct line: ${error.message}`);
      }
    }
  }
  return {
    samples: totals.length,
    p50Ms: round(percentile(totals, 50), 2),
    p99Ms: round(percentile(totals, 99), 2),
    postP50Ms: round(percentile(posts, 50), 2),
    postP99Ms: round(percentile(posts, 99), 2),
    extraPolls,
    errors,
    conversations,
    method: 'sequential; POST start → first GET .../activities?watermark returning the reply (POST answers after the turn is stored)',
  };
}
