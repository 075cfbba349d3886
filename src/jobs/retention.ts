import type { PrismaClient } from '../storage/generated/client.js';
import type { PrismaHandoffRepository } from '../storage/handoff-repository.js';

export interface RetentionPolicy {
  /** Days after a case is closed until its personal data is erased. */
  readonly handoffDays: number;
  /** Days a conversation's bot state (possibly a half-filled handoff) is kept after its last turn. */
  readonly conversationDays: number;
}

const DAY_MS = 86_400_000;
/** Audit events name staff by their Entra ids: a year is long enough to look into an incident. */
export const AUDIT_RETENTION_DAYS = 365;

/**
 * Forgets what must be forgotten: contact details and free text of handoffs closed longer than
 * the retention period (the anonymous rows stay for statistics; each erasure is an event),
 * conversation state nobody has touched for a while, and audit events older than a year.
 */
export async function applyRetention(
  prisma: PrismaClient,
  handoffs: PrismaHandoffRepository,
  policy: RetentionPolicy,
  now: Date,
): Promise<{ handoffs: number; conversations: number; auditEvents: number }> {
  const erased = await handoffs.erase(
    { status: 'closed', closedAt: { lte: new Date(now.getTime() - policy.handoffDays * DAY_MS) } },
    'system',
    'retention',
    now,
  );
  const { count } = await prisma.botState.deleteMany({ where: { updatedAt: { lte: new Date(now.getTime() - policy.conversationDays * DAY_MS) } } });
  const audit = await prisma.auditEvent.deleteMany({ where: { at: { lte: new Date(now.getTime() - AUDIT_RETENTION_DAYS * DAY_MS) } } });
  return { handoffs: erased, conversations: count, auditEvents: audit.count };
}
