import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { openDatabase, type Database } from '../../src/storage/database';
import { applyMigrations } from '../../src/storage/migrations';
import { databaseKinds, type DatabaseKind } from '../support/databases';
import { snapshotSchema, type SchemaSnapshot } from '../support/schema-snapshot';

const PROJECT_ROOT = path.resolve(__dirname, '..', '..');
const MIGRATION_HISTORY = '_prisma_migrations';

/**
 * The SQL Prisma's schema engine writes to build prisma/schema.prisma from an empty database.
 * The engine is WASM that jest's module system cannot load, so it runs in its own Node process.
 */
function schemaEngineSql(): string {
  return execFileSync(process.execPath, [path.join('scripts', 'schema-engine.mjs'), path.join('prisma', 'schema.prisma')], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Runs `work` on a fresh database of `kind`, then closes and drops it whatever happened. */
async function withFreshDatabase<T>(kind: DatabaseKind, work: (database: Database) => Promise<T>): Promise<T> {
  const testDatabase = await kind.create();
  try {
    const database = await openDatabase(testDatabase.url);
    try {
      return await work(database);
    } finally {
      await database.close();
    }
  } finally {
    await testDatabase.dispose();
  }
}

const quoteIdentifier = (name: string): string => `"${name.replace(/"/g, '""')}"`;

/** The schema engine's SQL, produced once for all database kinds. */
let schemaSql: string;

beforeAll(() => {
  schemaSql = schemaEngineSql();
  expect(schemaSql).toMatch(/CREATE TABLE/);
});

describe.each(databaseKinds)('Migrations against schema.prisma on $name', (kind) => {
  /** Database B: built straight from schema.prisma by the schema engine's SQL. */
  let fromSchema: SchemaSnapshot;

  beforeAll(async () => {
    fromSchema = await withFreshDatabase(kind, async (database) => {
      await database.pool.query(schemaSql);
      return snapshotSchema(database.pool);
    });
    // The comparison below is only worth something if there is something to compare.
    expect(Object.keys(fromSchema.tables)).not.toHaveLength(0);
  });

  it('when the migrations are applied, then the database matches schema.prisma exactly', async () => {
    const migrated = await withFreshDatabase(kind, async (database) => {
      await applyMigrations(database.pool);
      return snapshotSchema(database.pool, { excludeTables: [MIGRATION_HISTORY] });
    });

    expect(migrated).toEqual(fromSchema);
  });

  it('when a migrated database has a column schema.prisma lacks, then the comparison reports the drift', async () => {
    const { table, before, after } = await withFreshDatabase(kind, async (database) => {
      await applyMigrations(database.pool);
      const before = await snapshotSchema(database.pool, { excludeTables: [MIGRATION_HISTORY] });
      const table = Object.keys(before.tables)[0];
      if (table === undefined) throw new Error('the migrations created no table to alter');
      await database.pool.query(`ALTER TABLE ${quoteIdentifier(table)} ADD COLUMN "drift_probe" INTEGER`);
      const after = await snapshotSchema(database.pool, { excludeTables: [MIGRATION_HISTORY] });
      return { table, before, after };
    });

    expect(before).toEqual(fromSchema);
    expect(after).not.toEqual(fromSchema);
    expect(after.tables[table]?.columns).toHaveProperty('drift_probe');
    expect(fromSchema.tables[table]?.columns).not.toHaveProperty('drift_probe');
  });
});
