// Does a turn cost the same in a long conversation as in a short one? One resident, alone, asks
// and declines `turns` times in the same conversation; the turns at its start and at its end are
// compared. With a flat dialog stack the ratio stays near 1. It did not when this was written:
// MainDialog's loop step (dialogs/main-dialog.ts) calls replaceDialog(MainDialog.id), which from
// inside the component starts a new MainDialog *within* the old one, so every "anything else?"
// adds a level that every later turn walks through and that the state stores and rewrites.
import { TURN_CYCLE, activity } from './messages.mjs';
import { msSince, percentile, round } from './stats.mjs';

/* global fetch */

export async function measureLongConversation({ baseUrl, turns = 240, window = 20, label }) {
  const conversationId = `${label}-long-${Date.now().toString(36)}`;
  const latencies = [];
  const bytes = [];
  let failed = 0;
  for (let i = 0; i < turns; i++) {
    const started = process.hrtime.bigint();
    const res = await fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity(conversationId, TURN_CYCLE[i % TURN_CYCLE.length])),
    });
    const body = await res.text();
    latencies.push(msSince(started));
    bytes.push(body.length);
    if (res.status !== 200) failed += 1;
  }
  // The first cycle is skipped: it carries the greeting and a new conversation's first write.
  const first = latencies.slice(TURN_CYCLE.length, TURN_CYCLE.length + window);
  const last = latencies.slice(-window);
  const firstP50Ms = percentile(first, 50);
  const lastP50Ms = percentile(last, 50);
  return {
    turns,
    firstP50Ms: round(firstP50Ms, 2),
    lastP50Ms: round(lastP50Ms, 2),
    growth: round(lastP50Ms / firstP50Ms, 2),
    firstResponseBytes: bytes[TURN_CYCLE.length],
    lastResponseBytes: bytes.at(-TURN_CYCLE.length),
    failed,
  };
}
