import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import { openDatabase, type Database } from '../storage/database.js';
import { applyMigrations } from '../storage/migrations.js';
import { LocalActivityFeed, PostgresActivityFeed } from '../storage/activity-feed.js';
import type { ActivityFeed } from '../domain/transcript.js';

/** Opens DATABASE_URL with its limits and brings the schema up to date; a failed migration closes it again. */
export async function openMigratedDatabase(config: Config, logger: Logger): Promise<Database> {
  const database = await openDatabase(config.DATABASE_URL, {
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: config.DATABASE_LOCK_TIMEOUT_MS,
    onConnectionError: (error) => logger.warn({ err: error }, 'database connection lost; the pool opens a new one'),
  });
  try {
    const applied = await applyMigrations(database.pool);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

/** Word of new web chat activities: within this process on the embedded database (one instance), by LISTEN/NOTIFY across instances on PostgreSQL. */
export function openActivityFeed(config: Config, database: Database, logger: Logger): Promise<ActivityFeed> {
  if (database.kind === 'pglite') return Promise.resolve(new LocalActivityFeed());
  return new PostgresActivityFeed(config.DATABASE_URL, database.pool, (error) =>
    logger.warn({ err: error }, 'the web chat activity feed lost its database connection; it reconnects'),
  ).start();
}
