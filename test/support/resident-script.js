'use strict';
// What a simulated resident sends, in one place for the tests (TypeScript, through
// resident-script.d.ts) and the benchmarks (bench/, plain Node): the message as a channel posts
// it, and the walk from a question to a registered handoff.
const { randomUUID } = require('node:crypto');

/**
 * A resident's message as a channel posts it to /api/messages. The channel is "webchat" unless
 * said (never "msteams", which Lotsen sends to the staff handler), and deliveryMode
 * "expectReplies", so the replies come back in the HTTP response body.
 */
function residentMessage(text, conversationId, options = {}) {
  return {
    type: 'message',
    id: randomUUID(),
    text,
    channelId: options.channelId ?? 'webchat',
    deliveryMode: 'expectReplies',
    serviceUrl: 'http://127.0.0.1:9/unused',
    conversation: { id: conversationId },
    from: { id: options.from ?? `resident-${conversationId}`, role: 'user' },
    recipient: { id: 'lotsen', role: 'bot' },
    ...(options.locale ? { locale: options.locale } : {}),
  };
}

/** Two questions, each answered by a route whose offer is a plain yes/no (no extra step). */
const QUESTIONS = ['Vad gör anhörigkonsulenten?', 'Hur söker jag föreningsbidrag?'];

/**
 * A resident asking to be contacted: each step's answer (a button's stable value or free text)
 * and what the bot's last reply must then expect (`channelData.lotsen.expecting`), so a run that
 * drifts off the dialog is noticed, not counted. The question is answered with the route's text
 * and the offer; the last step confirms, and its reply carries `channelData.lotsen.handoff`.
 */
function handoffScript(question = QUESTIONS[0]) {
  return [
    { say: question, expect: 'confirm' },
    { say: 'ja', expect: 'consent' },
    { say: 'ja', expect: 'name' },
    { say: 'Anna Andersson', expect: 'choice' },
    { say: 'phone', expect: 'phone' },
    { say: '070-123 45 67', expect: 'contactTime' },
    { say: 'timeMorning', expect: 'freeText' },
    { say: 'Vi vill veta mer om hur det går till', expect: 'confirm' },
    { say: 'ja', expect: 'topic' },
  ];
}

module.exports = { residentMessage, QUESTIONS, handoffScript };
