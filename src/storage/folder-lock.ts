import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { LotsenError } from '../domain/errors.js';

/** Another running process has the embedded database open; two would corrupt it. */
export class DatabaseInUseError extends LotsenError {
  readonly code = 'DATABASE.IN_USE';
  constructor(folder: string, pid: number) {
    super(`The embedded database ${folder} is in use by process ${pid}. Stop it, or use DATABASE_URL=postgresql://… to run several instances.`);
  }
}

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * Claims a PGlite folder for this process with a pid file. A lock left by a process that no
 * longer runs (killed, crashed) is taken over at once, so a restart after a crash just works.
 * Returns the release function.
 */
export function lockFolder(folder: string): () => void {
  const file = path.join(folder, 'lotsen.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = Number.parseInt(readFileSync(file, 'utf8'), 10);
      if (Number.isInteger(holder) && isAlive(holder)) throw new DatabaseInUseError(folder, holder);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${folder}`);
}
