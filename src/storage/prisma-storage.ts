import { randomUUID } from 'node:crypto';
import type { Prisma, PrismaClient } from './generated/client.js';

/** What botbuilder keeps per key; `eTag` is ours to set (its `Storage`/`StoreItems` contract). */
export type StoreItems = Record<string, { eTag?: string; [property: string]: unknown }>;

/** A write lost a race: someone saved the key since it was read. botbuilder retries or reports it. */
export class ETagConflictError extends Error {
  readonly code = 'STORAGE.ETAG_CONFLICT';
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
    this.name = 'ETagConflictError';
  }
}

/**
 * botbuilder `Storage` (ConversationState, UserState) in the database, so any instance can serve
 * any turn and nothing is lost on restart. Optimistic concurrency as botbuilder's contract says:
 * a write whose eTag is stale fails, `*` or no eTag overwrites, a new key is always written.
 */
export class PrismaStorage {
  constructor(private readonly prisma: PrismaClient) {}

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const rows = await this.prisma.botState.findMany({ where: { key: { in: keys } } });
    return Object.fromEntries(rows.map((row) => [row.key, { ...(row.data as object), eTag: row.eTag }]));
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag: expected, ...rest } = item;
      const data = JSON.parse(JSON.stringify(rest)) as Prisma.InputJsonValue;
      const eTag = randomUUID();
      if (!expected || expected === '*') {
        await this.prisma.botState.upsert({ where: { key }, create: { key, data, eTag }, update: { data, eTag } });
        continue;
      }
      const updated = await this.prisma.botState.updateMany({ where: { key, eTag: expected }, data: { data, eTag } });
      if (updated.count === 1) continue;
      const created = await this.prisma.botState.createMany({ data: [{ key, data, eTag }], skipDuplicates: true });
      if (created.count === 0) throw new ETagConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.prisma.botState.deleteMany({ where: { key: { in: keys } } });
  }
}
