import { randomUUID } from 'node:crypto';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Pool, QueryResult, QueryResultRow } from 'pg';
import { LotsenError } from '../domain/errors.js';

/** What botbuilder keeps per key; `eTag` is ours to set (its `Storage`/`StoreItems` contract). */
export type StoreItems = Record<string, { eTag?: string; [property: string]: unknown }>;

const tracer = trace.getTracer('lotsen');

/** A write lost a race: someone saved the key since it was read. botbuilder retries or reports it. */
export class ETagConflictError extends LotsenError {
  readonly code = 'STORAGE.ETAG_CONFLICT';
  constructor(readonly key: string) {
    super(`Storage: error writing "${key}" due to eTag conflict.`);
  }
}

/**
 * botbuilder `Storage` (ConversationState) in the database, so any instance can serve
 * any turn and nothing is lost on restart. Optimistic concurrency as botbuilder's contract says:
 * a write whose eTag is stale fails, `*` or no eTag overwrites, a new key is always written.
 * Plain SQL on the pool: this runs twice every turn, and the query builder cost more than the
 * database (about 2 ms of CPU a turn, measured with `npm run bench`).
 */
export class BotStateStorage {
  constructor(private readonly pool: Pool) {}

  /**
   * A statement on the pool, in a span of its own when tracing is on (Prisma traces its own
   * calls; these bypass it). The span names the operation and table, never the values.
   */
  private query<Row extends QueryResultRow>(operation: string, sql: string, values: unknown[]): Promise<QueryResult<Row>> {
    const attributes = { 'db.system.name': 'postgresql', 'db.operation.name': operation, 'db.collection.name': 'bot_state' };
    return tracer.startActiveSpan(`${operation} bot_state`, { kind: SpanKind.CLIENT, attributes }, async (span) => {
      try {
        return await this.pool.query<Row>(sql, values);
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw error;
      } finally {
        span.end();
      }
    });
  }

  async read(keys: string[]): Promise<StoreItems> {
    if (keys.length === 0) return {};
    const { rows } = await this.query<{ key: string; data: object; etag: string }>('SELECT', 'SELECT key, data, etag FROM bot_state WHERE key = ANY($1)', [
      keys,
    ]);
    return Object.fromEntries(rows.map((row) => [row.key, { ...row.data, eTag: row.etag }]));
  }

  async write(changes: StoreItems): Promise<void> {
    for (const [key, item] of Object.entries(changes)) {
      const { eTag: expected, ...rest } = item;
      const data = JSON.stringify(rest);
      const eTag = randomUUID();
      if (!expected || expected === '*') {
        await this.query(
          'INSERT',
          `INSERT INTO bot_state (key, data, etag, updated_at) VALUES ($1, $2::jsonb, $3, now())
           ON CONFLICT (key) DO UPDATE SET data = EXCLUDED.data, etag = EXCLUDED.etag, updated_at = EXCLUDED.updated_at`,
          [key, data, eTag],
        );
        continue;
      }
      const updated = await this.query('UPDATE', 'UPDATE bot_state SET data = $2::jsonb, etag = $3, updated_at = now() WHERE key = $1 AND etag = $4', [
        key,
        data,
        eTag,
        expected,
      ]);
      if (updated.rowCount === 1) continue;
      const created = await this.query(
        'INSERT',
        'INSERT INTO bot_state (key, data, etag, updated_at) VALUES ($1, $2::jsonb, $3, now()) ON CONFLICT (key) DO NOTHING',
        [key, data, eTag],
      );
      if (created.rowCount === 0) throw new ETagConflictError(key);
    }
  }

  async delete(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.query('DELETE', 'DELETE FROM bot_state WHERE key = ANY($1)', [keys]);
  }
}
