import { randomUUID } from 'node:crypto';
import type { NeedInput } from '../../src/domain/volunteers/need-input';
import { VOLUNTEER_MESSAGES, type VolunteerEntry } from '../../src/domain/volunteers/volunteer';
import type { Database } from '../../src/storage/database';
import { loadCatalogFile } from '../../src/storage/catalog-file';
import { PrismaVolunteerRegister } from '../../src/storage/volunteer-register';
import { databaseKinds } from '../support/databases';
import { openMigratedDatabase } from '../support/open-test-database';

const settings = loadCatalogFile().volunteers!;
/** Saturday 5 December 2026, 10:00 in Stockholm: a weekend. */
const SATURDAY = new Date('2026-12-05T09:00:00Z');
/** Tuesday 1 December 2026, 10:00 in Stockholm: a weekday's daytime. */
const TUESDAY = new Date('2026-12-01T09:00:00Z');

const volunteer = (overrides: Partial<VolunteerEntry> = {}): VolunteerEntry => ({
  conversationId: `telegram:${randomUUID()}`,
  channel: 'telegram',
  language: 'sv',
  name: 'Kim Volontär',
  skills: ['driving', 'errands'],
  areas: ['faringso'],
  times: ['weekends'],
  reachBy: 'app',
  consentVersion: settings.consentVersion,
  ...overrides,
});

const need = (overrides: Partial<NeedInput> = {}): NeedInput => ({
  title: 'Köra matkassar',
  area: 'faringso',
  skills: ['driving'],
  count: 2,
  startsAt: SATURDAY,
  crisis: false,
  ...overrides,
});

describe.each(databaseKinds)('the volunteer register on $name', (kind) => {
  let database: Database;
  let close: () => Promise<void>;
  let register: PrismaVolunteerRegister;
  const now = new Date('2026-12-02T08:00:00Z');

  beforeAll(async () => {
    ({ database, close } = await openMigratedDatabase(kind));
    register = new PrismaVolunteerRegister(database.prisma, settings, 'Europe/Stockholm');
  });
  afterAll(() => close());

  /** A fresh register: every test builds its own volunteers and needs. */
  beforeEach(async () => {
    await database.prisma.outboxJob.deleteMany({ where: { callOutId: { not: null } } });
    await database.prisma.volunteerCallOut.deleteMany();
    await database.prisma.volunteerNeed.deleteMany();
    await database.prisma.volunteer.deleteMany();
  });

  const callOutMessages = (kind: string) => database.prisma.outboxJob.findMany({ where: { kind }, include: { callOut: true } });

  it('matches by every skill the need asks for, its area and its time, and leaves out those paused or who help only in a crisis', async () => {
    const fits = await register.register(volunteer({ name: 'Passar' }), now);
    await register.register(volunteer({ skills: ['errands'] }), now); // cannot drive
    await register.register(volunteer({ areas: ['adelso'] }), now); // elsewhere
    const weekdays = await register.register(volunteer({ times: ['weekdays', 'evenings'] }), now); // not weekends
    const crisisOnly = await register.register(volunteer({ times: ['crisis'] }), now); // only in a crisis
    const paused = await register.register(volunteer(), now);
    await register.setPaused(paused.conversationId, true, now);
    const created = await register.createNeed(need({ count: 1 }), 'volontarsamordning', 'coordinator');
    expect(await register.callOut(created.id, 10, now)).toBe(1);
    const { callOuts } = await register.need(created.id);
    expect(callOuts.map((callOut) => callOut.volunteer?.id)).toEqual([fits.id]);
    // A crisis need on a Tuesday reaches those who help only in a crisis, and those free on weekdays.
    const crisis = await register.createNeed(need({ crisis: true, startsAt: TUESDAY }), 'volontarsamordning', 'coordinator');
    expect(await register.callOut(crisis.id, 10, now)).toBe(2);
    const asked = (await register.need(crisis.id)).callOuts.map((callOut) => callOut.volunteer?.id);
    expect(asked.sort()).toEqual([weekdays.id, crisisOnly.id].sort());
  });

  it('asks three times the places by default, once each, with a call-out message each in the outbox', async () => {
    for (let index = 0; index < 10; index += 1) await register.register(volunteer(), now);
    const created = await register.createNeed(need({ count: 2 }), 'volontarsamordning', 'coordinator');
    expect(await register.callOut(created.id, 6, now)).toBe(6);
    // Asked again: only those not yet asked.
    expect(await register.callOut(created.id, 10, now)).toBe(4);
    const messages = await callOutMessages(VOLUNTEER_MESSAGES.callOut);
    expect(messages).toHaveLength(10);
    expect(new Set(messages.map((job) => job.callOut!.volunteerId)).size).toBe(10);
    expect(messages.every((job) => job.target === 'app:telegram' && job.handoffId === null)).toBe(true);
  });

  it('asks nobody more than the weekly limit allows', async () => {
    const only = await register.register(volunteer(), now);
    for (let index = 0; index < settings.maxCallOutsPerWeek; index += 1) {
      const created = await register.createNeed(need({ title: `Behov ${index}` }), 'volontarsamordning', 'coordinator');
      expect(await register.callOut(created.id, 3, now)).toBe(1);
    }
    const oneTooMany = await register.createNeed(need({ title: 'Ett till' }), 'volontarsamordning', 'coordinator');
    expect(await register.callOut(oneTooMany.id, 3, now)).toBe(0);
    // A week later the limit starts over.
    expect(await register.callOut(oneTooMany.id, 3, new Date(now.getTime() + 8 * 86_400_000))).toBe(1);
    expect((await register.need(oneTooMany.id)).callOuts[0]!.volunteer?.id).toBe(only.id);
  });

  it('when yes answers arrive at once, exactly the places are accepted; the rest are told it is filled, and the need is filled', async () => {
    for (let index = 0; index < 9; index += 1) await register.register(volunteer(), now);
    const created = await register.createNeed(need({ count: 3 }), 'volontarsamordning', 'coordinator');
    await register.callOut(created.id, 9, now);
    const { callOuts } = await register.need(created.id);
    const [no, ...yes] = callOuts;
    expect((await register.answer(no!.id, false, now)).outcome).toBe('declined');
    const outcomes = (await Promise.all(yes.map((callOut) => register.answer(callOut.id, true, now)))).map((answered) => answered.outcome);
    expect(outcomes.filter((outcome) => outcome === 'accepted')).toHaveLength(3);
    expect(outcomes.filter((outcome) => outcome === 'filled')).toHaveLength(5);
    const after = await register.need(created.id);
    expect(after.need).toMatchObject({ status: 'filled', answers: { accepted: 3, declined: 1, filled: 5, asked: 0 } });
    // Those not yet answered when it filled were told at once; a later yes changes nothing.
    const told = await callOutMessages(VOLUNTEER_MESSAGES.filled);
    expect(told.length).toBeGreaterThanOrEqual(1);
    expect(told.length).toBeLessThanOrEqual(5);
    expect((await register.answer(yes[0]!.id, true, now)).outcome).toBe('already-answered');
  });

  it('a cancelled need tells everyone asked and everyone who said yes, and takes no more answers', async () => {
    for (let index = 0; index < 4; index += 1) await register.register(volunteer(), now);
    const created = await register.createNeed(need({ count: 2 }), 'volontarsamordning', 'coordinator');
    await register.callOut(created.id, 4, now);
    const [accepted, declined, ...waiting] = (await register.need(created.id)).callOuts;
    await register.answer(accepted!.id, true, now);
    await register.answer(declined!.id, false, now);
    await register.cancel(created.id, now);
    const told = await callOutMessages(VOLUNTEER_MESSAGES.cancelled);
    expect(told.map((job) => job.callOutId).sort()).toEqual([accepted!.id, ...waiting.map((callOut) => callOut.id)].sort());
    expect((await register.answer(waiting[0]!.id, true, now)).outcome).toBe('cancelled');
    await expect(register.callOut(created.id, 1, now)).rejects.toMatchObject({ code: 'VOLUNTEER.NEED_CLOSED' });
    await expect(register.cancel(created.id, now)).rejects.toMatchObject({ code: 'VOLUNTEER.NEED_CLOSED' });
  });

  it('forgets a volunteer who leaves, and those inactive past the retention; their call-outs stay without them', async () => {
    const leaving = await register.register(volunteer(), now);
    const created = await register.createNeed(need({ count: 1 }), 'volontarsamordning', 'coordinator');
    await register.callOut(created.id, 1, now);
    expect(await register.forget(leaving.conversationId)).toBe(true);
    expect(await register.findByConversation(leaving.conversationId)).toBeUndefined();
    expect((await register.need(created.id)).callOuts).toEqual([expect.not.objectContaining({ volunteer: expect.anything() })]);

    const old = await register.register(volunteer(), new Date('2024-11-01T00:00:00Z'));
    const recent = await register.register(volunteer(), new Date('2025-06-01T00:00:00Z'));
    expect(await register.forgetInactive(now)).toBe(1);
    expect(await register.findByConversation(old.conversationId)).toBeUndefined();
    expect(await register.findByConversation(recent.conversationId)).toMatchObject({ id: recent.id });
  });

  it('lists volunteers by skill, area and time, and finds the call-out a chat answer is for', async () => {
    const driver = await register.register(volunteer({ skills: ['driving'], areas: ['stenhamra'], times: ['evenings'] }), now);
    await register.register(volunteer({ skills: ['visits'], areas: ['stenhamra'], times: ['evenings'] }), now);
    expect((await register.volunteers({ skill: 'driving', area: 'stenhamra', available: 'evenings' })).map((found) => found.id)).toEqual([driver.id]);
    expect(await register.openCallOutOf(driver.conversationId)).toBeUndefined();
    const created = await register.createNeed(need({ area: 'stenhamra', startsAt: new Date('2026-12-01T18:00:00Z'), count: 1 }), 'volontarsamordning', 'c');
    await register.callOut(created.id, 3, now);
    const open = await register.openCallOutOf(driver.conversationId);
    expect(open).toBe((await register.need(created.id)).callOuts[0]!.id);
  });
});
