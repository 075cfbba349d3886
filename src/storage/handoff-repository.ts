import { randomUUID } from 'node:crypto';
import {
  formatReference,
  type HandoffChange,
  type HandoffDraft,
  type HandoffRegistry,
  type HandoffView,
  type RegisteredHandoff,
} from '../domain/handoff/handoff.js';
import { AlreadyClaimedError, HandoffChangedError, HandoffNotFoundError, nextStatus } from '../domain/handoff/lifecycle.js';
import { CARDS_CHANGED, type DeliveredTo } from '../domain/notifications.js';
import { Prisma, type PrismaClient } from './generated/client.js';

type HandoffRow = Prisma.HandoffGetPayload<{ include: { events: true } }>;
type Transaction = Prisma.TransactionClient;

const toRegistered = (row: { id: string; number: number; instanceId: string; slaDueAt: Date; createdAt: Date }): RegisteredHandoff => ({
  id: row.id,
  reference: formatReference(row.createdAt, row.number),
  instanceId: row.instanceId,
  slaDueAt: row.slaDueAt,
  createdAt: row.createdAt,
});

export function toView(row: HandoffRow): HandoffView {
  return {
    id: row.id,
    reference: formatReference(row.createdAt, row.number),
    routeId: row.routeId,
    instanceId: row.instanceId,
    status: row.status,
    channel: row.channel,
    language: row.language,
    need: row.need,
    interpreter: row.interpreter,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    slaDueAt: row.slaDueAt,
    claimDueAt: row.claimDueAt,
    version: row.version,
    claimedBy: row.claimedBy,
    claimedById: row.claimedById,
    outcome: row.outcome,
    contact: {
      name: row.contactName,
      ...(row.contactPhone ? { phone: row.contactPhone } : {}),
      ...(row.contactEmail ? { email: row.contactEmail } : {}),
      ...(row.preferredTime ? { preferredTime: row.preferredTime } : {}),
    },
    summary: row.summary,
    erasedAt: row.erasedAt,
    events: [...row.events]
      .sort((a, b) => a.at.getTime() - b.at.getTime())
      .map((event) => ({ type: event.type, at: event.at, actor: event.actor, details: isRecord(event.details) ? event.details : {} })),
  };
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A notification for the outbox: committed with the change that causes it. */
function notification(transaction: Transaction, handoffId: string, kind: string, target: string, key: string, details: Prisma.InputJsonObject = {}) {
  return transaction.outboxJob.create({ data: { handoffId, kind, target, idempotencyKey: key, payload: { handoffId, ...details } } });
}

/** Who made a handoff's latest change, as its history says. */
async function lastActor(transaction: Transaction, handoffId: string): Promise<string | undefined> {
  const event = await transaction.handoffEvent.findFirst({ where: { handoffId }, orderBy: { at: 'desc' }, select: { actor: true } });
  return event?.actor ?? undefined;
}

/** The handoff log in the database (Prisma): registrations, lifecycle changes, erasure. */
export class PrismaHandoffRepository implements HandoffRegistry {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * The handoff, its "registered" event and the notification to its instance, written by one
   * nested create: one atomic statement batch, no interactive transaction to queue for.
   */
  async register(draft: HandoffDraft): Promise<RegisteredHandoff> {
    const id = randomUUID();
    try {
      const row = await this.prisma.handoff.create({
        data: {
          id,
          routeId: draft.routeId,
          instanceId: draft.instanceId,
          channel: draft.channel,
          language: draft.language,
          conversationId: draft.conversationId,
          idempotencyKey: draft.idempotencyKey,
          need: draft.need ?? null,
          interpreter: draft.interpreter ?? null,
          contactName: draft.contact.name,
          contactPhone: draft.contact.phone ?? null,
          contactEmail: draft.contact.email ?? null,
          preferredTime: draft.contact.preferredTime ?? null,
          summary: draft.summary ?? null,
          consentVersion: draft.consentVersion,
          consentedAt: draft.consentedAt,
          slaDueAt: draft.slaDueAt,
          claimDueAt: draft.claimDueAt,
          events: { create: { type: 'registered', actor: `${draft.channel}:person`, details: { routeId: draft.routeId, instanceId: draft.instanceId } } },
          outbox: { create: { kind: 'handoff.registered', target: draft.instanceId, idempotencyKey: `handoff:${id}:registered`, payload: { handoffId: id } } },
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

  async find(id: string): Promise<HandoffView | undefined> {
    const row = await this.prisma.handoff.findUnique({ where: { id }, include: { events: true } });
    return row ? toView(row) : undefined;
  }

  /** Open and recent handoffs, newest first, for the staff API. */
  async list(filter: { status?: string; routeId?: string; instanceIds?: readonly string[]; claimedById?: string }, limit = 100): Promise<HandoffView[]> {
    const rows = await this.prisma.handoff.findMany({
      where: {
        ...(filter.status ? { status: filter.status as HandoffRow['status'] } : {}),
        ...(filter.routeId ? { routeId: filter.routeId } : {}),
        ...(filter.instanceIds ? { instanceId: { in: [...filter.instanceIds] } } : {}),
        ...(filter.claimedById ? { claimedById: filter.claimedById } : {}),
      },
      include: { events: true },
      orderBy: { createdAt: 'desc' },
      take: limit,
    });
    return rows.map(toView);
  }

  /**
   * Applies a lifecycle action. Optimistic concurrency on `version`: of two staff claiming at
   * once exactly one wins; the other gets AlreadyClaimedError naming who has it.
   */
  async apply(id: string, change: HandoffChange, within?: Prisma.TransactionClient): Promise<HandoffView> {
    return within ? this.applyWithin(within, id, change) : this.prisma.$transaction((transaction) => this.applyWithin(transaction, id, change));
  }

  private async applyWithin(transaction: Prisma.TransactionClient, id: string, change: HandoffChange): Promise<HandoffView> {
    const current = await transaction.handoff.findUnique({ where: { id } });
    if (!current) throw new HandoffNotFoundError(id);
    const { action, at } = change;
    if (change.expectedVersion !== undefined && change.expectedVersion !== current.version) throw new HandoffChangedError(await lastActor(transaction, id));
    if (action.type === 'claim' && current.claimedBy && current.status !== 'registered' && current.status !== 'notified')
      throw new AlreadyClaimedError(current.claimedBy);
    const status = nextStatus(current.status, action);
    const data: Prisma.HandoffUpdateManyMutationInput = { status, version: { increment: 1 } };
    if (action.type === 'claim') Object.assign(data, { claimedBy: action.by, claimedById: action.byId ?? null, claimedAt: at });
    if (action.type === 'contacted') data.contactedAt = at;
    if (action.type === 'close') Object.assign(data, { closedAt: at, outcome: action.outcome });
    if (action.type === 'reroute' || action.type === 'reopen') {
      Object.assign(data, {
        claimedBy: null,
        claimedById: null,
        claimedAt: null,
        contactedAt: null,
        closedAt: null,
        outcome: null,
        claimEscalatedAt: null,
        slaEscalatedAt: null,
      });
      if (action.type === 'reroute') data.instanceId = action.instanceId;
      if (change.deadlines) Object.assign(data, change.deadlines);
    }
    const updated = await transaction.handoff.updateMany({ where: { id, version: current.version }, data });
    if (updated.count === 0) {
      const now = await transaction.handoff.findUnique({ where: { id } });
      if (action.type === 'claim' && now?.claimedBy) throw new AlreadyClaimedError(now.claimedBy);
      throw new HandoffChangedError(await lastActor(transaction, id));
    }
    const { type, by, ...details } = action;
    await transaction.handoffEvent.create({ data: { handoffId: id, type, actor: by, at, details: { from: current.status, to: status, ...details } } });
    if (action.type === 'reroute' || action.type === 'reopen') {
      await notification(
        transaction,
        id,
        'handoff.registered',
        action.type === 'reroute' ? action.instanceId : current.instanceId,
        `handoff:${id}:${type}:${current.version + 1}`,
      );
    }
    // The cards already posted show the change, wherever it was made (a card, the tab).
    if (type !== 'notify') await notification(transaction, id, CARDS_CHANGED, current.instanceId, `handoff:${id}:changed:${current.version + 1}`);
    return toView(await transaction.handoff.findUniqueOrThrow({ where: { id }, include: { events: true } }));
  }

  /** Where a notification about the handoff went (a Teams channel, the log, a mailbox), in its history. */
  async recordDelivery(
    handoffId: string,
    delivery: { kind: string; target: string; to: DeliveredTo | undefined },
    at: Date,
    transaction: Prisma.TransactionClient,
  ): Promise<void> {
    const details = {
      kind: delivery.kind,
      target: delivery.target,
      ...(JSON.parse(JSON.stringify(delivery.to ?? { via: 'unknown' })) as Prisma.InputJsonObject),
    };
    await transaction.handoffEvent.create({ data: { handoffId, type: 'delivered', actor: 'system', at, details } });
  }

  async eraseConversation(conversationId: string, actor: string): Promise<readonly string[]> {
    const handoffs = await this.prisma.handoff.findMany({ where: { conversationId, erasedAt: null }, select: { id: true, number: true, createdAt: true } });
    if (handoffs.length === 0) return [];
    await this.erase({ id: { in: handoffs.map((handoff) => handoff.id) } }, actor, 'person-request');
    return handoffs.map((handoff) => formatReference(handoff.createdAt, handoff.number));
  }

  /** Erases contact details and free text, keeping the anonymous row; the erasure is an event. */
  async erase(where: Prisma.HandoffWhereInput, actor: string, reason: string, at: Date = new Date()): Promise<number> {
    return this.prisma.$transaction(async (transaction) => {
      const handoffs = await transaction.handoff.findMany({ where: { ...where, erasedAt: null }, select: { id: true, instanceId: true } });
      if (handoffs.length === 0) return 0;
      const ids = handoffs.map((handoff) => handoff.id);
      await transaction.handoff.updateMany({
        where: { id: { in: ids } },
        data: { contactName: null, contactPhone: null, contactEmail: null, preferredTime: null, summary: null, erasedAt: at },
      });
      await transaction.handoffEvent.createMany({ data: ids.map((handoffId) => ({ handoffId, type: 'erased', actor, at, details: { reason } })) });
      // Nobody can be contacted about an open case without its details: it is closed as withdrawn.
      const open = await transaction.handoff.findMany({ where: { id: { in: ids }, status: { not: 'closed' } }, select: { id: true, status: true } });
      await transaction.handoff.updateMany({
        where: { id: { in: open.map((handoff) => handoff.id) } },
        data: { status: 'closed', closedAt: at, outcome: 'withdrawn', version: { increment: 1 } },
      });
      await transaction.handoffEvent.createMany({
        data: open.map((handoff) => ({
          handoffId: handoff.id,
          type: 'close',
          actor,
          at,
          details: { from: handoff.status, to: 'closed', outcome: 'withdrawn', reason },
        })),
      });
      for (const handoff of handoffs) await notification(transaction, handoff.id, CARDS_CHANGED, handoff.instanceId, `handoff:${handoff.id}:changed:erased`);
      return ids.length;
    });
  }
}
