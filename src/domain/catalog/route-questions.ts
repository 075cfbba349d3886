import { foldLetters } from '../routing/normalize.js';
import type { Route } from './schema.js';

type Question = NonNullable<Route['questions']>[number];

const fold = (text: string): string => foldLetters(text.toLowerCase()).replace(/\s+/g, ' ');
const escape = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** A folded phrase as a pattern over folded text: `*` for any ending ("ansök*"). */
const phrasePattern = (folded: string): string => escape(folded).replace(/\*/g, '[\\p{L}\\p{N}]*');

/**
 * Every phrasing of a question, in every language, as one pattern of whole words: a message is
 * checked against each question in one pass (it is checked on most turns, as a follow-up). With
 * it, the longest run of plain letters of each phrasing: a message that holds none of them
 * cannot match, and is passed over without running the pattern at every position of it.
 */
interface Compiled {
  readonly pattern: RegExp;
  /** Empty when some phrasing is all wildcard: then every message is tried. */
  readonly literals: readonly string[];
}

const compiled = new WeakMap<Question, Compiled>();
function compiledOf(question: Question): Compiled {
  let known = compiled.get(question);
  if (!known) {
    const phrasings = Object.values(question.asked)
      .flat()
      .map((phrase) => fold(phrase.trim()));
    const literals = phrasings.map((phrasing) => phrasing.split('*').reduce((longest, run) => (run.length > longest.length ? run : longest), ''));
    known = {
      pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrasings.map(phrasePattern).join('|')})(?![\\p{L}\\p{N}])`, 'u'),
      literals: literals.includes('') ? [] : literals,
    };
    compiled.set(question, known);
  }
  return known;
}

const asks = (question: Question, folded: string): boolean => {
  const { pattern, literals } = compiledOf(question);
  return (literals.length === 0 || literals.some((literal) => folded.includes(literal))) && pattern.test(folded);
};

/**
 * The questions of a route that a message asks ("när är sista dag att söka och hur ansöker
 * man?" asks two), in the catalog's order: any language's phrasings count, since people mix.
 */
export function questionsAsked(route: Route | undefined, text: string): Question[] {
  if (!route?.questions?.length) return [];
  const folded = fold(text);
  return route.questions.filter((question) => asks(question, folded));
}
