import type { Logger } from 'pino';
import type { DeliveryOutcome, Notification, Notifier } from '../domain/notifications.js';

/**
 * Until Teams is linked: each notification is logged (ids and kinds only, never contact
 * details) so operators can see that handoffs reach the outbox and are delivered.
 */
export class LoggingNotifier implements Notifier {
  constructor(private readonly logger: Logger) {}

  async deliver(notification: Notification): Promise<DeliveryOutcome> {
    this.logger.info(
      {
        notificationId: notification.id,
        kind: notification.kind,
        handoffId: notification.handoffId,
        target: notification.target,
        attempt: notification.attempt,
      },
      'notification',
    );
    return { status: 'delivered', to: { via: 'log' } };
  }
}
