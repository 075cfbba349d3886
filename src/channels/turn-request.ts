import type { TurnContext } from 'botbuilder-core';

/** Where a turn keeps the id of the HTTP request that carried it (X-Request-Id). */
const REQUEST_ID = Symbol('lotsen.requestId');

type TurnLogic = (context: TurnContext) => Promise<void>;

/**
 * A turn's logic that first notes which request carried it, so the turn's own log lines (a
 * failed turn, a failed dialog step) name that request. It is passed along explicitly rather
 * than through AsyncLocalStorage, whose promise hooks cost about 4 % of every turn's CPU (see
 * src/server/request-context.ts).
 */
export const carriedBy =
  (requestId: string | undefined, logic: TurnLogic): TurnLogic =>
  (context) => {
    if (requestId !== undefined) context.turnState.set(REQUEST_ID, requestId);
    return logic(context);
  };

/** What a turn's log line says of the turn: its conversation and activity, and the request that carried it (never text). */
export function turnLogFields(context: TurnContext): { reqId?: string; conversationId?: string; activityId?: string } {
  const { activity } = context;
  const requestId = context.turnState.get(REQUEST_ID) as string | undefined;
  return { ...(requestId === undefined ? {} : { reqId: requestId }), conversationId: activity.conversation?.id, activityId: activity.id };
}
