import { z } from 'zod';
import { LanguageCode } from '../catalog/schema.js';
import { Lexicon } from './lexicon.js';
import { DANGER_CONCEPTS, OWN_LANGUAGE_CONCEPTS } from './warning-signs.js';

const ConceptId = z.string().regex(/^[a-z][a-z-]*$/, 'must be lower-case letters and dashes');

/**
 * What Lotsen knows of one language, in a file of its own (`languages/<code>.yaml`): its names,
 * and the words for each concept of the lexicon (routing concepts such as `volunteer` and
 * `grant`, the warning signs triage looks for, and the words that make a message calm).
 * `review` says whether a person who speaks the language has checked it.
 */
export const LanguagePackSchema = z
  .object({
    code: LanguageCode,
    /** The language's name in itself ("العربية") and in English ("Arabic"). */
    name: z.string().trim().min(1),
    englishName: z.string().trim().min(1),
    review: z.enum(['machine', 'reviewed']).default('machine'),
    concepts: z.record(ConceptId, z.array(z.string().trim().min(1).max(120)).default([])).default({}),
  })
  .strict();
export type LanguagePack = z.infer<typeof LanguagePackSchema>;

/** Swedish first, then English: the languages people here mix into whatever they write. */
export const SHARED_LANGUAGES = ['sv', 'en'];

/** The lexicon of the language files, with the rules for reading warning signs and negations. */
export function lexiconOf(languages: readonly LanguagePack[]): Lexicon {
  return Lexicon.compile(
    languages.map((pack) => ({ language: pack.code, concepts: pack.concepts })),
    { negatable: DANGER_CONCEPTS, ownLanguageOnly: OWN_LANGUAGE_CONCEPTS, shared: SHARED_LANGUAGES },
  );
}
