import { CardFactory, type CloudAdapter, type ConversationReference, type TurnContext } from 'botbuilder';
import { CARDS_CHANGED, handoffIdOf } from '../../domain/notifications.js';
import { instanceOf, type Catalog } from '../../domain/catalog/schema.js';
import type { DeliveryOutcome, Notification, Notifier } from '../../domain/notifications.js';
import { handoffCard } from './handoff-card.js';
import type { ChannelLinks, StaffHandoffs } from './ports.js';

/** Tries before a refused post (401/403/404) is given up and the fallback told. */
const GIVE_UP_ON_REFUSAL = 4;

/** The line above the card that says why it is posted again, or elsewhere. */
function noticeOf(notification: Notification, catalog: Catalog): string | undefined {
  const payload = (notification.payload ?? {}) as { reason?: string; failedTarget?: string };
  if (notification.kind === 'handoff.escalated') return `Eskalerat: ${payload.reason === 'sla' ? 'inte kontaktad i tid' : 'inte tagen i tid'}`;
  if (notification.kind === 'handoff.undeliverable') {
    const instance = payload.failedTarget ? (instanceOf(catalog, payload.failedTarget)?.name.sv ?? payload.failedTarget) : 'instansen';
    return `Kunde inte aviseras i kanalen för ${instance} (${payload.reason ?? 'okänt fel'}). Ta ärendet här eller skicka det vidare.`;
  }
  return undefined;
}

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
    if (notification.kind === CARDS_CHANGED) return this.updateCards(notification);
    const reference = await this.links.referenceFor(notification.target);
    // Not linked yet: keep it, the channel may be linked within the retries.
    if (!reference) return { status: 'retry', reason: 'no-linked-channel' };
    const handoff = await this.handoffs.find(handoffIdOf(notification));
    if (!handoff) return { status: 'rejected', reason: 'handoff-missing' };
    const notice = noticeOf(notification, this.catalog);
    const card = handoffCard(handoff, this.catalog, { ...(notice ? { notice } : {}), shownTo: notification.target });
    try {
      const posted = await this.inConversation(reference, (context) => context.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] }));
      return { status: 'delivered', to: { via: 'teams', reference, ...(posted?.id ? { activityId: posted.id } : {}) } };
    } catch (error) {
      return outcomeOf(error);
    }
  }

  /**
   * Brings every card posted for the handoff up to date (claimed in the tab, erased, rerouted):
   * each in the channel it was posted to, from what the handoff's history recorded.
   */
  private async updateCards(notification: Notification): Promise<DeliveryOutcome> {
    const handoff = await this.handoffs.find(handoffIdOf(notification));
    if (!handoff) return { status: 'rejected', reason: 'handoff-missing' };
    const posted = handoff.events.filter(
      (event) => event.type === 'delivered' && event.details.via === 'teams' && typeof event.details.activityId === 'string',
    );
    try {
      for (const { details } of posted) {
        const card = handoffCard(handoff, this.catalog, typeof details.target === 'string' ? { shownTo: details.target } : {});
        await this.inConversation(details.reference as Record<string, unknown>, (context) =>
          context.updateActivity({ type: 'message', id: details.activityId as string, attachments: [CardFactory.adaptiveCard(card)] }),
        );
      }
      return { status: 'delivered' };
    } catch (error) {
      return outcomeOf(error);
    }
  }

  /**
   * Runs `work` in a proactive turn of the conversation. An error thrown inside the callback
   * would go to the adapter's onTurnError (which tells a resident "something went wrong" and
   * swallows it): it is carried out and thrown here, to be classified.
   */
  private async inConversation<T>(reference: Record<string, unknown>, work: (context: TurnContext) => Promise<T>): Promise<T | undefined> {
    let failure: unknown;
    let result: T | undefined;
    await this.adapter.continueConversationAsync(this.appId, reference as Partial<ConversationReference>, async (context) => {
      try {
        result = await work(context);
      } catch (error) {
        failure = error ?? new Error('Teams could not be reached');
      }
    });
    if (failure) throw failure;
    return result;
  }
}

/** Teams' answer as an outbox outcome: 429 after Retry-After, a removed bot a few more times, the rest by status. */
function outcomeOf(error: unknown): DeliveryOutcome {
  const status = (error as { statusCode?: number }).statusCode;
  const retryAfter = Number((error as { response?: { headers?: { get?: (name: string) => string | undefined } } }).response?.headers?.get?.('retry-after'));
  if (status === 429) return { status: 'retry', reason: 'http-429', ...(Number.isFinite(retryAfter) ? { retryAfterMs: retryAfter * 1000 } : {}) };
  // Not allowed or not found: the bot was removed from the team or the channel was deleted. An
  // administrator may put it back within minutes; after a few tries the fallback is told instead.
  if (status === 401 || status === 403 || status === 404) return { status: 'retry', reason: `http-${status}`, giveUpAfterAttempts: GIVE_UP_ON_REFUSAL };
  if (status && status >= 400 && status < 500 && status !== 408) return { status: 'rejected', reason: `http-${status}` };
  return { status: 'retry', reason: status ? `http-${status}` : 'network' };
}
