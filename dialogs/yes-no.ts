import type { FoundChoice } from 'botbuilder-dialogs';
import { simplify } from '../src/domain/catalog/commands.js';

export const saidYes = (result: unknown): boolean => (result as FoundChoice | undefined)?.value === 'yes';

/** Whether a typed answer is a button's value (`id`), or one of the words (its title, the catalog's synonyms) said as a whole. */
export const answeredWith = (said: string, id: string, words: readonly string[]): boolean =>
  said.trim() === id || words.some((word) => simplify(word) === simplify(said));
