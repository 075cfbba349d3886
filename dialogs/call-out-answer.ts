import { ActivityTypes, type TurnContext } from 'botbuilder-core';
import { simplify } from '../src/domain/catalog/commands.js';
import { speechFor } from '../src/domain/catalog/languages.js';
import type { AnswerOutcome } from '../src/domain/volunteers/volunteer.js';
import { hasCode } from '../src/domain/errors.js';
import { Voice, wordsFor, type DialogDeps } from './dialog-deps.js';

/** A call-out's buttons send `callout:<id>:yes` or `callout:<id>:no` (CONTRACTS.md: values are stable ids). */
const BUTTON = /^callout:([0-9a-f-]{36}):(yes|no)$/;
export const callOutButton = (callOutId: string, yes: boolean): string => `callout:${callOutId}:${yes ? 'yes' : 'no'}`;

const REPLY: Record<AnswerOutcome, 'accepted' | 'declined' | 'filled' | 'cancelled' | 'alreadyAnswered'> = {
  accepted: 'accepted',
  declined: 'declined',
  filled: 'filled',
  cancelled: 'cancelled',
  'already-answered': 'alreadyAnswered',
};

/**
 * A volunteer's answer to a call-out, in the chat it was sent to: a press of its yes or no
 * button, or, where nothing else waits for a yes or a no (`plainAnswerCounts`), "ja" or "nej"
 * written to the latest call-out they have not answered. Answers and replies in the volunteer's
 * language; false when the message is not such an answer.
 */
export async function answeredCallOut(deps: DialogDeps, context: TurnContext, plainAnswerCounts: boolean): Promise<boolean> {
  const { volunteers, catalog } = deps;
  const settings = catalog.volunteers;
  if (!volunteers || !settings) return false;
  const said = (context.activity.text ?? '').trim();
  const conversationId = context.activity.conversation.id;
  const button = BUTTON.exec(said);
  let callOutId = button?.[1];
  let yes = button?.[2] === 'yes';
  if (!button) {
    if (!plainAnswerCounts) return false;
    const plain = simplify(said);
    const is = (words: readonly string[]) => words.some((word) => simplify(word) === plain);
    const yesWords = [...wordsFor(catalog.answerWords.yes), ...Object.values(settings.texts.callOutYes)];
    const noWords = [...wordsFor(catalog.answerWords.no), ...Object.values(settings.texts.callOutNo)];
    if (!is(yesWords) && !is(noWords)) return false;
    callOutId = await volunteers.register.openCallOutOf(conversationId);
    if (!callOutId) return false;
    yes = is(yesWords);
  }
  const volunteer = await volunteers.register.findByConversation(conversationId);
  const voice = new Voice(catalog, speechFor(catalog, volunteer?.language ?? catalog.otherLanguages[0]));
  try {
    const answered = await volunteers.register.answer(callOutId!, yes, deps.clock(), conversationId);
    await context.sendActivity({ type: ActivityTypes.Message, text: voice.filled(settings.texts[REPLY[answered.outcome]], { title: answered.title }) });
  } catch (error) {
    // A button of a call-out that is no longer theirs (or was forgotten with them): nothing to answer.
    if (!hasCode(error, 'VOLUNTEER.CALL_OUT_NOT_FOUND')) throw error;
    await context.sendActivity({ type: ActivityTypes.Message, text: voice.say(settings.texts.alreadyAnswered) });
  }
  return true;
}
