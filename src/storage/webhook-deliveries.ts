import type { PrismaClient } from './generated/client.js';

/**
 * Which messaging-app deliveries have been taken, so a platform's retry of one is processed
 * once, whichever instance receives it. Taking is an insert that only one can win.
 */
export class PrismaWebhookDeliveries {
  constructor(private readonly prisma: PrismaClient) {}

  /** True for the first taker of this delivery; false for a repeat. */
  async take(platform: string, deliveryId: string): Promise<boolean> {
    const inserted = await this.prisma.$executeRaw`
      INSERT INTO webhook_delivery (platform, delivery_id) VALUES (${platform}, ${deliveryId}) ON CONFLICT DO NOTHING`;
    return inserted === 1;
  }

  /** Gives a delivery back when processing it failed, so the platform's retry is processed. */
  async release(platform: string, deliveryId: string): Promise<void> {
    await this.prisma.webhookDelivery.deleteMany({ where: { platform, deliveryId } });
  }

  /** Platforms retry for hours, not days: older records are only weight. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    return (await this.prisma.webhookDelivery.deleteMany({ where: { receivedAt: { lt: cutoff } } })).count;
  }
}
