import { AWAITING_CLAIM, AWAITING_CONTACT } from '../domain/handoff/deadlines.js';
import type { PrismaClient } from '../storage/generated/client.js';

export interface EscalationPolicy {
  /** Who is told besides the instance itself (the catalog's fallback, default the contact centre). */
  fallbackOf(instanceId: string): string;
}

type Reason = 'claim-window' | 'sla';

/**
 * Raises each overdue handoff's escalation once: not claimed within its claim window, or not
 * contacted by its SLA. The escalation is an event and a notification to the instance and to
 * its fallback, committed together; the marker column makes a second run (or a second
 * instance) a no-op.
 */
export async function escalateOverdue(prisma: PrismaClient, policy: EscalationPolicy, now: Date): Promise<number> {
  const overdue = [
    ...(
      await prisma.handoff.findMany({
        where: { status: { in: [...AWAITING_CLAIM] }, claimDueAt: { lte: now }, claimEscalatedAt: null },
        select: { id: true, instanceId: true },
      })
    ).map((row) => ({ ...row, reason: 'claim-window' as Reason })),
    ...(
      await prisma.handoff.findMany({
        where: { status: { in: [...AWAITING_CONTACT] }, slaDueAt: { lte: now }, slaEscalatedAt: null },
        select: { id: true, instanceId: true },
      })
    ).map((row) => ({ ...row, reason: 'sla' as Reason })),
  ];
  let raised = 0;
  for (const { id, instanceId, reason } of overdue) {
    const marker = reason === 'sla' ? 'slaEscalatedAt' : 'claimEscalatedAt';
    const fallback = policy.fallbackOf(instanceId);
    const targets = [...new Set([instanceId, fallback])];
    raised += await prisma.$transaction(async (transaction) => {
      const marked = await transaction.handoff.updateMany({ where: { id, [marker]: null }, data: { [marker]: now } });
      if (marked.count === 0) return 0;
      await transaction.handoffEvent.create({ data: { handoffId: id, type: 'escalated', actor: 'system', at: now, details: { reason, notified: targets } } });
      await transaction.outboxJob.createMany({
        data: targets.map((target) => ({
          handoffId: id,
          kind: 'handoff.escalated',
          target,
          idempotencyKey: `handoff:${id}:escalated:${reason}:${target}`,
          payload: { handoffId: id, reason },
        })),
        skipDuplicates: true,
      });
      return 1;
    });
  }
  return raised;
}
