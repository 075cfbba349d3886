import type { Pool } from 'pg';

/** A periodic job; with `lockKey`, only one instance of Lotsen runs it at a time. */
export interface ScheduledJob {
  readonly name: string;
  readonly everyMs: number;
  /** A PostgreSQL advisory lock key: the job runs only where the lock is free. */
  readonly lockKey?: number;
  run(): Promise<unknown>;
}

/**
 * Runs `work` only if this process gets the advisory lock `key`; otherwise another instance is
 * at it and this one skips (undefined). The lock dies with the session, so a crashed runner
 * never blocks the others.
 */
export async function whileHolding<T>(pool: Pool, key: number, work: () => Promise<T>): Promise<T | undefined> {
  const client = await pool.connect();
  // The connection may be ended under the work (and the lock with it): the work's own result
  // stands, the client is thrown away, and the next run takes the lock again.
  let lost: Error | undefined;
  const onError = (error: Error) => (lost = error);
  client.on('error', onError);
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [key]);
    if (!rows[0]?.locked) return undefined;
    try {
      return await work();
    } finally {
      if (!lost) await client.query('SELECT pg_advisory_unlock($1)', [key]).catch((error: Error) => (lost = error));
    }
  } catch (error) {
    lost ??= error as Error;
    throw error;
  } finally {
    client.off('error', onError);
    client.release(lost);
  }
}

/** Runs the background jobs on timers; every state they need is in the database, so restarts are safe. */
export class Scheduler {
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly running = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(
    /** Runs work under a lock key, or skips it when another instance holds it. */
    private readonly exclusively: <T>(key: number, work: () => Promise<T>) => Promise<T | undefined>,
    private readonly jobs: readonly ScheduledJob[],
    private readonly onError: (job: string, error: unknown) => void,
  ) {}

  start(): void {
    for (const job of this.jobs) {
      let busy = false;
      const tick = () => {
        if (busy || this.stopped) return;
        busy = true;
        const run = (job.lockKey === undefined ? job.run() : this.exclusively(job.lockKey, () => job.run()))
          .catch((error: unknown) => this.onError(job.name, error))
          .finally(() => {
            busy = false;
            this.running.delete(run);
          });
        this.running.add(run);
      };
      const timer = setInterval(tick, job.everyMs);
      timer.unref();
      this.timers.push(timer);
      tick();
    }
  }

  /** Stops the timers and waits for runs under way. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearInterval(timer);
    await Promise.allSettled([...this.running]);
  }
}
