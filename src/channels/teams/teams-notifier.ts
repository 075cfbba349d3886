import { CardFactory, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { Catalog } from '../../domain/catalog/schema.js';
import type { DeliveryOutcome, Notification, Notifier } from '../../domain/notifications.js';
import { handoffCard } from './handoff-card.js';
import type { ChannelLinks, StaffHandoffs } from './ports.js';

/**
 * Posts each handoff (and each escalation) as an Adaptive Card to the Teams channel linked to
 * the target instance, proactively through the Bot Framework. Teams' 429s come back as retries
 * after Retry-After.
 */
export class TeamsNotifier implements Notifier {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly appId: string,
    private readonly links: ChannelLinks,
    private readonly handoffs: StaffHandoffs,
    private readonly catalog: Catalog,
  ) {}

  async deliver(notification: Notification): Promise<DeliveryOutcome> {
    const reference = await this.links.referenceFor(notification.target);
    // Not linked yet: keep it, the channel may be linked within the retries.
    if (!reference) return { status: 'retry', reason: 'no-linked-channel' };
    const handoff = await this.handoffs.find(notification.handoffId);
    if (!handoff) return { status: 'rejected', reason: 'handoff-missing' };
    const reason = (notification.payload as { reason?: string } | null)?.reason;
    const notice = notification.kind === 'handoff.escalated' ? `Eskalerat: ${reason === 'sla' ? 'inte kontaktad i tid' : 'inte tagen i tid'}` : undefined;
    try {
      // An error thrown inside the callback would go to the adapter's onTurnError (which tells a
      // resident "something went wrong" and swallows it): carry it out and classify it here.
      let failure: unknown;
      await this.adapter.continueConversationAsync(this.appId, reference as Partial<ConversationReference>, async (context) => {
        try {
          await context.sendActivity({ attachments: [CardFactory.adaptiveCard(handoffCard(handoff, this.catalog, notice))] });
        } catch (error) {
          failure = error ?? new Error('The card could not be posted');
        }
      });
      if (failure) throw failure;
      return { status: 'delivered' };
    } catch (error) {
      const status = (error as { statusCode?: number }).statusCode;
      const retryAfter = Number((error as { response?: { headers?: { get?: (name: string) => string | undefined } } }).response?.headers?.get?.('retry-after'));
      if (status === 429) return { status: 'retry', reason: 'http-429', ...(Number.isFinite(retryAfter) ? { retryAfterMs: retryAfter * 1000 } : {}) };
      if (status && status >= 400 && status < 500 && status !== 408) return { status: 'rejected', reason: `http-${status}` };
      return { status: 'retry', reason: status ? `http-${status}` : 'network' };
    }
  }
}
