import { createHash } from 'node:crypto';
import { openDatabase, type Database } from '../../src/storage/database';
import { applyMigrations, MigrationError, readMigrations } from '../../src/storage/migrations';
import { databaseKinds, type TestDatabase } from '../support/databases';

describe.each(databaseKinds)('migrations on $name', (kind) => {
  let testDatabase: TestDatabase;
  let database: Database;

  beforeEach(async () => {
    testDatabase = await kind.create();
    database = await openDatabase(testDatabase.url);
  });
  afterEach(async () => {
    await database.close();
    await testDatabase.dispose();
  });

  it('when applied to an empty database, then every migration runs once and is recorded as Prisma does', async () => {
    const migrations = readMigrations();
    expect(migrations.length).toBeGreaterThan(0);
    expect(await applyMigrations(database.pool)).toEqual(migrations.map((migration) => migration.name));
    const { rows } = await database.pool.query(
      'SELECT migration_name, checksum, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
    );
    expect(rows).toEqual(
      migrations.map((migration) => ({
        migration_name: migration.name,
        checksum: createHash('sha256').update(migration.sql).digest('hex'),
        finished_at: expect.any(Date),
        applied_steps_count: 1,
      })),
    );
    expect(await applyMigrations(database.pool)).toEqual([]);
  });

  // Several instances share only a PostgreSQL server; a PGlite folder belongs to one process.
  const onServer = kind.name === 'postgresql' ? it : it.skip;
  onServer('when several instances start at once, then each migration is applied exactly once', async () => {
    const others = await Promise.all([1, 2].map(() => openDatabase(testDatabase.url)));
    try {
      const results = await Promise.all([database, ...others].map((instance) => applyMigrations(instance.pool)));
      expect(results.flat().sort()).toEqual(readMigrations().map((migration) => migration.name));
    } finally {
      await Promise.all(others.map((other) => other.close()));
    }
  });

  it('when an applied migration was edited afterwards, then the start is refused', async () => {
    const migrations = readMigrations();
    await applyMigrations(database.pool);
    const edited = migrations.map((migration, index) => (index === 0 ? { ...migration, checksum: 'edited' } : migration));
    await expect(applyMigrations(database.pool, edited)).rejects.toThrow(/was changed after it was applied/);
  });

  it('when a migration fails, then nothing of it remains and the error names it', async () => {
    await applyMigrations(database.pool);
    const broken = { name: '99999999999999_broken', sql: 'CREATE TABLE half_done (id int); SELECT * FROM no_such_table;', checksum: 'x' };
    await expect(applyMigrations(database.pool, [...readMigrations(), broken])).rejects.toBeInstanceOf(MigrationError);
    const { rows } = await database.pool.query(
      "SELECT to_regclass('public.half_done') AS table, (SELECT count(*)::int FROM _prisma_migrations WHERE migration_name = $1) AS recorded",
      [broken.name],
    );
    expect(rows[0]).toEqual({ table: null, recorded: 0 });
  });
});
