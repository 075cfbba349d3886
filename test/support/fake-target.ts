import type { DeliveryOutcome, Notification, Notifier } from '../../src/domain/notifications';

/**
 * A notification target that behaves like Teams for the outbox: it records what it receives,
 * posts once per idempotency key, and answers with scripted outcomes (429, 500…) when told to.
 */
export class FakeTarget implements Notifier {
  readonly posts: Notification[] = [];
  readonly attempts: Notification[] = [];
  private readonly script: DeliveryOutcome[] = [];

  /** The next deliveries answer with these outcomes, in order; after that, delivered. */
  answer(...outcomes: DeliveryOutcome[]): this {
    this.script.push(...outcomes);
    return this;
  }

  async deliver(notification: Notification): Promise<DeliveryOutcome> {
    this.attempts.push(notification);
    const scripted = this.script.shift();
    if (scripted) return scripted;
    if (!this.posts.some((post) => post.idempotencyKey === notification.idempotencyKey)) this.posts.push(notification);
    return { status: 'delivered' };
  }
}
