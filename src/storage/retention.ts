import type { PrismaClient } from './generated/client.js';
import type { PrismaHandoffRepository } from './handoff-repository.js';

export interface RetentionPolicy {
  /** Days after a case is closed until its personal data is erased. */
  readonly handoffDays: number;
  /** Days a conversation's bot state (possibly a half-filled handoff) is kept after its last turn. */
  readonly conversationDays: number;
}

const DAY_MS = 86_400_000;

/**
 * Forgets what must be forgotten: contact details and free text of handoffs closed longer than
 * the retention period (the anonymous rows stay for statistics; each erasure is an event), and
 * conversation state nobody has touched for a while.
 */
export async function applyRetention(prisma: PrismaClient, handoffs: PrismaHandoffRepository, policy: RetentionPolicy, now: Date): Promise<{ handoffs: number; conversations: number }> {
  const erased = await handoffs.erase({ status: 'closed', closedAt: { lte: new Date(now.getTime() - policy.handoffDays * DAY_MS) } }, 'system', 'retention', now);
  const { count } = await prisma.botState.deleteMany({ where: { updatedAt: { lte: new Date(now.getTime() - policy.conversationDays * DAY_MS) } } });
  return { handoffs: erased, conversations: count };
}
