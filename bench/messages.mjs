import { residentMessage } from '../test/support/resident-script.js';

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

// The resident's message and the handoff walk are the tests' own (test/support/resident-script.js),
// so the benchmarks and the fault tests drive the same dialog the same way.
export { QUESTIONS, handoffScript } from '../test/support/resident-script.js';

/** A resident's message on the web chat, in Swedish. */
export const activity = (conversationId, text) => residentMessage(text, conversationId, { locale: 'sv-SE' });

/** The start of Lotsen's turn-error reply (catalog texts.turnError.sv): a 200 that is a failure. */
export const TURN_ERROR_PREFIX = 'Något gick fel hos oss';
