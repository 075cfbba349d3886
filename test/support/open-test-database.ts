import { openDatabase, type Database } from '../../src/storage/database';
import { applyMigrations } from '../../src/storage/migrations';
import type { DatabaseKind, TestDatabase } from './databases';

/** A migrated database of the given kind for one test file, and a way to close and drop it. */
export async function openMigratedDatabase(kind: DatabaseKind): Promise<{ database: Database; testDatabase: TestDatabase; close(): Promise<void> }> {
  const testDatabase = await kind.create();
  const database = await openDatabase(testDatabase.url);
  await applyMigrations(database.pool);
  return {
    database,
    testDatabase,
    async close() {
      await database.close();
      await testDatabase.dispose();
    },
  };
}
