import { simplify } from '../catalog/commands.js';
import type { Catalog } from '../catalog/schema.js';
import type { VolunteerTextKey } from '../catalog/volunteer-settings.js';
import type { AnswerOutcome, AnsweredCallOut } from './volunteer.js';

/** The text that tells a volunteer what became of their answer. */
export const REPLY_TEXT: Readonly<Record<AnswerOutcome, VolunteerTextKey>> = {
  accepted: 'accepted',
  declined: 'declined',
  filled: 'filled',
  cancelled: 'cancelled',
  'already-answered': 'alreadyAnswered',
};

/** What a volunteer reads when they answer a call-out, in their language (the chat, a link's page, an SMS). */
export interface AnswerTexts {
  readonly language: string;
  readonly yes: string;
  readonly no: string;
  readonly alreadyAnswered: string;
  reply(answered: AnsweredCallOut): string;
}

// Asked on every turn where a plain "ja" may answer a call-out: the words are simplified once per catalog.
const answerWordSets = new WeakMap<Catalog, { yes: Set<string>; no: Set<string> }>();

/**
 * Whether a whole message is a yes or a no in any of the catalog's languages (its yes and no
 * words and the call-out's button titles), or neither (also when it is both).
 */
export function yesOrNo(catalog: Catalog, text: string): boolean | undefined {
  let sets = answerWordSets.get(catalog);
  if (!sets) {
    const texts = catalog.volunteers?.texts;
    const set = (words: Readonly<Record<string, readonly string[]>>, title: Readonly<Record<string, string>> | undefined) =>
      new Set([...Object.values(words).flat(), ...Object.values(title ?? {})].map(simplify));
    sets = { yes: set(catalog.answerWords.yes, texts?.callOutYes), no: set(catalog.answerWords.no, texts?.callOutNo) };
    answerWordSets.set(catalog, sets);
  }
  const said = simplify(text);
  const yes = sets.yes.has(said);
  return yes === sets.no.has(said) ? undefined : yes;
}
