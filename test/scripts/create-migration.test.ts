import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../src/storage/database';
import { applyMigrations, readMigrations } from '../../src/storage/migrations';
import { databaseKinds } from '../support/databases';

const ROOT = path.resolve(__dirname, '..', '..');

describe('npm run migration:create', () => {
  let project: string;
  const migrationsDir = () => path.join(project, 'prisma', 'migrations');
  const createMigration = (name: string) =>
    execFileSync(process.execPath, [path.join(project, 'scripts', 'create-migration.mjs'), name], { cwd: project, encoding: 'utf8' });

  beforeAll(() => {
    // A copy of the project's schema and migrations, so the test can change them freely.
    project = mkdtempSync(path.join(tmpdir(), 'lotsen-migration-'));
    cpSync(path.join(ROOT, 'prisma'), path.join(project, 'prisma'), { recursive: true });
    cpSync(path.join(ROOT, 'scripts'), path.join(project, 'scripts'), { recursive: true });
    symlinkSync(path.join(ROOT, 'node_modules'), path.join(project, 'node_modules'));
  });
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it('when the schema is unchanged, then no migration is written', () => {
    const before = readdirSync(migrationsDir());
    expect(createMigration('nothing')).toMatch(/has not changed/);
    expect(readdirSync(migrationsDir())).toEqual(before);
  });

  it('when a model is added, then the next migration creates exactly that table, and it applies on top of the others', async () => {
    appendFileSync(path.join(project, 'prisma', 'schema.prisma'), '\nmodel Probe {\n  id    Int    @id\n  label String\n\n  @@map("probe")\n}\n');
    expect(createMigration('add probe')).toMatch(/Wrote prisma\/migrations\/\d{14}_add_probe\/migration\.sql/);

    const migrations = readMigrations(migrationsDir());
    const added = migrations.at(-1)!;
    expect(added.name).toMatch(/^\d{14}_add_probe$/);
    expect(added.sql).toMatch(/CREATE TABLE "probe"/);
    expect(added.sql).not.toMatch(/bot_state/);
    expect(readFileSync(path.join(migrationsDir(), 'schema.snapshot.prisma'), 'utf8')).toEqual(
      readFileSync(path.join(project, 'prisma', 'schema.prisma'), 'utf8'),
    );
    expect(createMigration('again')).toMatch(/has not changed/);

    const testDatabase = await databaseKinds[0]!.create();
    const database = await openDatabase(testDatabase.url);
    try {
      expect(await applyMigrations(database.pool, migrations)).toEqual(migrations.map((migration) => migration.name));
      const { rows } = await database.pool.query("SELECT to_regclass('public.probe') IS NOT NULL AS exists");
      expect(rows[0]).toEqual({ exists: true });
    } finally {
      await database.close();
      await testDatabase.dispose();
    }
  });
});
