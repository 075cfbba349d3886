import type { Notification } from '../domain/notifications.js';
import type { Prisma } from './generated/client.js';

/** The kind of notification that tells a fallback what its instance could not be told. */
export const UNDELIVERABLE = 'handoff.undeliverable';

/**
 * A notification that could not be delivered is never dropped in silence: it is recorded on
 * the handoff (staff see it in the tab's history), and the instance's fallback (by default the
 * contact centre) is told instead, unless it was the fallback that could not be reached.
 * Returns where the fallback notification goes, if anywhere.
 */
export async function handUndeliverable(transaction: Prisma.TransactionClient, job: Notification, reason: string, fallbackOf: (instanceId: string) => string, at: Date): Promise<string | undefined> {
  const fallback = fallbackOf(job.target);
  const tellFallback = job.kind !== UNDELIVERABLE && fallback !== job.target;
  await transaction.handoffEvent.create({
    data: { handoffId: job.handoffId, type: 'notification-failed', actor: 'system', at, details: { kind: job.kind, target: job.target, reason, ...(tellFallback ? { fallback } : {}) } },
  });
  if (!tellFallback) return undefined;
  await transaction.outboxJob.createMany({
    data: [{ handoffId: job.handoffId, kind: UNDELIVERABLE, target: fallback, idempotencyKey: `${job.idempotencyKey}:undeliverable`, payload: { failedTarget: job.target, reason } }],
    skipDuplicates: true,
  });
  return fallback;
}

/**
 * Puts notifications that were given up back in the queue (an administrator put the bot back in
 * the team): all of them, or those of one handoff (its id or reference). Returns how many.
 */
export async function retryFailedNotifications(prisma: Prisma.TransactionClient, handoff?: string): Promise<number> {
  // The reference is the year and the running number: the number alone names the handoff.
  const number = /^LOTS-\d{4}-(\d+)$/i.exec(handoff ?? '')?.[1];
  const where = handoff ? { status: 'failed' as const, handoff: number ? { number: Number(number) } : { id: handoff } } : { status: 'failed' as const };
  const { count } = await prisma.outboxJob.updateMany({ where, data: { status: 'pending', attempts: 0, nextAttemptAt: new Date(), lockedUntil: null, leaseToken: null } });
  return count;
}
