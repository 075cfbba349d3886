import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openDatabase, pgliteLocation } from '../../src/storage/database';
import { DatabaseInUseError, startTimeOf } from '../../src/storage/folder-lock';
import { applyMigrations } from '../../src/storage/migrations';
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

describe('the embedded database folder after a restart with the same pid', () => {
  /** Writes the folder's lock file as a process would have left it. */
  const lockAs = (url: string, lock: string) => writeFileSync(path.join(pgliteLocation(url)!, 'lotsen.lock'), lock);

  it('when the lock names this very process (a restarted container is PID 1 again), then it is an earlier process’s and is taken over', async () => {
    const testDatabase = await pglite.create();
    lockAs(testDatabase.url, `${process.pid}:1`);
    const database = await openDatabase(testDatabase.url);
    expect(await database.ping()).toBe(true);
    // Held now: a second opener in this process is still refused.
    await expect(openDatabase(testDatabase.url)).rejects.toBeInstanceOf(DatabaseInUseError);
    await database.close();
    await testDatabase.dispose();
  });

  it('when the pid in the lock runs but started at another time than the lock says, then it is another process and the lock is taken over', async () => {
    const testDatabase = await pglite.create();
    // The parent (jest's) process is alive; the start time written is not its own.
    lockAs(testDatabase.url, `${process.ppid}:1`);
    const database = await openDatabase(testDatabase.url);
    expect(await database.ping()).toBe(true);
    await database.close();
    // With its real start time it is the holder: refused.
    lockAs(testDatabase.url, `${process.ppid}:${startTimeOf(process.ppid)}`);
    await expect(openDatabase(testDatabase.url)).rejects.toBeInstanceOf(DatabaseInUseError);
    await testDatabase.dispose();
  });
});

describe.each(databaseKinds)('the connections on $name', (kind) => {
  it('when statements run, then they run under the configured statement and lock timeouts and show as Lotsen', async () => {
    const testDatabase = await kind.create();
    const database = await openDatabase(testDatabase.url, { statementTimeoutMs: 1234, lockTimeoutMs: 567 });
    try {
      const { rows } = await database.pool.query<{ statement_timeout: string; lock_timeout: string; application_name: string }>(
        "SELECT current_setting('statement_timeout') AS statement_timeout, current_setting('lock_timeout') AS lock_timeout, current_setting('application_name') AS application_name",
      );
      expect(rows[0]).toEqual({ statement_timeout: '1234ms', lock_timeout: '567ms', application_name: 'lotsen' });
    } finally {
      await database.close();
      await testDatabase.dispose();
    }
  });
});

const postgresql = databaseKinds.find((kind) => kind.name === 'postgresql');
(postgresql ? describe : describe.skip)('a locked table on PostgreSQL', () => {
  it('when a table is locked by another session, then a statement waiting for it fails after the lock timeout instead of hanging, and the pool goes on', async () => {
    const testDatabase = await postgresql!.create();
    const database = await openDatabase(testDatabase.url, { statementTimeoutMs: 10_000, lockTimeoutMs: 300 });
    const holder = await database.pool.connect();
    try {
      await database.pool.query('CREATE TABLE held (id int)');
      await holder.query('BEGIN; LOCK TABLE held IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      await expect(database.pool.query('SELECT * FROM held')).rejects.toThrow(/lock timeout/);
      expect(Date.now() - started).toBeLessThan(5_000);
      await holder.query('ROLLBACK');
      expect(await database.ping()).toBe(true);
    } finally {
      holder.release();
      await database.close();
      await testDatabase.dispose();
    }
  });
});

describe.each(databaseKinds)('migrating on $name', (kind) => {
  it('when migrations run, then they run without the timeouts, and the connection gets its limits back afterwards', async () => {
    const testDatabase = await kind.create();
    const database = await openDatabase(testDatabase.url, { statementTimeoutMs: 4321, lockTimeoutMs: 765 });
    try {
      await applyMigrations(database.pool);
      const { rows } = await database.pool.query<{ statement_timeout: string; lock_timeout: string }>(
        "SELECT current_setting('statement_timeout') AS statement_timeout, current_setting('lock_timeout') AS lock_timeout",
      );
      expect(rows[0]).toEqual({ statement_timeout: '4321ms', lock_timeout: '765ms' });
    } finally {
      await database.close();
      await testDatabase.dispose();
    }
  });
});
