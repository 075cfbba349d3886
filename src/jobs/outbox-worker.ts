import { randomUUID } from 'node:crypto';
import { backoffMs, type DeliveredTo, type DeliveryOutcome, type Notification, type Notifier } from '../domain/notifications.js';
import type { Prisma, PrismaClient } from '../storage/generated/client.js';

export interface OutboxWorkerOptions {
  /** How many jobs one run delivers at most (one after another, each under its own lease). */
  readonly batchSize?: number;
  /** How long a worker holds a job; a worker that dies lets it go when this runs out. */
  readonly leaseMs?: number;
  /** A delivery that takes longer is given up and retried later: well inside the lease. */
  readonly deliveryTimeoutMs?: number;
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

/** What became of one job: its outcome recorded, or nothing, because its lease ran out and another worker took it. */
type Recorded = keyof OutboxRun | 'lost';

interface LeasedJob {
  id: string;
  kind: string;
  handoff_id: string | null;
  call_out_id: string | null;
  target: string;
  payload: unknown;
  idempotency_key: string;
  attempts: number;
  lease_token: string;
}

/**
 * Delivers the outbox: leases due jobs one at a time (several workers on several instances never
 * take the same job: SKIP LOCKED plus a lease), hands each to the notifier with a time limit well
 * inside the lease, and records the outcome only while it still holds the lease. At least once: a
 * worker that dies after delivering but before recording leaves the job to be delivered again,
 * with the same idempotency key.
 */
export class OutboxWorker {
  private readonly options: Required<OutboxWorkerOptions>;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly notifier: Notifier,
    private readonly clock: () => Date,
    options: OutboxWorkerOptions = {},
    /** Called in the transaction that records a delivery (the handoff becomes "notified"): both or neither. */
    private readonly onDelivered: (job: Notification, transaction: Prisma.TransactionClient, to: DeliveredTo | undefined) => Promise<void> = async () => {},
    /** Called in the transaction that gives a job up (tell someone else, record it on the handoff): both or neither. */
    private readonly onFailed: (job: Notification, reason: string, transaction: Prisma.TransactionClient) => Promise<void> = async () => {},
  ) {
    this.options = { batchSize: 10, leaseMs: 30_000, deliveryTimeoutMs: 10_000, maxAttempts: 12, baseBackoffMs: 1_000, maxBackoffMs: 15 * 60_000, ...options };
  }

  async runOnce(): Promise<OutboxRun> {
    const run: OutboxRun = { delivered: 0, retried: 0, failed: 0 };
    for (let taken = 0; taken < this.options.batchSize; taken += 1) {
      const job = await this.leaseOne();
      if (!job) break;
      const common = { id: job.id, kind: job.kind, target: job.target, idempotencyKey: job.idempotency_key, attempt: job.attempts, payload: job.payload };
      // Every job is written with one of the two (handoff notifications, volunteer messages).
      const notification: Notification = job.handoff_id !== null ? { ...common, handoffId: job.handoff_id } : { ...common, callOutId: job.call_out_id! };
      const recorded = await this.record(notification, job.lease_token, await this.deliverInTime(notification));
      if (recorded !== 'lost') run[recorded] += 1;
    }
    return run;
  }

  /**
   * Runs batch after batch while the batches come back full (a call-out of hundreds is due at
   * once), up to `maxBatches`, so one tick of the scheduler empties what is due.
   */
  async drain(maxBatches = 50): Promise<OutboxRun> {
    const total: OutboxRun = { delivered: 0, retried: 0, failed: 0 };
    for (let batch = 0; batch < maxBatches; batch += 1) {
      const run = await this.runOnce();
      total.delivered += run.delivered;
      total.retried += run.retried;
      total.failed += run.failed;
      if (run.delivered + run.retried + run.failed < this.options.batchSize) break;
    }
    return total;
  }

  /** The notifier's outcome, or a retry when it fails or takes longer than the time limit (a hung call must not hold the outbox). */
  private async deliverInTime(notification: Notification): Promise<DeliveryOutcome> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<DeliveryOutcome>((resolve) => {
      timer = setTimeout(() => resolve({ status: 'retry', reason: 'timeout' }), this.options.deliveryTimeoutMs);
    });
    try {
      return await Promise.race([this.notifier.deliver(notification), timeout]);
    } catch (error) {
      return { status: 'retry', reason: error instanceof Error ? error.name : 'error' };
    } finally {
      clearTimeout(timer);
    }
  }

  /** Leases the next due job, under a fresh lease of its own (a batch's later jobs are not left waiting under an old one). */
  private async leaseOne(): Promise<LeasedJob | undefined> {
    const now = this.clock();
    const leaseUntil = new Date(now.getTime() + this.options.leaseMs);
    const token = randomUUID();
    const [job] = await this.prisma.$queryRaw<LeasedJob[]>`
      UPDATE outbox_job SET locked_until = ${leaseUntil}, attempts = attempts + 1, lease_token = ${token}::uuid
      WHERE id = (
        SELECT id FROM outbox_job
        WHERE status = 'pending' AND next_attempt_at <= ${now} AND (locked_until IS NULL OR locked_until <= ${now})
        ORDER BY next_attempt_at
        LIMIT 1
        FOR UPDATE SKIP LOCKED)
      RETURNING id, kind, handoff_id, call_out_id, target, payload, idempotency_key, attempts, lease_token::text AS lease_token`;
    return job;
  }

  /** Records an outcome, only under the lease it was delivered under: a worker whose lease ran out has nothing to say any more. */
  private async record(job: Notification, leaseToken: string, outcome: DeliveryOutcome): Promise<Recorded> {
    const now = this.clock();
    const underLease = { id: job.id, leaseToken, status: 'pending' as const };
    if (outcome.status === 'delivered') {
      return this.prisma.$transaction(async (transaction) => {
        const { count } = await transaction.outboxJob.updateMany({
          where: underLease,
          data: { status: 'delivered', deliveredAt: now, lockedUntil: null, leaseToken: null, lastError: null },
        });
        if (count === 0) return 'lost';
        await this.onDelivered(job, transaction, outcome.to);
        return 'delivered';
      });
    }
    if (outcome.status === 'rejected' || job.attempt >= Math.min(this.options.maxAttempts, outcome.giveUpAfterAttempts ?? Infinity)) {
      const reason = outcome.reason.slice(0, 200);
      return this.prisma.$transaction(async (transaction) => {
        const { count } = await transaction.outboxJob.updateMany({
          where: underLease,
          data: { status: 'failed', lockedUntil: null, leaseToken: null, lastError: reason },
        });
        if (count === 0) return 'lost';
        await this.onFailed(job, reason, transaction);
        return 'failed';
      });
    }
    const wait = outcome.retryAfterMs ?? backoffMs(job.attempt, this.options.baseBackoffMs, this.options.maxBackoffMs);
    const { count } = await this.prisma.outboxJob.updateMany({
      where: underLease,
      data: { nextAttemptAt: new Date(now.getTime() + wait), lockedUntil: null, leaseToken: null, lastError: outcome.reason.slice(0, 200) },
    });
    return count === 0 ? 'lost' : 'retried';
  }
}
