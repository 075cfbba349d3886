import type { TimeKind, VolunteerSettings } from '../domain/catalog/volunteer-settings.js';
import { fits, weekBefore } from '../domain/volunteers/matching.js';
import type { NeedInput } from '../domain/volunteers/need-input.js';
import type { VolunteerRegister } from '../domain/volunteers/register.js';
import {
  CallOutNotFoundError,
  NeedClosedError,
  NeedNotFoundError,
  VOLUNTEER_MESSAGES,
  type AnswerOutcome,
  type AnsweredCallOut,
  type CallOutMessage,
  type CallOutStatus,
  type CallOutView,
  type Need,
  type Volunteer,
  type VolunteerEntry,
  type VolunteerStatistics,
} from '../domain/volunteers/volunteer.js';
import type { Prisma, PrismaClient } from './generated/client.js';

type Transaction = Prisma.TransactionClient;
type NeedRow = Prisma.VolunteerNeedGetPayload<object>;
type VolunteerRow = Prisma.VolunteerGetPayload<object>;

/** Call-outs are chosen one at a time across every instance (the weekly limit counts them all). */
const CALL_OUT_LOCK = 7_301_101;
const CALL_OUT_STATUSES: readonly CallOutStatus[] = ['asked', 'accepted', 'declined', 'filled', 'cancelled'];

const toVolunteer = (row: VolunteerRow): Volunteer => ({
  id: row.id,
  conversationId: row.conversationId,
  channel: row.channel,
  language: row.language,
  name: row.name,
  skills: row.skills,
  areas: row.areas,
  times: row.times,
  reachBy: row.reachBy as Volunteer['reachBy'],
  ...(row.phone ? { phone: row.phone } : {}),
  ...(row.email ? { email: row.email } : {}),
  consentVersion: row.consentVersion,
  status: row.status,
  consentedAt: row.consentedAt,
  lastActiveAt: row.lastActiveAt,
});

function toNeed(row: NeedRow, counts: Readonly<Partial<Record<CallOutStatus, number>>>): Need {
  return {
    id: row.id,
    title: row.title,
    ...(row.description ? { description: row.description } : {}),
    area: row.area,
    skills: row.skills,
    count: row.count,
    startsAt: row.startsAt,
    ...(row.endsAt ? { endsAt: row.endsAt } : {}),
    crisis: row.crisis,
    status: row.status,
    instanceId: row.instanceId,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    ...(row.filledAt ? { filledAt: row.filledAt } : {}),
    ...(row.cancelledAt ? { cancelledAt: row.cancelledAt } : {}),
    answers: Object.fromEntries(CALL_OUT_STATUSES.map((status) => [status, counts[status] ?? 0])) as Record<CallOutStatus, number>,
  };
}

/** Where a message to a volunteer goes, as the outbox's target: the app they registered in, or SMS or e-mail. */
const reachOf = (volunteer: Pick<VolunteerRow, 'reachBy' | 'channel'>): string =>
  volunteer.reachBy === 'app' ? `app:${volunteer.channel}` : volunteer.reachBy;

/**
 * A message to a volunteer, committed with the change that causes it; its key makes it once per
 * call-out and kind. Due at `now`, by the clock the outbox worker reads, not the database's.
 */
const message = (callOutId: string, kind: string, target: string, now: Date) => ({
  callOutId,
  kind,
  target,
  idempotencyKey: `${kind}:${callOutId}`,
  payload: {},
  nextAttemptAt: now,
});

/** Filters for the coordinators' list of volunteers. */
export interface VolunteerFilter {
  readonly skill?: string;
  readonly area?: string;
  readonly available?: TimeKind;
}

/**
 * The volunteer register in the database (Prisma): volunteers' own entries, the needs
 * coordinators create, and call-outs with their answers. Every call-out and every message it
 * causes is committed together (the outbox delivers them), and answers to one need are taken one
 * at a time, so a need of N places gets exactly N yes answers accepted.
 */
export class PrismaVolunteerRegister implements VolunteerRegister {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly settings: VolunteerSettings,
    private readonly timeZone: string,
  ) {}

  /** Registers someone, or replaces their entry (a new consent each time). */
  async register(entry: VolunteerEntry, now: Date): Promise<Volunteer> {
    const data = {
      channel: entry.channel,
      language: entry.language,
      name: entry.name,
      skills: [...entry.skills],
      areas: [...entry.areas],
      times: [...entry.times],
      reachBy: entry.reachBy,
      phone: entry.phone ?? null,
      email: entry.email ?? null,
      consentVersion: entry.consentVersion,
      consentedAt: now,
      lastActiveAt: now,
      status: 'active' as const,
    };
    const row = await this.prisma.volunteer.upsert({
      where: { conversationId: entry.conversationId },
      create: { conversationId: entry.conversationId, ...data },
      update: data,
    });
    return toVolunteer(row);
  }

  async findByConversation(conversationId: string): Promise<Volunteer | undefined> {
    const row = await this.prisma.volunteer.findUnique({ where: { conversationId } });
    return row ? toVolunteer(row) : undefined;
  }

  /** Pauses (no call-outs) or resumes; false when nobody is registered from that chat. */
  async setPaused(conversationId: string, paused: boolean, now: Date): Promise<boolean> {
    const { count } = await this.prisma.volunteer.updateMany({ where: { conversationId }, data: { status: paused ? 'paused' : 'active', lastActiveAt: now } });
    return count > 0;
  }

  /** Forgets a volunteer ("avregistrera mig"): the entry is deleted; their call-outs stay, anonymous, for the needs' statistics. */
  async forget(conversationId: string): Promise<boolean> {
    const { count } = await this.prisma.volunteer.deleteMany({ where: { conversationId } });
    return count > 0;
  }

  /** Forgets every volunteer inactive since before the catalog's retention period; returns how many. */
  async forgetInactive(now: Date): Promise<number> {
    const before = new Date(now);
    before.setMonth(before.getMonth() - this.settings.retentionMonths);
    const { count } = await this.prisma.volunteer.deleteMany({ where: { lastActiveAt: { lt: before } } });
    return count;
  }

  /** The coordinators' view of the register, filtered by skill, area and time. */
  async volunteers(filter: VolunteerFilter = {}): Promise<Volunteer[]> {
    const rows = await this.prisma.volunteer.findMany({
      where: {
        ...(filter.skill ? { skills: { has: filter.skill } } : {}),
        ...(filter.area ? { areas: { has: filter.area } } : {}),
        ...(filter.available ? { times: { has: filter.available } } : {}),
      },
      orderBy: { createdAt: 'asc' },
    });
    return rows.map(toVolunteer);
  }

  async createNeed(input: NeedInput, instanceId: string, createdBy: string): Promise<Need> {
    const row = await this.prisma.volunteerNeed.create({
      data: {
        title: input.title,
        description: input.description ?? null,
        area: input.area,
        skills: [...input.skills],
        count: input.count,
        startsAt: input.startsAt,
        endsAt: input.endsAt ?? null,
        crisis: input.crisis,
        instanceId,
        createdBy,
      },
    });
    return toNeed(row, {});
  }

  /** Every need, newest first, with how its call-outs stand. */
  async needs(): Promise<Need[]> {
    const [rows, counts] = await Promise.all([
      this.prisma.volunteerNeed.findMany({ orderBy: { createdAt: 'desc' } }),
      this.prisma.volunteerCallOut.groupBy({ by: ['needId', 'status'], _count: { _all: true } }),
    ]);
    const byNeed = new Map<string, Partial<Record<CallOutStatus, number>>>();
    for (const count of counts) byNeed.set(count.needId, { ...byNeed.get(count.needId), [count.status]: count._count._all });
    return rows.map((row) => toNeed(row, byNeed.get(row.id) ?? {}));
  }

  /** One need with everyone asked, their answers and whether the call-out reached them. */
  async need(needId: string): Promise<{ need: Need; callOuts: CallOutView[] }> {
    const row = await this.prisma.volunteerNeed.findUnique({
      where: { id: needId },
      include: { callOuts: { include: { volunteer: true, outbox: { where: { kind: VOLUNTEER_MESSAGES.callOut } } }, orderBy: { askedAt: 'asc' } } },
    });
    if (!row) throw new NeedNotFoundError(needId);
    const counts: Partial<Record<CallOutStatus, number>> = {};
    for (const callOut of row.callOuts) counts[callOut.status] = (counts[callOut.status] ?? 0) + 1;
    const callOuts = row.callOuts.map(
      (callOut): CallOutView => ({
        id: callOut.id,
        status: callOut.status,
        askedAt: callOut.askedAt,
        ...(callOut.answeredAt ? { answeredAt: callOut.answeredAt } : {}),
        delivery: callOut.outbox[0]?.status ?? 'pending',
        ...(callOut.volunteer
          ? {
              volunteer: {
                id: callOut.volunteer.id,
                name: callOut.volunteer.name,
                reachBy: callOut.volunteer.reachBy as Volunteer['reachBy'],
                language: callOut.volunteer.language,
                ...(callOut.volunteer.phone ? { phone: callOut.volunteer.phone } : {}),
                ...(callOut.volunteer.email ? { email: callOut.volunteer.email } : {}),
              },
            }
          : {}),
      }),
    );
    return { need: toNeed(row, counts), callOuts };
  }

  /**
   * Calls `count` volunteers out for an open need: those who fit it (skills, area, time), are
   * active, were not asked about it before and are under the weekly limit, the least asked
   * lately first. Each call-out and its message are committed together. Returns how many were asked.
   */
  async callOut(needId: string, count: number, now: Date): Promise<number> {
    return this.prisma.$transaction(async (transaction) => {
      await transaction.$executeRaw`SELECT pg_advisory_xact_lock(${CALL_OUT_LOCK})`;
      const need = await this.lockOpenNeed(transaction, needId);
      const chosen = (await this.askableFor(transaction, need, now)).slice(0, count);
      for (const volunteer of chosen) {
        const callOut = await transaction.volunteerCallOut.create({ data: { needId, volunteerId: volunteer.id, askedAt: now } });
        await transaction.outboxJob.create({ data: message(callOut.id, VOLUNTEER_MESSAGES.callOut, reachOf(volunteer), now) });
      }
      return chosen.length;
    });
  }

  /** How many could be asked about a need now (they fit, are active, were not asked about it, are under the weekly limit). */
  async askable(needId: string, now: Date): Promise<number> {
    const need = await this.prisma.volunteerNeed.findUnique({ where: { id: needId } });
    if (!need) throw new NeedNotFoundError(needId);
    return need.status === 'open' ? (await this.askableFor(this.prisma, need, now)).length : 0;
  }

  /** Those who may be asked about a need now, the least asked lately first. */
  private async askableFor(client: Transaction, need: NeedRow, now: Date) {
    const candidates = await client.volunteer.findMany({
      where: { status: 'active', areas: { has: need.area }, skills: { hasEvery: need.skills }, callOuts: { none: { needId: need.id } } },
      include: { callOuts: { where: { askedAt: { gt: weekBefore(now) } }, select: { askedAt: true } } },
    });
    return candidates
      .filter((volunteer) => volunteer.callOuts.length < this.settings.maxCallOutsPerWeek && fits(volunteer, need, this.timeZone))
      .sort((a, b) => a.callOuts.length - b.callOuts.length || a.lastActiveAt.getTime() - b.lastActiveAt.getTime() || a.id.localeCompare(b.id));
  }

  /**
   * A volunteer's yes or no. Answers to one need are taken one at a time (the need's row is
   * locked), so exactly `count` yes answers are accepted; the one that fills the need tells
   * everyone still asked that it is filled, and thanks them.
   */
  async answer(callOutId: string, yes: boolean, now: Date, fromConversationId?: string): Promise<AnsweredCallOut> {
    return this.prisma.$transaction(async (transaction) => {
      const found = await transaction.volunteerCallOut.findUnique({
        where: { id: callOutId },
        select: { needId: true, volunteer: { select: { conversationId: true } } },
      });
      if (!found || (fromConversationId !== undefined && found.volunteer?.conversationId !== fromConversationId)) throw new CallOutNotFoundError(callOutId);
      const [need] = await transaction.$queryRaw<{ status: Need['status']; count: number; title: string }[]>`
        SELECT status::text AS status, count, title FROM volunteer_need WHERE id = ${found.needId}::uuid FOR UPDATE`;
      const answered = (outcome: AnswerOutcome): AnsweredCallOut => ({ outcome, title: need!.title });
      const callOut = await transaction.volunteerCallOut.findUniqueOrThrow({ where: { id: callOutId } });
      if (callOut.volunteerId) await transaction.volunteer.update({ where: { id: callOut.volunteerId }, data: { lastActiveAt: now } });
      if (callOut.answeredAt) return answered('already-answered');
      const settle = (status: CallOutStatus) => transaction.volunteerCallOut.update({ where: { id: callOutId }, data: { status, answeredAt: now } });
      if (!yes) {
        await settle('declined');
        return answered('declined');
      }
      // Filled or cancelled before this answer (they were told, or are about to be).
      if (need!.status !== 'open' || callOut.status !== 'asked') {
        const closed = need!.status === 'cancelled' || callOut.status === 'cancelled' ? 'cancelled' : 'filled';
        await settle(closed);
        return answered(closed);
      }
      await settle('accepted');
      const accepted = await transaction.volunteerCallOut.count({ where: { needId: callOut.needId, status: 'accepted' } });
      if (accepted >= need!.count) await this.close(transaction, callOut.needId, 'filled', now);
      return answered('accepted');
    });
  }

  /** Cancels an open need: everyone asked, and everyone who said yes, is told. */
  async cancel(needId: string, now: Date): Promise<void> {
    await this.prisma.$transaction(async (transaction) => {
      await this.lockOpenNeed(transaction, needId);
      const accepted = await transaction.volunteerCallOut.findMany({ where: { needId, status: 'accepted' }, include: { volunteer: true } });
      for (const callOut of accepted) {
        await transaction.volunteerCallOut.update({ where: { id: callOut.id }, data: { status: 'cancelled' } });
        if (callOut.volunteer) await transaction.outboxJob.create({ data: message(callOut.id, VOLUNTEER_MESSAGES.cancelled, reachOf(callOut.volunteer), now) });
      }
      await this.close(transaction, needId, 'cancelled', now);
    });
  }

  /** The register in numbers: volunteers by area and skill, needs by how they ended, and how long filling took. */
  async statistics(): Promise<VolunteerStatistics> {
    const [volunteers, needs] = await Promise.all([
      this.prisma.volunteer.findMany({ select: { status: true, areas: true, skills: true } }),
      this.prisma.volunteerNeed.findMany({ select: { status: true, createdAt: true, filledAt: true } }),
    ]);
    const active = volunteers.filter((volunteer) => volunteer.status === 'active');
    const tally = (ids: readonly string[], chosen: (volunteer: (typeof active)[number]) => readonly string[]) =>
      Object.fromEntries(ids.map((id) => [id, active.filter((volunteer) => chosen(volunteer).includes(id)).length]));
    const hoursToFill = needs
      .flatMap((need) => (need.filledAt ? [(need.filledAt.getTime() - need.createdAt.getTime()) / 3_600_000] : []))
      .sort((a, b) => a - b);
    const middle = hoursToFill.length / 2;
    const median =
      hoursToFill.length === 0 ? null : hoursToFill.length % 2 === 1 ? hoursToFill[Math.floor(middle)]! : (hoursToFill[middle - 1]! + hoursToFill[middle]!) / 2;
    const count = (status: Need['status']) => needs.filter((need) => need.status === status).length;
    return {
      volunteers: {
        active: active.length,
        paused: volunteers.length - active.length,
        byArea: tally(
          this.settings.areas.map((area) => area.id),
          (volunteer) => volunteer.areas,
        ),
        bySkill: tally(
          this.settings.skills.map((skill) => skill.id),
          (volunteer) => volunteer.skills,
        ),
      },
      needs: {
        open: count('open'),
        filled: count('filled'),
        cancelled: count('cancelled'),
        medianHoursToFill: median === null ? null : Math.round(median * 10) / 10,
      },
    };
  }

  /** What a message about a call-out is written from, or undefined when the call-out is gone. */
  async messageFor(callOutId: string): Promise<CallOutMessage | undefined> {
    const row = await this.prisma.volunteerCallOut.findUnique({
      where: { id: callOutId },
      include: { need: true, volunteer: true, outbox: { where: { kind: VOLUNTEER_MESSAGES.callOut }, select: { status: true } } },
    });
    if (!row) return undefined;
    const { need, volunteer } = row;
    return {
      callOutId,
      status: row.status,
      askDelivered: row.outbox.some((job) => job.status === 'delivered'),
      need: { title: need.title, ...(need.description ? { description: need.description } : {}), area: need.area, startsAt: need.startsAt },
      ...(volunteer
        ? {
            volunteer: {
              name: volunteer.name,
              language: volunteer.language,
              reachBy: volunteer.reachBy as Volunteer['reachBy'],
              channel: volunteer.channel,
              conversationId: volunteer.conversationId,
              ...(volunteer.phone ? { phone: volunteer.phone } : {}),
              ...(volunteer.email ? { email: volunteer.email } : {}),
            },
          }
        : {}),
    };
  }

  /** The latest call-out not yet answered by the volunteer with this phone number (an SMS answer), if any. */
  async openCallOutByPhone(phone: string): Promise<{ callOutId: string; conversationId: string } | undefined> {
    const callOut = await this.prisma.volunteerCallOut.findFirst({
      where: { status: 'asked', volunteer: { phone, reachBy: 'sms' }, need: { status: 'open' } },
      orderBy: { askedAt: 'desc' },
      select: { id: true, volunteer: { select: { conversationId: true } } },
    });
    return callOut?.volunteer ? { callOutId: callOut.id, conversationId: callOut.volunteer.conversationId } : undefined;
  }

  /** The call-out a volunteer was asked last and has not answered, if any: what their "ja" or "nej" in the chat answers. */
  async openCallOutOf(conversationId: string): Promise<string | undefined> {
    const callOut = await this.prisma.volunteerCallOut.findFirst({
      where: { status: 'asked', volunteer: { conversationId }, need: { status: 'open' } },
      orderBy: { askedAt: 'desc' },
      select: { id: true },
    });
    return callOut?.id;
  }

  /** Locks an open need for the rest of the transaction, or refuses. */
  private async lockOpenNeed(transaction: Transaction, needId: string): Promise<NeedRow> {
    const [locked] = await transaction.$queryRaw<{ id: string }[]>`SELECT id FROM volunteer_need WHERE id = ${needId}::uuid FOR UPDATE`;
    if (!locked) throw new NeedNotFoundError(needId);
    const need = await transaction.volunteerNeed.findUniqueOrThrow({ where: { id: needId } });
    if (need.status !== 'open') throw new NeedClosedError(needId, need.status);
    return need;
  }

  /** Closes a need as filled or cancelled, and tells everyone still asked (each once). */
  private async close(transaction: Transaction, needId: string, status: 'filled' | 'cancelled', now: Date): Promise<void> {
    await transaction.volunteerNeed.update({ where: { id: needId }, data: { status, ...(status === 'filled' ? { filledAt: now } : { cancelledAt: now }) } });
    const waiting = await transaction.volunteerCallOut.findMany({ where: { needId, status: 'asked' }, include: { volunteer: true } });
    await transaction.volunteerCallOut.updateMany({ where: { needId, status: 'asked' }, data: { status } });
    const kind = status === 'filled' ? VOLUNTEER_MESSAGES.filled : VOLUNTEER_MESSAGES.cancelled;
    const told = waiting.flatMap((callOut) => (callOut.volunteer ? [message(callOut.id, kind, reachOf(callOut.volunteer), now)] : []));
    if (told.length > 0) await transaction.outboxJob.createMany({ data: told, skipDuplicates: true });
  }
}
