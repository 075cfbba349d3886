import type { HandoffDraft } from '../../src/domain/handoff/handoff';
import { handoffIdOf, type Notification, type Notifier } from '../../src/domain/notifications';
import type { Database } from '../../src/storage/database';
import { PrismaHandoffRepository } from '../../src/storage/handoff-repository';
import { OutboxWorker } from '../../src/jobs/outbox-worker';
import { databaseKinds } from '../support/databases';
import { FakeTarget } from '../support/fake-target';
import { handoffDraft } from '../support/handoff-drafts';
import { openMigratedDatabase } from '../support/open-test-database';

const draft = (): HandoffDraft =>
  handoffDraft({
    contact: { name: 'Anna', phone: '+46701234567' },
    consentedAt: new Date(),
    slaDueAt: new Date(Date.now() + 86_400_000),
    claimDueAt: new Date(Date.now() + 3_600_000),
  });

describe.each(databaseKinds)('the outbox on $name', (kind) => {
  let database: Database;
  let close: () => Promise<void>;
  let handoffs: PrismaHandoffRepository;
  let now: Date;
  const clock = () => now;
  const worker = (target: Notifier, options: { deliveryTimeoutMs?: number } = {}) =>
    new OutboxWorker(database.prisma, target, clock, { leaseMs: 30_000, baseBackoffMs: 1_000, ...options }, async (job: Notification, transaction) => {
      if (job.kind === 'handoff.registered')
        await handoffs.apply(handoffIdOf(job), { action: { type: 'notify', by: 'system' }, at: clock() }, transaction).catch(() => undefined);
    });
  const jobOf = (handoffId: string) => database.prisma.outboxJob.findFirstOrThrow({ where: { handoffId } });
  const later = (ms: number) => (now = new Date(now.getTime() + ms));

  beforeAll(async () => {
    ({ database, close } = await openMigratedDatabase(kind));
    handoffs = new PrismaHandoffRepository(database.prisma);
  });
  beforeEach(async () => {
    // Each test starts with an empty outbox and a clock ahead of every job so far.
    await database.prisma.outboxJob.updateMany({ where: { status: 'pending' }, data: { status: 'failed' } });
    now = new Date(Date.now() + 1_000);
  });
  afterAll(() => close());

  it('when a handoff is registered, then its instance is told once and the handoff becomes notified', async () => {
    const { id } = await handoffs.register(draft());
    const target = new FakeTarget();
    expect(await worker(target).runOnce()).toEqual({ delivered: 1, retried: 0, failed: 0 });
    expect(target.posts.map((post) => [post.kind, post.target, post.handoffId])).toEqual([['handoff.registered', 'anhorigkonsulent', id]]);
    expect(await jobOf(id)).toMatchObject({ status: 'delivered', attempts: 1, deliveredAt: now });
    expect((await handoffs.find(id))?.status).toBe('notified');
    expect(await worker(target).runOnce()).toEqual({ delivered: 0, retried: 0, failed: 0 });
  });

  it('when the target answers 429 with Retry-After, then the job waits exactly that long and is then delivered once', async () => {
    const { id } = await handoffs.register(draft());
    const target = new FakeTarget().answer({ status: 'retry', reason: 'http-429', retryAfterMs: 5_000 });
    expect(await worker(target).runOnce()).toMatchObject({ retried: 1 });
    expect((await jobOf(id)).nextAttemptAt).toEqual(new Date(now.getTime() + 5_000));
    later(4_000);
    expect(await worker(target).runOnce()).toMatchObject({ delivered: 0, retried: 0 });
    later(1_000);
    expect(await worker(target).runOnce()).toMatchObject({ delivered: 1 });
    expect(target.posts).toHaveLength(1);
    expect(await jobOf(id)).toMatchObject({ status: 'delivered', attempts: 2 });
  });

  it('when the target fails with 500s, then the job backs off exponentially and is delivered once it answers', async () => {
    const { id } = await handoffs.register(draft());
    const target = new FakeTarget().answer({ status: 'retry', reason: 'http-500' }, { status: 'retry', reason: 'http-500' });
    await worker(target).runOnce();
    expect((await jobOf(id)).nextAttemptAt).toEqual(new Date(now.getTime() + 1_000));
    later(1_000);
    await worker(target).runOnce();
    expect((await jobOf(id)).nextAttemptAt).toEqual(new Date(now.getTime() + 2_000));
    later(2_000);
    expect(await worker(target).runOnce()).toMatchObject({ delivered: 1 });
    expect(target.attempts.map((attempt) => attempt.attempt)).toEqual([1, 2, 3]);
    expect(new Set(target.attempts.map((attempt) => attempt.idempotencyKey)).size).toBe(1);
    expect(target.posts).toHaveLength(1);
  });

  it('when a worker dies between delivering and recording, then after its lease another delivers again with the same key and the target posts once', async () => {
    const { id } = await handoffs.register(draft());
    const target = new FakeTarget();
    const dying: Notifier = { deliver: async (notification) => (await target.deliver(notification), new Promise(() => {})) };
    // Its call never returns (the process "died" after the post); its time limit runs out after the others are done.
    const died = worker(dying, { deliveryTimeoutMs: 1_000 }).runOnce();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await worker(target).runOnce()).toMatchObject({ delivered: 0 }); // still leased
    later(30_000);
    expect(await worker(target).runOnce()).toMatchObject({ delivered: 1 });
    expect(target.attempts).toHaveLength(2);
    expect(target.posts).toHaveLength(1);
    expect(await jobOf(id)).toMatchObject({ status: 'delivered', attempts: 2 });
    // Its lease was taken over: what it finally has to say (a retry) is not recorded.
    expect(await died).toEqual({ delivered: 0, retried: 0, failed: 0 });
    expect(await jobOf(id)).toMatchObject({ status: 'delivered', attempts: 2, lastError: null });
  });

  it('when every post is slow (8 s), then each job is under a lease of its own: a second worker never posts a job the first still holds', async () => {
    const ids = await Promise.all(Array.from({ length: 8 }, () => handoffs.register(draft()).then((handoff) => handoff.id)));
    const target = new FakeTarget();
    let second: Promise<unknown> | undefined;
    let posted = 0;
    const slow: Notifier = {
      deliver: async (notification) => {
        later(8_000);
        posted += 1;
        // Half a minute in, another instance's worker comes by.
        if (posted === 4) second = worker(target).runOnce();
        await second;
        return target.deliver(notification);
      },
    };
    await worker(slow).runOnce();
    await second;
    const perJob = new Map<string, number>();
    for (const attempt of target.attempts) perJob.set(handoffIdOf(attempt), (perJob.get(handoffIdOf(attempt)) ?? 0) + 1);
    expect([...perJob.keys()].sort()).toEqual([...ids].sort());
    expect([...perJob.values()]).toEqual(ids.map(() => 1));
  });

  it('when a post hangs, then it is given up after its time limit and retried later, and the rest of the outbox goes on', async () => {
    const [hung, next] = await Promise.all([handoffs.register(draft()), handoffs.register(draft())]);
    const target = new FakeTarget();
    const hanging: Notifier = { deliver: (notification) => (notification.handoffId === hung.id ? new Promise(() => {}) : target.deliver(notification)) };
    const run = worker(hanging, { deliveryTimeoutMs: 300 }).runOnce();
    const gaveUp = new Promise((resolve) => setTimeout(() => resolve('still hanging'), 5_000));
    expect(await Promise.race([run, gaveUp])).toEqual({ delivered: 1, retried: 1, failed: 0 });
    expect(await jobOf(hung.id)).toMatchObject({ status: 'pending', lastError: 'timeout' });
    expect(await jobOf(next.id)).toMatchObject({ status: 'delivered' });
  });

  it('when the target rejects a job for good, then it is marked failed and not retried', async () => {
    const { id } = await handoffs.register(draft());
    const target = new FakeTarget().answer({ status: 'rejected', reason: 'no-linked-channel' });
    expect(await worker(target).runOnce()).toMatchObject({ failed: 1 });
    later(3_600_000);
    expect(await worker(target).runOnce()).toMatchObject({ delivered: 0 });
    expect(await jobOf(id)).toMatchObject({ status: 'failed', lastError: 'no-linked-channel' });
  });

  it('when more jobs are due than one batch takes, then draining delivers them all in one go, once each', async () => {
    const ids = await Promise.all(Array.from({ length: 25 }, () => handoffs.register(draft()).then((handoff) => handoff.id)));
    now = new Date(Date.now() + 1_000);
    const target = new FakeTarget();
    expect(await worker(target).drain()).toEqual({ delivered: 25, retried: 0, failed: 0 });
    expect(target.posts.map(handoffIdOf).sort()).toEqual([...ids].sort());
    expect(await worker(target).drain()).toEqual({ delivered: 0, retried: 0, failed: 0 });
  });

  it('when two workers run at once over many jobs, then every job is delivered exactly once', async () => {
    const ids = await Promise.all(Array.from({ length: 12 }, () => handoffs.register(draft()).then((handoff) => handoff.id)));
    // Registering can take over a second on a loaded machine: the clock is put ahead of the jobs it made.
    now = new Date(Date.now() + 1_000);
    const target = new FakeTarget();
    const runs = await Promise.all([worker(target).runOnce(), worker(target).runOnce(), worker(target).runOnce()]);
    expect(runs.reduce((sum, run) => sum + run.delivered, 0)).toBe(12);
    expect(target.attempts.map((attempt) => attempt.handoffId).sort()).toEqual([...ids].sort());
    expect(target.posts).toHaveLength(12);
  });
});
