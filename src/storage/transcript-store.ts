import type { ActivityFeed, StoredActivity, TranscriptStore } from '../domain/transcript.js';
import type { Prisma, PrismaClient } from './generated/client.js';

/** Direct Line transcripts in the database, so any instance can answer a poll, and each append announced to the open streams. */
export class PrismaTranscriptStore implements TranscriptStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly feed: ActivityFeed,
  ) {}

  async append(conversationId: string, activities: readonly Record<string, unknown>[]): Promise<void> {
    if (activities.length === 0) return;
    await this.prisma.directLineActivity.createMany({ data: activities.map((activity) => ({ conversationId, activity: activity as Prisma.InputJsonObject })) });
    await this.feed.announce(conversationId);
  }

  async since(conversationId: string, watermark: string | undefined, limit: number): Promise<StoredActivity[]> {
    const after = watermark && /^\d{1,18}$/.test(watermark) ? BigInt(watermark) : -1n;
    const rows = await this.prisma.directLineActivity.findMany({ where: { conversationId, seq: { gt: after } }, orderBy: { seq: 'asc' }, take: limit });
    return rows.map((row) => ({ watermark: row.seq.toString(), activity: row.activity as Record<string, unknown> }));
  }

  async isEmpty(conversationId: string): Promise<boolean> {
    return (await this.prisma.directLineActivity.count({ where: { conversationId }, take: 1 })) === 0;
  }

  async forget(conversationId: string, keepActivityId?: string): Promise<void> {
    await this.prisma.directLineActivity.deleteMany({
      where: { conversationId, ...(keepActivityId ? { NOT: { activity: { path: ['id'], equals: keepActivityId } } } : {}) },
    });
  }

  /** Retention: transcripts hold what people wrote; they are kept only briefly. */
  async deleteOlderThan(date: Date): Promise<number> {
    return (await this.prisma.directLineActivity.deleteMany({ where: { createdAt: { lt: date } } })).count;
  }
}
