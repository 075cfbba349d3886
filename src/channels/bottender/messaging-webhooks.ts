import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { storableString } from '../../domain/json-shape.js';
import type { MessagingAdapter } from './messaging-adapter.js';
import { carriedBy } from '../turn-request.js';
import {
  METHOD_NOT_ALLOWED,
  refusal,
  unreadable,
  type InboundTurn,
  type MessagingPlatform,
  type WebhookRequest,
  type WebhookResponse,
} from './messaging-platform.js';

/** What the dialogs may rely on in every turn a platform hands over. */
const inboundTurnShape = z.object({
  deliveryId: storableString.min(1),
  conversationId: storableString.min(1),
  userId: storableString.min(1),
  text: storableString,
  locale: storableString.optional(),
});

/** Deliveries already taken (the storage layer keeps them in the database). */
export interface WebhookDeliveries {
  take(platform: string, deliveryId: string): Promise<boolean>;
  release(platform: string, deliveryId: string): Promise<void>;
}

/**
 * The messaging apps' webhooks: check the delivery (a bad signature is refused before anything
 * is read), then run one turn per event that has not been processed before. Platforms retry
 * deliveries; a repeat is answered as processed and changes nothing.
 */
export class MessagingWebhooks {
  constructor(
    private readonly platforms: readonly MessagingPlatform[],
    private readonly adapter: MessagingAdapter,
    private readonly deliveries: WebhookDeliveries,
    private readonly runTurn: (context: TurnContext) => Promise<void>,
  ) {}

  async handle(platformId: string, request: WebhookRequest): Promise<WebhookResponse> {
    const platform = this.platforms.find((candidate) => candidate.id === platformId);
    if (!platform) return refusal(404, 'NOT_FOUND', `No messaging platform "${platformId}" is configured`);
    // bottender's LINE and Slack checks wave every non-POST through unsigned.
    if (request.method !== 'POST' && !(request.method === 'GET' && platform.verifiesWithGet)) return METHOD_NOT_ALLOWED;
    const refused = await platform.check(request);
    if (refused) return refused;
    let turns: InboundTurn[];
    try {
      turns = await platform.turns(request.body);
    } catch {
      // bottender reads deliveries without checking their shape: a field of the wrong type throws.
      return unreadable('not the shape the platform sends');
    }
    // ...or passes it on: a number where text or a language code belongs, a NUL inside Slack's JSON-in-a-form.
    if (!turns.every((turn) => inboundTurnShape.safeParse(turn).success)) return unreadable('an event has fields of the wrong type');
    for (const turn of turns) {
      if (!(await this.deliveries.take(platform.id, turn.deliveryId))) continue;
      try {
        await this.adapter.process(platform, turn, carriedBy(request.requestId, this.runTurn));
      } catch (error) {
        // Not answered: let the platform's retry try again.
        await this.deliveries.release(platform.id, turn.deliveryId);
        throw error;
      }
    }
    return platform.processed;
  }
}
