import type { Database } from '../../src/storage/database';
import { escalateOverdue } from '../../src/jobs/escalation';
import { PrismaHandoffRepository } from '../../src/storage/handoff-repository';
import { handoffStatistics } from '../../src/storage/statistics';
import { databaseKinds } from '../support/databases';
import { handoffDraft } from '../support/handoff-drafts';
import { openMigratedDatabase } from '../support/open-test-database';

const minutes = (base: Date, count: number) => new Date(base.getTime() + count * 60_000);

describe.each(databaseKinds)('handoff statistics on $name', (kind) => {
  let database: Database;
  let close: () => Promise<void>;
  let handoffs: PrismaHandoffRepository;

  beforeAll(async () => {
    ({ database, close } = await openMigratedDatabase(kind));
    handoffs = new PrismaHandoffRepository(database.prisma);
  });
  afterAll(() => close());

  /** A handoff created at `createdAt`, claimed and contacted after the given minutes. */
  async function handoff(routeId: string, instanceId: string, createdAt: Date, claimAfter?: number, contactAfter?: number, slaMinutes = 60) {
    const draft = handoffDraft({
      routeId,
      instanceId,
      conversationId: 'stats',
      contact: { name: 'Anna', phone: '+46701234567' },
      consentedAt: createdAt,
      slaDueAt: minutes(createdAt, slaMinutes),
      claimDueAt: minutes(createdAt, 30),
    });
    const { id } = await handoffs.register(draft);
    await database.prisma.handoff.update({ where: { id }, data: { createdAt } });
    if (claimAfter !== undefined) await handoffs.apply(id, { action: { type: 'claim', by: 'staff:a' }, at: minutes(createdAt, claimAfter) });
    if (contactAfter !== undefined) await handoffs.apply(id, { action: { type: 'contacted', by: 'staff:a' }, at: minutes(createdAt, contactAfter) });
    return id;
  }

  it('when handoffs were claimed and contacted at known times, then the counts, medians, breaches and escalations add up', async () => {
    const monday = new Date('2026-11-16T09:00:00Z');
    await handoff('anhoriglanken', 'anhorigkonsulent', monday, 10, 40);
    await handoff('anhoriglanken', 'anhorigkonsulent', minutes(monday, 60), 20, 90); // contacted after its 60-minute SLA
    await handoff('idelabbet', 'idelabbet', minutes(monday, 120), 30);
    await handoff('idelabbet', 'idelabbet', new Date('2026-11-23T09:00:00Z')); // next week, never claimed
    await escalateOverdue(database.prisma, { fallbackOf: () => 'kontaktcenter' }, new Date('2026-11-23T09:31:00Z'));

    const statistics = await handoffStatistics(
      database.prisma,
      { from: new Date('2026-11-16T00:00:00Z'), to: new Date('2026-11-30T00:00:00Z') },
      new Date('2026-11-23T09:45:00Z'),
    );
    expect(statistics.total).toBe(4);
    expect(statistics.perWeek).toEqual([
      { week: '2026-11-16', label: 'v. 47', routeId: 'anhoriglanken', instanceId: 'anhorigkonsulent', count: 2 },
      { week: '2026-11-16', label: 'v. 47', routeId: 'idelabbet', instanceId: 'idelabbet', count: 1 },
      { week: '2026-11-23', label: 'v. 48', routeId: 'idelabbet', instanceId: 'idelabbet', count: 1 },
    ]);
    expect(statistics.medianMinutesToClaim).toBeCloseTo(20, 6);
    expect(statistics.medianMinutesToContact).toBeCloseTo(65, 6);
    // The second (contacted late) and the third (claimed, never contacted, SLA passed).
    expect(statistics.slaBreaches).toBe(2);
    // The third (claimed, SLA passed) and the fourth (never claimed) were escalated; the first two had been contacted.
    expect(statistics.escalatedShare).toBe(0.5);
    // Per instance, of those whose deadline has passed or that were done: claimed within the claim window, contacted within the SLA.
    expect(statistics.perInstance).toEqual([
      { instanceId: 'anhorigkonsulent', total: 2, claimedInTime: 1, contactedInTime: 0.5 },
      { instanceId: 'idelabbet', total: 2, claimedInTime: 0.5, contactedInTime: 0 },
    ]);
    // A period without cases says so (no shares to show), rather than 0 %.
    const empty = await handoffStatistics(database.prisma, { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-02-01T00:00:00Z') });
    expect(empty).toMatchObject({ total: 0, perWeek: [], perInstance: [], medianMinutesToClaim: null });

    const oneInstance = await handoffStatistics(database.prisma, {
      from: new Date('2026-11-16T00:00:00Z'),
      to: new Date('2026-11-30T00:00:00Z'),
      instanceIds: ['idelabbet'],
    });
    expect(oneInstance.total).toBe(2);
  });
});
