import { foldLetters } from '../routing/normalize.js';
import type { Route } from './schema.js';

type Question = NonNullable<Route['questions']>[number];

const fold = (text: string): string => foldLetters(text.toLowerCase()).replace(/\s+/g, ' ');
const escape = (text: string): string => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

/** A phrase as a pattern over folded text: whole words, `*` for any ending ("ansök*"). */
function patternOf(phrase: string): RegExp {
  const body = escape(fold(phrase.trim())).replace(/\*/g, '[\\p{L}\\p{N}]*');
  return new RegExp(`(?<![\\p{L}\\p{N}])${body}(?![\\p{L}\\p{N}])`, 'u');
}

const patterns = new WeakMap<Question, RegExp[]>();
function patternsOf(question: Question): RegExp[] {
  let compiled = patterns.get(question);
  if (!compiled) {
    compiled = Object.values(question.asked).flat().map(patternOf);
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
  return route.questions.filter((question) => patternsOf(question).some((pattern) => pattern.test(folded)));
}
