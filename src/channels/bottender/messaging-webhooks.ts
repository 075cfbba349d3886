import type { TurnContext } from 'botbuilder';
import type { MessagingAdapter } from './messaging-adapter.js';
import type { MessagingPlatform, WebhookRequest, WebhookResponse } from './messaging-platform.js';

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
    if (!platform) return { status: 404, body: { error: { code: 'NOT_FOUND', message: `No messaging platform "${platformId}" is configured` } } };
    const refused = await platform.check(request);
    if (refused) return refused;
    for (const turn of await platform.turns(request.body)) {
      if (!(await this.deliveries.take(platform.id, turn.deliveryId))) continue;
      try {
        await this.adapter.process(platform, turn, this.runTurn);
      } catch (error) {
        // Not answered: let the platform's retry try again.
        await this.deliveries.release(platform.id, turn.deliveryId);
        throw error;
      }
    }
    return platform.processed;
  }
}
