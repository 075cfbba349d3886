import type { DeliveryOutcome, Notification, Notifier } from '../domain/notifications.js';

/** Hands each notification to the notifier for its kind (e-mail for some), else to the default (Teams). */
export class NotifierByKind implements Notifier {
  constructor(
    private readonly byKind: Readonly<Record<string, Notifier>>,
    private readonly otherwise: Notifier,
  ) {}

  deliver(notification: Notification): Promise<DeliveryOutcome> {
    return (this.byKind[notification.kind] ?? this.otherwise).deliver(notification);
  }
}
