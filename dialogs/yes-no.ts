import type { FoundChoice } from 'botbuilder-dialogs';
import { simplifiedPhrase, simplify } from '../src/domain/catalog/commands.js';

export const saidYes = (result: unknown): boolean => (result as FoundChoice | undefined)?.value === 'yes';

/** Whether a typed answer is a button's value (`id`), or one of the words (its title, the catalog's synonyms) said as a whole. */
export const answeredWith = (said: string, id: string, words: readonly string[]): boolean => answersTo(said)(id, words);

/** `answeredWith` for one answer and several buttons: the answer is simplified once. */
export function answersTo(said: string): (id: string, words: readonly string[]) => boolean {
  const trimmed = said.trim();
  const simple = simplify(said);
  return (id, words) => trimmed === id || words.some((word) => simplifiedPhrase(word) === simple);
}
