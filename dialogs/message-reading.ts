import type { TurnContext } from 'botbuilder-core';
import { guessLanguage, type LanguageGuess } from '../src/domain/routing/language.js';
import type { RouteDecision, Router } from '../src/domain/routing/router.js';

/** This turn's readings of texts by the router, by text. */
const READINGS = Symbol('lotsen.readings');

/**
 * The router's reading of a text, made once per turn: the emergency check every dialog level
 * makes, the first message's language and the route choice all read the same message, and the
 * reading (language, triage, classifier) is most of what a turn costs Lotsen's own code.
 */
export function readingOf(context: TurnContext, router: Router, text: string): RouteDecision {
  let readings = context.turnState.get(READINGS) as Map<string, RouteDecision> | undefined;
  if (!readings) context.turnState.set(READINGS, (readings = new Map()));
  let reading = readings.get(text);
  if (!reading) readings.set(text, (reading = router.route(text)));
  return reading;
}

/** This turn's reading of a text, if the router has read it. */
const readThisTurn = (context: TurnContext, text: string): RouteDecision | undefined =>
  (context.turnState.get(READINGS) as Map<string, RouteDecision> | undefined)?.get(text);

/** The language a text is written in: from this turn's reading of it when there is one (the router guessed it the same way). */
export function languageGuessOf(context: TurnContext, text: string): LanguageGuess {
  const reading = readThisTurn(context, text);
  return reading ? { language: reading.language, alternatives: reading.languageAlternatives } : guessLanguage(text);
}

/** The lexicon's concepts in a text: from this turn's reading of it when there is one. */
export const conceptsOf = (context: TurnContext, router: Router, text: string): ReadonlySet<string> =>
  readThisTurn(context, text)?.concepts ?? router.conceptsOf(text);
