import { foldLetters } from '../routing/normalize.js';
import type { Route } from './schema.js';

type Question = NonNullable<Route['questions']>[number];

const fold = (text: string): string => foldLetters(text.toLowerCase()).replace(/\s+/g, ' ');
const escape = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** A phrase as a pattern over folded text: `*` for any ending ("ansök*"). */
const phrasePattern = (phrase: string): string => escape(fold(phrase.trim())).replace(/\*/g, '[\\p{L}\\p{N}]*');

/**
 * Every phrasing of a question, in every language, as one pattern of whole words: a message is
 * checked against each question in one pass (it is checked on most turns, as a follow-up).
 */
const patterns = new WeakMap<Question, RegExp>();
function patternOf(question: Question): RegExp {
  let compiled = patterns.get(question);
  if (!compiled) {
    const phrasings = Object.values(question.asked).flat().map(phrasePattern);
    compiled = new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrasings.join('|')})(?![\\p{L}\\p{N}])`, 'u');
    patterns.set(question, compiled);
  }
  return compiled;
}

/**
 * The questions of a route that a message asks ("när är sista dag att söka och hur ansöker
 * man?" asks two), in the catalog's order: any language's phrasings count, since people mix.
 */
export function questionsAsked(route: Route | undefined, text: string): Question[] {
  if (!route?.questions?.length) return [];
  const folded = fold(text);
  return route.questions.filter((question) => patternOf(question).test(folded));
}
