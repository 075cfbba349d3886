import type { HandoffNotification } from '../domain/notifications.js';
import type { Prisma } from '../storage/generated/client.js';

/** The kind of notification that tells a fallback what its instance could not be told. */
export const UNDELIVERABLE = 'handoff.undeliverable';
/** The kind of notification that tells an instance's shared mailbox the same, by e-mail. */
export const UNDELIVERABLE_MAIL = 'handoff.undeliverable.mail';

/** Where an instance's undeliverable notifications go instead. */
export interface UndeliverableRoutes {
  /** The instance told in Teams instead (by default the contact centre). */
  readonly fallbackOf: (instanceId: string) => string;
  /** Whether the instance has a shared mailbox that can be sent e-mail. */
  readonly hasMailbox: (instanceId: string) => boolean;
}

/**
 * A notification that could not be delivered is never dropped in silence: it is recorded on
 * the handoff (staff see it in the tab's history), the instance's fallback (by default the
 * contact centre) is told in its channel, and the instance's shared mailbox by e-mail when it
 * has one. A notice that itself fails is recorded, and not passed on again.
 * Returns where the fallback notification goes, if anywhere.
 */
export async function handUndeliverable(
  transaction: Prisma.TransactionClient,
  job: HandoffNotification,
  reason: string,
  routes: UndeliverableRoutes,
  at: Date,
): Promise<string | undefined> {
  const isNotice = job.kind === UNDELIVERABLE || job.kind === UNDELIVERABLE_MAIL;
  const fallback = routes.fallbackOf(job.target);
  const tellFallback = !isNotice && fallback !== job.target;
  const mail = !isNotice && routes.hasMailbox(job.target);
  await transaction.handoffEvent.create({
    data: {
      handoffId: job.handoffId,
      type: 'notification-failed',
      actor: 'system',
      at,
      details: { kind: job.kind, target: job.target, reason, ...(tellFallback ? { fallback } : {}), ...(mail ? { mailed: true } : {}) },
    },
  });
  const notices = [
    ...(tellFallback ? [{ kind: UNDELIVERABLE, target: fallback, key: 'undeliverable' }] : []),
    ...(mail ? [{ kind: UNDELIVERABLE_MAIL, target: job.target, key: 'mail' }] : []),
  ];
  await transaction.outboxJob.createMany({
    data: notices.map(({ kind, target, key }) => ({
      handoffId: job.handoffId,
      kind,
      target,
      idempotencyKey: `${job.idempotencyKey}:${key}`,
      payload: { failedTarget: job.target, reason, ...(tellFallback ? { fallback } : {}) },
    })),
    skipDuplicates: true,
  });
  return tellFallback ? fallback : undefined;
}

/**
 * Puts notifications that were given up back in the queue (an administrator put the bot back in
 * the team): all of them, or those of one handoff (its id or reference). Returns how many.
 */
export async function retryFailedNotifications(prisma: Prisma.TransactionClient, handoff?: string): Promise<number> {
  // The reference is the year and the running number: the number alone names the handoff.
  const number = /^LOTS-\d{4}-(\d+)$/i.exec(handoff ?? '')?.[1];
  const where = handoff ? { status: 'failed' as const, handoff: number ? { number: Number(number) } : { id: handoff } } : { status: 'failed' as const };
  const { count } = await prisma.outboxJob.updateMany({
    where,
    data: { status: 'pending', attempts: 0, nextAttemptAt: new Date(), lockedUntil: null, leaseToken: null },
  });
  return count;
}
