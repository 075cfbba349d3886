import { Voice, wordsFor } from '../../dialogs/dialog-deps.js';
import { simplify } from '../domain/catalog/commands.js';
import { speechFor } from '../domain/catalog/languages.js';
import type { Catalog } from '../domain/catalog/schema.js';
import type { VolunteerTextKey } from '../domain/catalog/volunteer-settings.js';
import type { AnswerOutcome, AnsweredCallOut } from '../domain/volunteers/volunteer.js';

const REPLY: Record<AnswerOutcome, VolunteerTextKey> = {
  accepted: 'accepted',
  declined: 'declined',
  filled: 'filled',
  cancelled: 'cancelled',
  'already-answered': 'alreadyAnswered',
};

/** What a volunteer reads when they answer a call-out outside a chat (a link's page, an SMS), in their language. */
export interface AnswerTexts {
  readonly language: string;
  readonly yes: string;
  readonly no: string;
  readonly alreadyAnswered: string;
  reply(answered: AnsweredCallOut): string;
}

export function answerTexts(catalog: Catalog, language: string): AnswerTexts {
  const voice = new Voice(catalog, speechFor(catalog, language));
  const texts = catalog.volunteers!.texts;
  return {
    language: voice.language,
    yes: voice.title(texts.callOutYes),
    no: voice.title(texts.callOutNo),
    alreadyAnswered: voice.say(texts.alreadyAnswered),
    reply: (answered) => voice.filled(texts[REPLY[answered.outcome]], { title: answered.title }),
  };
}

/** Whether a text is a yes or a no in any of the catalog's languages (its yes/no words and the call-out's buttons), or neither. */
export function yesOrNo(catalog: Catalog, text: string): boolean | undefined {
  const texts = catalog.volunteers!.texts;
  const said = simplify(text);
  const is = (words: readonly string[]) => words.some((word) => simplify(word) === said);
  const yes = is([...wordsFor(catalog.answerWords.yes), ...Object.values(texts.callOutYes)]);
  const no = is([...wordsFor(catalog.answerWords.no), ...Object.values(texts.callOutNo)]);
  return yes === no ? undefined : yes;
}
