import { ActivityTypes, type TurnContext } from 'botbuilder-core';
import { speechFor } from '../src/domain/catalog/languages.js';
import type { Catalog } from '../src/domain/catalog/schema.js';
import { hasCode } from '../src/domain/errors.js';
import { REPLY_TEXT, yesOrNo, type AnswerTexts } from '../src/domain/volunteers/answers.js';
import { Voice, type DialogDeps } from './dialog-deps.js';

/** A call-out's buttons send `callout:<id>:yes` or `callout:<id>:no` (CONTRACTS.md: values are stable ids). */
const BUTTON = /^callout:([0-9a-f-]{36}):(yes|no)$/;
export const callOutButton = (callOutId: string, yes: boolean): string => `callout:${callOutId}:${yes ? 'yes' : 'no'}`;

/** What a volunteer reads about their answer to a call-out, in their language: the chat says it, and so do a link's page and an SMS. */
export function answerTexts(catalog: Catalog, language: string): AnswerTexts {
  const voice = new Voice(catalog, speechFor(catalog, language));
  const texts = catalog.volunteers!.texts;
  return {
    language: voice.language,
    yes: voice.title(texts.callOutYes),
    no: voice.title(texts.callOutNo),
    alreadyAnswered: voice.say(texts.alreadyAnswered),
    reply: (answered) => voice.filled(texts[REPLY_TEXT[answered.outcome]], { title: answered.title }),
  };
}

/**
 * A volunteer's answer to a call-out, in the chat it was sent to: a press of its yes or no
 * button, or, where nothing else waits for a yes or a no (`plainAnswerCounts`), "ja" or "nej"
 * written to the latest call-out they have not answered. Answers and replies in the volunteer's
 * language; false when the message is not such an answer.
 */
export async function answeredCallOut(deps: DialogDeps, context: TurnContext, plainAnswerCounts: boolean): Promise<boolean> {
  const { volunteers, catalog } = deps;
  if (!volunteers || !catalog.volunteers) return false;
  const said = (context.activity.text ?? '').trim();
  const conversationId = context.activity.conversation.id;
  const button = BUTTON.exec(said);
  let callOutId = button?.[1];
  let yes = button?.[2] === 'yes';
  if (!button) {
    if (!plainAnswerCounts) return false;
    const plain = yesOrNo(catalog, said);
    if (plain === undefined) return false;
    callOutId = await volunteers.register.openCallOutOf(conversationId);
    if (!callOutId) return false;
    yes = plain;
  }
  const volunteer = await volunteers.register.findByConversation(conversationId);
  const texts = answerTexts(catalog, volunteer?.language ?? catalog.otherLanguages[0]);
  try {
    const answered = await volunteers.register.answer(callOutId!, yes, deps.clock(), conversationId);
    await context.sendActivity({ type: ActivityTypes.Message, text: texts.reply(answered) });
  } catch (error) {
    // A button of a call-out that is no longer theirs (or was forgotten with them): nothing to answer.
    if (!hasCode(error, 'VOLUNTEER.CALL_OUT_NOT_FOUND')) throw error;
    await context.sendActivity({ type: ActivityTypes.Message, text: texts.alreadyAnswered });
  }
  return true;
}
