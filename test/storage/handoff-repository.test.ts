import type { HandoffDraft } from '../../src/domain/handoff/handoff';
import type { Database } from '../../src/storage/database';
import { PrismaHandoffRepository } from '../../src/storage/handoff-repository';
import { databaseKinds } from '../support/databases';
import { handoffDraft } from '../support/handoff-drafts';
import { openMigratedDatabase } from '../support/open-test-database';

/** Anna's draft in one conversation ("conversation-a"), as the tests below expect. */
const draft = (overrides: Partial<HandoffDraft> = {}): HandoffDraft => handoffDraft({ conversationId: 'conversation-a', ...overrides });

describe.each(databaseKinds)('the handoff log on $name', (kind) => {
  let database: Database;
  let close: () => Promise<void>;
  let handoffs: PrismaHandoffRepository;

  beforeAll(async () => {
    ({ database, close } = await openMigratedDatabase(kind));
    handoffs = new PrismaHandoffRepository(database.prisma);
  });
  afterAll(() => close());

  it('when a handoff is registered, then it is stored with a LOTS reference and a "registered" event', async () => {
    const registered = await handoffs.register(draft());
    expect(registered.reference).toMatch(new RegExp(`^LOTS-${new Date().getUTCFullYear()}-\\d{6}$`));
    const row = await database.prisma.handoff.findUniqueOrThrow({ where: { id: registered.id }, include: { events: true } });
    expect(row).toMatchObject({
      routeId: 'anhoriglanken',
      instanceId: 'anhorigkonsulent',
      status: 'registered',
      contactName: 'Anna Andersson',
      contactPhone: '+46701234567',
      contactEmail: null,
      summary: 'Min mamma har demens',
      consentVersion: '2026-11-22',
    });
    expect(row.events.map((event) => event.type)).toEqual(['registered']);
  });

  it('when the same registration is retried with its idempotency key, then there is still one handoff with one reference', async () => {
    const once = draft();
    const [first, second] = [await handoffs.register(once), await handoffs.register(once)];
    expect(second).toEqual(first);
    expect(await database.prisma.handoff.count({ where: { idempotencyKey: once.idempotencyKey } })).toBe(1);
  });

  it('when 200 residents register at once, then 200 handoffs with unique references exist, each with its notification', async () => {
    const registered = await Promise.all(Array.from({ length: 200 }, () => handoffs.register(draft({ conversationId: 'burst' }))));
    expect(new Set(registered.map((handoff) => handoff.reference)).size).toBe(200);
    expect(await database.prisma.handoff.count({ where: { conversationId: 'burst' } })).toBe(200);
    expect(await database.prisma.outboxJob.count({ where: { handoff: { conversationId: 'burst' } } })).toBe(200);
  });

  it('when a person asks to be forgotten, then their contact details and words are erased, the anonymous row stays, and it is audited', async () => {
    const mine = await handoffs.register(draft({ conversationId: 'forget-me' }));
    const someoneElse = await handoffs.register(draft({ conversationId: 'keep-me' }));
    expect(await handoffs.eraseConversation('forget-me', 'webchat:person')).toEqual([expect.stringMatching(/^LOTS-\d{4}-\d{6}$/)]);
    const erased = await database.prisma.handoff.findUniqueOrThrow({ where: { id: mine.id }, include: { events: { orderBy: { at: 'asc' } } } });
    expect(erased).toMatchObject({
      contactName: null,
      contactPhone: null,
      contactEmail: null,
      preferredTime: null,
      summary: null,
      routeId: 'anhoriglanken',
      erasedAt: expect.any(Date),
    });
    expect(erased.events.map((event) => [event.type, event.actor])).toEqual([
      ['registered', 'webchat:person'],
      ['erased', 'webchat:person'],
      // Nobody can contact the person any more: the open case is closed as withdrawn.
      ['close', 'webchat:person'],
    ]);
    expect(erased).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
    expect((await database.prisma.handoff.findUniqueOrThrow({ where: { id: someoneElse.id } })).contactName).toBe('Anna Andersson');
    expect(await handoffs.eraseConversation('forget-me', 'webchat:person')).toEqual([]);
  });
});

describe.each(databaseKinds)('handoff lifecycle changes on $name', (kind) => {
  let database: Database;
  let close: () => Promise<void>;
  let handoffs: PrismaHandoffRepository;
  // After the registration's own timestamp (the database's now), as a real change would be.
  const at = new Date(Date.now() + 60_000);

  beforeAll(async () => {
    ({ database, close } = await openMigratedDatabase(kind));
    handoffs = new PrismaHandoffRepository(database.prisma);
  });
  afterAll(() => close());

  it('when a handoff is registered, then its notification job is committed with it', async () => {
    const { id } = await handoffs.register(draft({ conversationId: 'outbox' }));
    expect(await database.prisma.outboxJob.findMany({ where: { handoffId: id } })).toMatchObject([
      { kind: 'handoff.registered', target: 'anhorigkonsulent', status: 'pending', idempotencyKey: `handoff:${id}:registered` },
    ]);
  });

  it('when two staff claim at once, then exactly one wins and the other is told who has it', async () => {
    const { id } = await handoffs.register(draft());
    const results = await Promise.allSettled([
      handoffs.apply(id, { action: { type: 'claim', by: 'staff:anna' }, at }),
      handoffs.apply(id, { action: { type: 'claim', by: 'staff:bo' }, at }),
    ]);
    const won = results.filter((result) => result.status === 'fulfilled');
    const lost = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = (won[0] as PromiseFulfilledResult<{ claimedBy: string }>).value.claimedBy;
    expect(lost[0]!.reason).toMatchObject({ code: 'HANDOFF.ALREADY_CLAIMED', claimedBy: winner });
    const view = await handoffs.find(id);
    expect(view?.events.filter((event) => event.type === 'claim')).toHaveLength(1);
  });

  it('when a case goes the whole way, then every step is an event, in order, with who did it', async () => {
    const { id } = await handoffs.register(draft());
    await handoffs.apply(id, { action: { type: 'notify', by: 'system' }, at });
    await handoffs.apply(id, { action: { type: 'claim', by: 'staff:anna' }, at });
    await handoffs.apply(id, { action: { type: 'contacted', by: 'staff:anna' }, at });
    const closed = await handoffs.apply(id, { action: { type: 'close', by: 'staff:anna', outcome: 'resolved' }, at });
    expect(closed).toMatchObject({ status: 'closed', outcome: 'resolved', claimedBy: 'staff:anna', version: 4 });
    expect(closed.events.map((event) => [event.type, event.actor])).toEqual([
      ['registered', 'webchat:person'],
      ['notify', 'system'],
      ['claim', 'staff:anna'],
      ['contacted', 'staff:anna'],
      ['close', 'staff:anna'],
    ]);
  });

  it('when a case is rerouted, then it is registered again at the new instance, unclaimed, and that instance is notified', async () => {
    const { id } = await handoffs.register(draft());
    await handoffs.apply(id, { action: { type: 'claim', by: 'staff:anna' }, at });
    const deadlines = { claimDueAt: new Date('2026-11-23T11:00:00Z'), slaDueAt: new Date('2026-11-25T15:00:00Z') };
    const rerouted = await handoffs.apply(id, { action: { type: 'reroute', by: 'staff:anna', instanceId: 'kontaktcenter' }, at, deadlines });
    expect(rerouted).toMatchObject({ status: 'registered', instanceId: 'kontaktcenter', claimedBy: null, ...deadlines });
    expect(await database.prisma.outboxJob.count({ where: { handoffId: id, target: 'kontaktcenter' } })).toBe(1);
  });

  it('when an illegal step is asked for, then nothing changes and the error is typed', async () => {
    const { id } = await handoffs.register(draft());
    await expect(handoffs.apply(id, { action: { type: 'contacted', by: 'staff:anna' }, at })).rejects.toMatchObject({ code: 'HANDOFF.ILLEGAL_TRANSITION' });
    expect(await handoffs.find(id)).toMatchObject({ status: 'registered', version: 0 });
    await expect(handoffs.apply('00000000-0000-0000-0000-000000000000', { action: { type: 'claim', by: 'x' }, at })).rejects.toMatchObject({
      code: 'HANDOFF.NOT_FOUND',
    });
  });
});
