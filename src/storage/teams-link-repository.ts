import type { Prisma, PrismaClient } from './generated/client.js';

/** Which Teams channel takes which instance's handoffs. */
export class PrismaTeamsLinkRepository {
  constructor(private readonly prisma: PrismaClient) {}

  /** Links a channel to an instance, replacing (and keeping, as history) an older link. */
  async link(instanceId: string, channelConversationId: string, reference: object, linkedBy: string, at: Date = new Date()): Promise<{ replaced: boolean }> {
    return this.prisma.$transaction(async (transaction) => {
      const { count } = await transaction.teamsChannelLink.updateMany({ where: { instanceId, replacedAt: null }, data: { replacedAt: at } });
      await transaction.teamsChannelLink.create({
        data: { instanceId, channelConversationId, reference: reference as Prisma.InputJsonObject, linkedBy, linkedAt: at },
      });
      return { replaced: count > 0 };
    });
  }

  /** The conversation reference of the instance's channel, if it has one. */
  async referenceFor(instanceId: string): Promise<Record<string, unknown> | undefined> {
    const link = await this.prisma.teamsChannelLink.findFirst({ where: { instanceId, replacedAt: null } });
    return link ? (link.reference as Record<string, unknown>) : undefined;
  }

  /** The instances a channel is linked to now. */
  async instancesOf(channelConversationId: string): Promise<string[]> {
    const links = await this.prisma.teamsChannelLink.findMany({ where: { channelConversationId, replacedAt: null }, select: { instanceId: true } });
    return links.map((link) => link.instanceId);
  }
}
