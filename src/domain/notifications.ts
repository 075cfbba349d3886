/** A notification to an instance's staff, as the outbox hands it to a notifier. */
export interface Notification {
  readonly id: string;
  /** `handoff.registered` (new or rerouted case), `handoff.escalated`, or `handoff.undeliverable` (to a fallback, when the instance could not be told). */
  readonly kind: string;
  readonly handoffId: string;
  /** The instance whose staff are told. */
  readonly target: string;
  /** The same for every attempt: a target that supports it posts only once. */
  readonly idempotencyKey: string;
  /** 1 for the first attempt. */
  readonly attempt: number;
  readonly payload: unknown;
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
