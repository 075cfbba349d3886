import type { Writable } from 'node:stream';
import type { Config } from '../config/index.js';
import { retryFailedNotifications } from '../jobs/undeliverable.js';
import { openDatabase, type Database } from '../storage/database.js';
import { applyMigrations } from '../storage/migrations.js';

async function withDatabase<T>(config: Config, work: (database: Database) => Promise<T>): Promise<T> {
  const database = await openDatabase(config.DATABASE_URL);
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

/** `lotsen migrate`: applies pending migrations to DATABASE_URL. */
export async function migrate(config: Config, out: Writable): Promise<void> {
  const applied = await withDatabase(config, (database) => applyMigrations(database.pool));
  out.write(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(', ')}\n` : 'The database is up to date.\n');
}

/** `lotsen outbox retry [handoff]`: puts given-up staff notifications back in the queue. */
export async function outbox(config: Config, args: readonly string[], out: Writable): Promise<void> {
  if (args[0] !== 'retry') throw new Error('Usage: lotsen outbox retry [handoff id or reference]');
  const count = await withDatabase(config, (database) => retryFailedNotifications(database.prisma, args[1]));
  out.write(`${count} notification(s) back in the queue; Lotsen delivers them within seconds.\n`);
}
