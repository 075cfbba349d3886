import { addWorkingDays, addWorkingHours } from '../../src/domain/handoff/working-days';
import type { HandoffDraft } from '../../src/domain/handoff/handoff';
import { openDatabase, type Database } from '../../src/storage/database';
import { escalateOverdue } from '../../src/jobs/escalation';
import { PrismaHandoffRepository } from '../../src/storage/handoff-repository';
import { applyRetention } from '../../src/jobs/retention';
import { whileHolding } from '../../src/jobs/scheduler';
import { databaseKinds, type TestDatabase } from '../support/databases';
import { handoffDraft } from '../support/handoff-drafts';
import { openMigratedDatabase } from '../support/open-test-database';

const stockholm = (local: string) => new Date(new Date(`${local}Z`).getTime() - (local.slice(5, 7) >= '04' && local.slice(5, 7) <= '10' ? 2 : 1) * 3_600_000);
const policy = { fallbackOf: () => 'kontaktcenter' };

/** A handoff registered at `at` with the anhörigkonsulent's windows (4 office hours to claim, 2 working days SLA). */
const registeredAt = (at: Date): HandoffDraft => handoffDraft({ consentedAt: at, slaDueAt: addWorkingDays(at, 2), claimDueAt: addWorkingHours(at, 4) });

describe.each(databaseKinds)('background jobs on $name', (kind) => {
  let database: Database;
  let close: () => Promise<void>;
  let handoffs: PrismaHandoffRepository;
  const escalationsOf = async (id: string) => (await handoffs.find(id))!.events.filter((event) => event.type === 'escalated');
  const jobsOf = (id: string) => database.prisma.outboxJob.findMany({ where: { handoffId: id, kind: 'handoff.escalated' }, orderBy: { target: 'asc' } });

  beforeAll(async () => {
    ({ database, close } = await openMigratedDatabase(kind));
    handoffs = new PrismaHandoffRepository(database.prisma);
  });
  afterAll(() => close());

  it('when nobody claims a handoff from Friday afternoon, then it escalates on Monday at 11:00, not over the weekend, once, to the instance and the contact centre', async () => {
    const { id } = await handoffs.register(registeredAt(stockholm('2026-11-20T15:00:00')));
    expect(await escalateOverdue(database.prisma, policy, stockholm('2026-11-21T12:00:00'))).toBe(0);
    expect(await escalateOverdue(database.prisma, policy, stockholm('2026-11-23T10:59:00'))).toBe(0);
    await escalateOverdue(database.prisma, policy, stockholm('2026-11-23T11:00:00'));
    expect(await escalationsOf(id)).toHaveLength(1);
    expect((await jobsOf(id)).map((job) => job.target)).toEqual(['anhorigkonsulent', 'kontaktcenter']);
    await escalateOverdue(database.prisma, policy, stockholm('2026-11-23T12:00:00'));
    expect(await escalationsOf(id)).toHaveLength(1);
  });

  it('when Midsummer Eve falls in the claim window, then it does not count', async () => {
    const { id } = await handoffs.register(registeredAt(stockholm('2026-06-18T15:00:00')));
    await escalateOverdue(database.prisma, policy, stockholm('2026-06-19T12:00:00'));
    await escalateOverdue(database.prisma, policy, stockholm('2026-06-22T10:59:00'));
    expect(await escalationsOf(id)).toHaveLength(0);
    await escalateOverdue(database.prisma, policy, stockholm('2026-06-22T11:00:00'));
    expect(await escalationsOf(id)).toHaveLength(1);
  });

  it('when a claimed handoff is not contacted by its SLA, then it escalates for the SLA, after Good Friday and Easter Monday', async () => {
    const at = stockholm('2026-04-02T09:00:00');
    const { id } = await handoffs.register(registeredAt(at));
    await handoffs.apply(id, { action: { type: 'claim', by: 'staff:anna' }, at: stockholm('2026-04-02T10:00:00') });
    // Two working days after Thursday 2 April: Tuesday 7 and Wednesday 8 April.
    await escalateOverdue(database.prisma, policy, stockholm('2026-04-08T15:59:00'));
    expect(await escalationsOf(id)).toHaveLength(0);
    await escalateOverdue(database.prisma, policy, stockholm('2026-04-08T16:00:00'));
    expect((await handoffs.find(id))!.events.filter((event) => event.type === 'escalated')).toHaveLength(1);
    expect((await database.prisma.handoffEvent.findFirstOrThrow({ where: { handoffId: id, type: 'escalated' } })).details).toMatchObject({ reason: 'sla' });
  });

  it('when a closed case passes the retention period, then exactly its personal data is erased, with an event', async () => {
    const closedAt = new Date('2026-01-10T10:00:00Z');
    const old = await handoffs.register(registeredAt(new Date('2026-01-09T10:00:00Z')));
    await handoffs.apply(old.id, { action: { type: 'close', by: 'staff:anna', outcome: 'resolved' }, at: closedAt });
    const open = await handoffs.register(registeredAt(new Date('2026-01-09T10:00:00Z')));
    const retention = { handoffDays: 90, conversationDays: 30 };
    expect((await applyRetention(database.prisma, handoffs, retention, new Date(closedAt.getTime() + 89 * 86_400_000))).handoffs).toBe(0);
    await applyRetention(database.prisma, handoffs, retention, new Date(closedAt.getTime() + 90 * 86_400_000));
    expect(await database.prisma.handoff.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({
      contactName: null,
      contactPhone: null,
      summary: null,
      routeId: 'anhoriglanken',
      outcome: 'resolved',
      erasedAt: expect.any(Date),
    });
    expect((await database.prisma.handoffEvent.findFirstOrThrow({ where: { handoffId: old.id, type: 'erased' } })).details).toEqual({ reason: 'retention' });
    expect(await database.prisma.handoff.findUniqueOrThrow({ where: { id: open.id } })).toMatchObject({ contactName: 'Anna Andersson', erasedAt: null });
  });

  it('when a conversation has been idle longer than its retention, then its state is deleted and recent ones stay', async () => {
    await database.prisma.botState.create({ data: { key: 'old-conversation', data: { name: 'half-filled' }, eTag: '1' } });
    await database.prisma.botState.create({ data: { key: 'recent-conversation', data: {}, eTag: '1' } });
    const result = await applyRetention(database.prisma, handoffs, { handoffDays: 90, conversationDays: 30 }, new Date(Date.now() + 31 * 86_400_000));
    expect(result.conversations).toBeGreaterThanOrEqual(2);
    await database.prisma.botState.create({ data: { key: 'fresh', data: {}, eTag: '1' } });
    await applyRetention(database.prisma, handoffs, { handoffDays: 90, conversationDays: 30 }, new Date());
    expect(await database.prisma.botState.count({ where: { key: 'fresh' } })).toBe(1);
  });

  it('when an audit event is older than a year, then it is deleted and younger ones stay', async () => {
    const now = new Date();
    await database.prisma.auditEvent.create({ data: { kind: 'teams.link', at: new Date(now.getTime() - 366 * 86_400_000) } });
    await database.prisma.auditEvent.create({ data: { kind: 'teams.link.refused', at: new Date(now.getTime() - 300 * 86_400_000) } });
    expect((await applyRetention(database.prisma, handoffs, { handoffDays: 90, conversationDays: 30 }, now)).auditEvents).toBe(1);
    expect((await database.prisma.auditEvent.findMany()).map((event) => event.kind)).toEqual(['teams.link.refused']);
  });
});

describe('one runner at a time', () => {
  const server = databaseKinds.find((kind) => kind.name === 'postgresql');
  const onServer = server ? it : it.skip;
  let testDatabase: TestDatabase | undefined;
  afterAll(() => testDatabase?.dispose());

  onServer('when two instances start the same job at once, then only one runs it', async () => {
    testDatabase = await server!.create();
    const [first, second] = [await openDatabase(testDatabase.url), await openDatabase(testDatabase.url)];
    try {
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      const firstRun = whileHolding(first.pool, 4242, async () => {
        await gate;
        return 'first';
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await whileHolding(second.pool, 4242, async () => 'second')).toBeUndefined();
      release();
      expect(await firstRun).toBe('first');
      expect(await whileHolding(second.pool, 4242, async () => 'second')).toBe('second');
    } finally {
      await first.close();
      await second.close();
    }
  });
});
