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
 * When a process started, as the kernel counts it (Linux: /proc/<pid>/stat's start time, in clock
 * ticks since boot), so a pid reused by another process is told from the one that wrote the lock.
 * Undefined where there is no /proc.
 */
export function startTimeOf(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The fields after the command name, which is in parentheses and may contain spaces; start time is field 22.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

/** Folders this process holds: its own pid in a lock file is either one of these or left by an earlier process with the same pid. */
const held = new Set<string>();

/** Whether the process a lock file names is still the one that wrote it. */
function stillHeld(folder: string, lock: string): { pid: number } | undefined {
  const [pidText, startTime] = lock.trim().split(':');
  const pid = Number.parseInt(pidText ?? '', 10);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  // A restarted container's Lotsen is PID 1 again: the lock of the one before names it too.
  if (pid === process.pid) return held.has(folder) ? { pid } : undefined;
  if (!isAlive(pid)) return undefined;
  // Alive, but maybe another process that got the pid: the start time says (when both are known).
  const now = startTimeOf(pid);
  return startTime && now && startTime !== now ? undefined : { pid };
}

/**
 * Claims a PGlite folder for this process with a lock file naming its pid and when it started.
 * A lock left by a process that no longer runs (killed, crashed), or whose pid now belongs to
 * another process (a restarted container's PID 1), is taken over at once, so a restart after a
 * crash just works. Returns the release function.
 */
export function lockFolder(folder: string): () => void {
  const file = path.join(folder, 'lotsen.lock');
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}:${startTimeOf(process.pid) ?? ''}`);
      closeSync(fd);
      held.add(folder);
      return () => {
        held.delete(folder);
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const holder = stillHeld(folder, readFileSync(file, 'utf8'));
      if (holder) throw new DatabaseInUseError(folder, holder.pid);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${folder}`);
}
