interface NotificationBase {
  readonly id: string;
  /**
   * `handoff.registered` (new or rerouted case), `handoff.escalated`, `handoff.undeliverable` (to a
   * fallback, when the instance could not be told); `volunteer.*` for messages to volunteers.
   */
  readonly kind: string;
  /** Who is told: the instance whose staff are told, or a volunteer's way of being reached. */
  readonly target: string;
  /** The same for every attempt: a target that supports it posts only once. */
  readonly idempotencyKey: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly payload: unknown;
}

/** A notification to an instance's staff about a handoff. */
export interface HandoffNotification extends NotificationBase {
  readonly handoffId: string;
  readonly callOutId?: undefined;
}

/** A message to a volunteer about a call-out (the call-out itself, filled, cancelled). */
export interface CallOutNotification extends NotificationBase {
  readonly callOutId: string;
  readonly handoffId?: undefined;
}

/** What the outbox hands to a notifier. */
export type Notification = HandoffNotification | CallOutNotification;

/** The handoff a notification is about: notifiers of staff are only ever given handoff notifications. */
export function handoffIdOf(notification: Notification): string {
  if (notification.handoffId === undefined) throw new Error(`notification ${notification.id} (${notification.kind}) is not about a handoff`);
  return notification.handoffId;
}

/** The notification that brings every card posted for a handoff up to date after a change, wherever it was made. */
export const CARDS_CHANGED = 'handoff.changed';

/**
 * Where a notification went, for the handoff's history (which must not say "Teams" when it was
 * the log) and, for Teams, to find the card again when the handoff changes.
 */
export type DeliveredTo =
  | { readonly via: 'teams'; readonly activityId?: string; readonly reference: Readonly<Record<string, unknown>> }
  | { readonly via: 'log' }
  | { readonly via: 'mail'; readonly to: string };

export type DeliveryOutcome =
  | { readonly status: 'delivered'; readonly to?: DeliveredTo }
  /**
   * Try again later; `retryAfterMs` when the target said when (HTTP 429/503 Retry-After);
   * `giveUpAfterAttempts` when a few tries are worth it but not hours of them (the bot was
   * removed from the team: 403, 404).
   */
  | { readonly status: 'retry'; readonly reason: string; readonly retryAfterMs?: number; readonly giveUpAfterAttempts?: number }
  /** Will never work (for example, no channel is linked to the instance yet). */
  | { readonly status: 'rejected'; readonly reason: string };

/** Where staff are told (Teams in production). */
export interface Notifier {
  deliver(notification: Notification): Promise<DeliveryOutcome>;
}

/** Exponential backoff: 1 s, 2 s, 4 s … capped. */
export function backoffMs(attempt: number, baseMs = 1_000, maxMs = 15 * 60_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
