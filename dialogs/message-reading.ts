import type { TurnContext } from 'botbuilder-core';
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
