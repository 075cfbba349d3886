import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, pgliteLocation } from '../../src/storage/database';
import { DatabaseInUseError } from '../../src/storage/folder-lock';
import { databaseKinds } from '../support/databases';

const pglite = databaseKinds.find((kind) => kind.name === 'pglite')!;

describe('the embedded database folder', () => {
  it('when a second opener comes while the first has it open, then it is refused and the first keeps working', async () => {
    const testDatabase = await pglite.create();
    const first = await openDatabase(testDatabase.url);
    try {
      await expect(openDatabase(testDatabase.url)).rejects.toBeInstanceOf(DatabaseInUseError);
      expect(await first.ping()).toBe(true);
    } finally {
      await first.close();
    }
    const again = await openDatabase(testDatabase.url);
    await again.close();
    await testDatabase.dispose();
  });

  it('when the lock was left by a process that no longer runs, then the folder opens at once', async () => {
    const testDatabase = await pglite.create();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const folder = pgliteLocation(testDatabase.url)!;
    writeFileSync(path.join(folder, 'lotsen.lock'), gone.stdout);
    const database = await openDatabase(testDatabase.url);
    expect(await database.ping()).toBe(true);
    await database.close();
    expect(existsSync(path.join(folder, 'lotsen.lock'))).toBe(false);
    await testDatabase.dispose();
  });
});
