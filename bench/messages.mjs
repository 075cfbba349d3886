// What the simulated residents say, in one place, so every measurement sends the same realistic
// traffic. The texts were checked against catalog/ekero.yaml and the running bot (see comments).

/**
 * One resident's loop for the turn benchmark. A question is routed (router → TopicDialog →
 * RouteAnswerDialog, which answers and offers contact with yes/no buttons); "nej" declines, which
 * ends the route's dialog and asks "anything else?". So the next question goes through the router
 * again. Sending two questions in a row would not: the second would only be the offer's retry
 * prompt. Every turn reads and writes the conversation's state.
 */
export const TURN_CYCLE = ['Hur söker jag föreningsbidrag?', 'nej', 'Vad gör anhörigkonsulenten?', 'nej'];

/**
 * A resident's whole conversation in the turn benchmark: the loop twice (8 turns, the greeting in
 * the first), then the connection starts a new conversation. Real conversations are short; one
 * endless conversation per connection would make the numbers depend on how long the run is,
 * because Lotsen's per-turn cost grows with the length of a conversation (see long-conversation.mjs).
 */
export const CONVERSATION = [...TURN_CYCLE, ...TURN_CYCLE];

/** The two questions, each answered by a route whose offer is a plain yes/no (no extra step). */
export const QUESTIONS = ['Hur söker jag föreningsbidrag?', 'Vad gör anhörigkonsulenten?'];

/**
 * A resident asking to be contacted, as test/dialogs/handoff-dialog.test.ts walks it: each step's
 * answer (a button's stable `value` or free text) and what the bot's last reply must then expect
 * (`channelData.lotsen.expecting`), so a run that drifts off the dialog is noticed, not counted.
 */
export const HANDOFF_STEPS = [
  { say: undefined /* the question */, expect: 'confirm' },
  { say: 'yes', expect: 'consent' },
  { say: 'yes', expect: 'name' },
  { say: 'Anna Andersson', expect: 'choice' },
  { say: 'phone', expect: 'phone' },
  { say: '070-123 45 67', expect: 'contactTime' },
  { say: 'timeMorning', expect: 'freeText' },
  { say: 'Vi vill veta mer om hur det går till', expect: 'confirm' },
  // The confirmation: its first reply carries channelData.lotsen.handoff = { id, reference }.
  { say: 'yes', expect: 'topic' },
];

/**
 * A Bot Framework activity as a channel posts it to /api/messages. The channel is "webchat" (not
 * "emulator", not "msteams", which Lotsen sends to the staff handler) and deliveryMode
 * "expectReplies", so the replies come back in the HTTP response body.
 */
export function activity(conversationId, text) {
  return {
    type: 'message',
    text,
    channelId: 'webchat',
    deliveryMode: 'expectReplies',
    serviceUrl: 'http://127.0.0.1/unused',
    conversation: { id: conversationId },
    from: { id: `user-${conversationId}`, role: 'user' },
    recipient: { id: 'lotsen', role: 'bot' },
    locale: 'sv-SE',
  };
}

/** The start of Lotsen's turn-error reply (catalog texts.turnError.sv): a 200 that is a failure. */
export const TURN_ERROR_PREFIX = 'Något gick fel hos oss';
