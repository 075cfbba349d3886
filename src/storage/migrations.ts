import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Pool, PoolClient } from 'pg';
import { projectPath } from '../config/installation-files.js';
import { LotsenError } from '../domain/errors.js';

/** The committed migrations, next to the schema: `prisma/migrations/<timestamp>_<name>/migration.sql`. */
export const MIGRATIONS_DIR = projectPath(path.join('prisma', 'migrations'));

export interface Migration {
  readonly name: string;
  readonly sql: string;
  /** sha256 of migration.sql, as Prisma records it, so `prisma migrate deploy` accepts the database later. */
  readonly checksum: string;
}

export class MigrationError extends LotsenError {
  readonly code = 'DATABASE.MIGRATION_FAILED';
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
  }
}

export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

// Prisma's own table and lock key: a database migrated by Lotsen is one Prisma Migrate recognises.
const PRISMA_ADVISORY_LOCK = 72707369;
const CREATE_HISTORY = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

/**
 * Applies the pending migrations, each in its own transaction, and returns their names.
 * Several instances may start at once: an advisory lock lets one migrate while the others wait.
 * A changed or failed migration stops the start instead of running on an unknown schema.
 */
export async function applyMigrations(pool: Pool, migrations: readonly Migration[] = readMigrations()): Promise<string[]> {
  const client = await pool.connect();
  let limits: { statement: string; lock: string } | undefined;
  try {
    // Waiting for another instance's migrations, and migrating a large table, may take longer
    // than the pool's limits for ordinary statements: this session has none until it is done.
    const { rows } = await client.query<{ statement: string; lock: string }>(
      "SELECT current_setting('statement_timeout') AS statement, current_setting('lock_timeout') AS lock",
    );
    limits = rows[0];
    await client.query('SET statement_timeout = 0; SET lock_timeout = 0');
    await client.query('SELECT pg_advisory_lock($1)', [PRISMA_ADVISORY_LOCK]);
    try {
      await client.query(CREATE_HISTORY);
      const applied = await appliedMigrations(client);
      const pending = migrations.filter((migration) => !applied.has(migration.name));
      for (const migration of migrations) {
        const record = applied.get(migration.name);
        if (record && !record.finished)
          throw new MigrationError(`Migration ${migration.name} failed earlier and must be resolved by hand before Lotsen can start.`);
        if (record && record.checksum !== migration.checksum)
          throw new MigrationError(`Migration ${migration.name} was changed after it was applied; add a new migration instead.`);
      }
      for (const migration of pending) await applyOne(client, migration);
      return pending.map((migration) => migration.name);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [PRISMA_ADVISORY_LOCK]);
    }
  } finally {
    // Back to the pool's limits before the connection serves anything else.
    if (limits)
      await client
        .query(`SELECT set_config('statement_timeout', $1, false), set_config('lock_timeout', $2, false)`, [limits.statement, limits.lock])
        .catch(() => undefined);
    client.release();
  }
}

async function appliedMigrations(client: PoolClient): Promise<Map<string, { checksum: string; finished: boolean }>> {
  const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
    'SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL',
  );
  return new Map(rows.map((row) => [row.migration_name, { checksum: row.checksum, finished: row.finished_at !== null }]));
}

async function applyOne(client: PoolClient, migration: Migration): Promise<void> {
  try {
    await client.query('BEGIN');
    await client.query(migration.sql);
    await client.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [randomUUID(), migration.checksum, migration.name],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
  }
}
