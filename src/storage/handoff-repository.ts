import { formatReference, type HandoffDraft, type HandoffRegistry, type RegisteredHandoff } from '../domain/handoff/handoff.js';
import { Prisma, type PrismaClient } from './generated/client.js';

type HandoffRow = { id: string; number: number; instanceId: string; slaDueAt: Date; createdAt: Date };

const toRegistered = (row: HandoffRow): RegisteredHandoff => ({
  id: row.id,
  reference: formatReference(row.createdAt, row.number),
  instanceId: row.instanceId,
  slaDueAt: row.slaDueAt,
  createdAt: row.createdAt,
});

/** The handoff log in the database (Prisma). */
export class PrismaHandoffRepository implements HandoffRegistry {
  constructor(private readonly prisma: PrismaClient) {}

  async register(draft: HandoffDraft): Promise<RegisteredHandoff> {
    try {
      const row = await this.prisma.handoff.create({
        data: {
          routeId: draft.routeId,
          instanceId: draft.instanceId,
          channel: draft.channel,
          language: draft.language,
          conversationId: draft.conversationId,
          idempotencyKey: draft.idempotencyKey,
          need: draft.need ?? null,
          contactName: draft.contact.name,
          contactPhone: draft.contact.phone ?? null,
          contactEmail: draft.contact.email ?? null,
          preferredTime: draft.contact.preferredTime ?? null,
          summary: draft.summary ?? null,
          consentVersion: draft.consentVersion,
          consentedAt: draft.consentedAt,
          slaDueAt: draft.slaDueAt,
          events: { create: { type: 'registered', actor: `${draft.channel}:person`, details: { routeId: draft.routeId, instanceId: draft.instanceId } } },
        },
      });
      return toRegistered(row);
    } catch (error) {
      // Registered before under the same key (a retried turn): that one is the answer.
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        const existing = await this.prisma.handoff.findUnique({ where: { idempotencyKey: draft.idempotencyKey } });
        if (existing) return toRegistered(existing);
      }
      throw error;
    }
  }

  async eraseConversation(conversationId: string, actor: string): Promise<number> {
    return this.prisma.$transaction(async (transaction) => {
      const handoffs = await transaction.handoff.findMany({ where: { conversationId, erasedAt: null }, select: { id: true } });
      if (handoffs.length === 0) return 0;
      const ids = handoffs.map((handoff) => handoff.id);
      await transaction.handoff.updateMany({
        where: { id: { in: ids } },
        data: { contactName: null, contactPhone: null, contactEmail: null, preferredTime: null, summary: null, erasedAt: new Date() },
      });
      await transaction.handoffEvent.createMany({ data: ids.map((handoffId) => ({ handoffId, type: 'erased', actor, details: { reason: 'person-request' } })) });
      return ids.length;
    });
  }
}
