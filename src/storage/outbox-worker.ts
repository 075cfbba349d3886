import { backoffMs, type DeliveryOutcome, type Notification, type Notifier } from '../domain/notifications.js';
import type { Prisma, PrismaClient } from './generated/client.js';

export interface OutboxWorkerOptions {
  readonly batchSize?: number;
  /** How long a worker holds a job; a worker that dies lets it go when this runs out. */
  readonly leaseMs?: number;
  /** After this many attempts a job is marked failed (and stays visible for operators). */
  readonly maxAttempts?: number;
  readonly baseBackoffMs?: number;
  readonly maxBackoffMs?: number;
}

export interface OutboxRun {
  delivered: number;
  retried: number;
  failed: number;
}

interface LeasedJob {
  id: string;
  kind: string;
  handoff_id: string;
  target: string;
  payload: unknown;
  idempotency_key: string;
  attempts: number;
}

/**
 * Delivers the outbox: leases due jobs (several workers on several instances never take the same
 * job: SKIP LOCKED plus a lease), hands them to the notifier, and records the outcome. At least
 * once: a worker that dies after delivering but before recording leaves the job to be delivered
 * again, with the same idempotency key.
 */
export class OutboxWorker {
  private readonly options: Required<OutboxWorkerOptions>;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly notifier: Notifier,
    private readonly clock: () => Date,
    options: OutboxWorkerOptions = {},
    /** Called in the transaction that records a delivery (the handoff becomes "notified"): both or neither. */
    private readonly onDelivered: (job: Notification, transaction: Prisma.TransactionClient) => Promise<void> = async () => {},
  ) {
    this.options = { batchSize: 10, leaseMs: 30_000, maxAttempts: 12, baseBackoffMs: 1_000, maxBackoffMs: 15 * 60_000, ...options };
  }

  async runOnce(): Promise<OutboxRun> {
    const run: OutboxRun = { delivered: 0, retried: 0, failed: 0 };
    for (const job of await this.lease()) {
      const notification: Notification = { id: job.id, kind: job.kind, handoffId: job.handoff_id, target: job.target, idempotencyKey: job.idempotency_key, attempt: job.attempts, payload: job.payload };
      let outcome: DeliveryOutcome;
      try {
        outcome = await this.notifier.deliver(notification);
      } catch (error) {
        outcome = { status: 'retry', reason: error instanceof Error ? error.name : 'error' };
      }
      run[await this.record(notification, outcome)] += 1;
    }
    return run;
  }

  private async lease(): Promise<LeasedJob[]> {
    const now = this.clock();
    const leaseUntil = new Date(now.getTime() + this.options.leaseMs);
    return this.prisma.$queryRaw<LeasedJob[]>`
      UPDATE outbox_job SET locked_until = ${leaseUntil}, attempts = attempts + 1
      WHERE id IN (
        SELECT id FROM outbox_job
        WHERE status = 'pending' AND next_attempt_at <= ${now} AND (locked_until IS NULL OR locked_until <= ${now})
        ORDER BY next_attempt_at
        LIMIT ${this.options.batchSize}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, kind, handoff_id, target, payload, idempotency_key, attempts`;
  }

  private async record(job: Notification, outcome: DeliveryOutcome): Promise<keyof OutboxRun> {
    const now = this.clock();
    if (outcome.status === 'delivered') {
      await this.prisma.$transaction(async (transaction) => {
        await transaction.outboxJob.update({ where: { id: job.id }, data: { status: 'delivered', deliveredAt: now, lockedUntil: null, lastError: null } });
        await this.onDelivered(job, transaction);
      });
      return 'delivered';
    }
    if (outcome.status === 'rejected' || job.attempt >= this.options.maxAttempts) {
      await this.prisma.outboxJob.update({ where: { id: job.id }, data: { status: 'failed', lockedUntil: null, lastError: outcome.reason.slice(0, 200) } });
      return 'failed';
    }
    const wait = outcome.retryAfterMs ?? backoffMs(job.attempt, this.options.baseBackoffMs, this.options.maxBackoffMs);
    await this.prisma.outboxJob.update({ where: { id: job.id }, data: { nextAttemptAt: new Date(now.getTime() + wait), lockedUntil: null, lastError: outcome.reason.slice(0, 200) } });
    return 'retried';
  }
}
