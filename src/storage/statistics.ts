import { AWAITING_CONTACT } from '../domain/handoff/deadlines.js';
import { isoWeekLabel } from '../domain/iso-week.js';
import { Prisma, type PrismaClient } from './generated/client.js';

export interface HandoffStatistics {
  /** Handoffs per ISO week (its Monday, UTC, and its label "v. 49"), route and instance. */
  readonly perWeek: readonly { week: string; label: string; routeId: string; instanceId: string; count: number }[];
  /**
   * Per instance: how many, and the share claimed within the claim window and contacted within
   * the SLA, of those whose deadline has passed or that were done (null: none to judge yet).
   */
  readonly perInstance: readonly { instanceId: string; total: number; claimedInTime: number | null; contactedInTime: number | null }[];
  readonly total: number;
  /** Median minutes from registration to claim / to first contact (null when none yet). */
  readonly medianMinutesToClaim: number | null;
  readonly medianMinutesToContact: number | null;
  /** Handoffs contacted after their SLA, or still not contacted past it. */
  readonly slaBreaches: number;
  /** Share of handoffs that were escalated at least once (0–1). */
  readonly escalatedShare: number;
}

/**
 * Numbers for dashboards, over the anonymous columns only (route, instance, times, events), so
 * they survive the erasure of personal data. `instanceIds` limits them to some instances.
 */
export async function handoffStatistics(
  prisma: PrismaClient,
  range: { from: Date; to: Date; instanceIds?: readonly string[] },
  now: Date = new Date(),
): Promise<HandoffStatistics> {
  const instances = range.instanceIds ? Prisma.sql`AND h.instance_id IN (${Prisma.join([...range.instanceIds])})` : Prisma.empty;
  const scope = Prisma.sql`h.created_at >= ${range.from} AND h.created_at < ${range.to} ${instances}`;
  const perWeek = await prisma.$queryRaw<{ week: Date; route_id: string; instance_id: string; count: number }[]>`
    SELECT date_trunc('week', h.created_at AT TIME ZONE 'UTC') AS week, h.route_id, h.instance_id, count(*)::int AS count
    FROM handoff h WHERE ${scope}
    GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
  const [summary] = await prisma.$queryRaw<{ total: number; claim: number | null; contact: number | null; breaches: number; escalated: number }[]>`
    SELECT count(*)::int AS total,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h.claimed_at - h.created_at) / 60) FILTER (WHERE h.claimed_at IS NOT NULL))::float AS claim,
      (percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM h.contacted_at - h.created_at) / 60) FILTER (WHERE h.contacted_at IS NOT NULL))::float AS contact,
      count(*) FILTER (WHERE (h.contacted_at IS NOT NULL AND h.contacted_at > h.sla_due_at)
        OR (h.contacted_at IS NULL AND h.status::text IN (${Prisma.join([...AWAITING_CONTACT])}) AND h.sla_due_at < ${now}))::int AS breaches,
      count(*) FILTER (WHERE EXISTS (SELECT 1 FROM handoff_event e WHERE e.handoff_id = h.id AND e.type = 'escalated'))::int AS escalated
    FROM handoff h WHERE ${scope}`;
  const perInstance = await prisma.$queryRaw<
    { instance_id: string; total: number; claim_judged: number; claim_in_time: number; contact_judged: number; contact_in_time: number }[]
  >`
    SELECT h.instance_id, count(*)::int AS total,
      count(*) FILTER (WHERE h.claimed_at IS NOT NULL OR h.claim_due_at < ${now})::int AS claim_judged,
      count(*) FILTER (WHERE h.claimed_at IS NOT NULL AND h.claimed_at <= h.claim_due_at)::int AS claim_in_time,
      count(*) FILTER (WHERE h.contacted_at IS NOT NULL OR (h.status::text IN (${Prisma.join([...AWAITING_CONTACT])}) AND h.sla_due_at < ${now}))::int AS contact_judged,
      count(*) FILTER (WHERE h.contacted_at IS NOT NULL AND h.contacted_at <= h.sla_due_at)::int AS contact_in_time
    FROM handoff h WHERE ${scope}
    GROUP BY 1 ORDER BY 1`;
  const share = (part: number, whole: number) => (whole === 0 ? null : part / whole);
  const total = summary?.total ?? 0;
  return {
    perWeek: perWeek.map((row) => ({
      week: row.week.toISOString().slice(0, 10),
      label: isoWeekLabel(row.week),
      routeId: row.route_id,
      instanceId: row.instance_id,
      count: row.count,
    })),
    perInstance: perInstance.map((row) => ({
      instanceId: row.instance_id,
      total: row.total,
      claimedInTime: share(row.claim_in_time, row.claim_judged),
      contactedInTime: share(row.contact_in_time, row.contact_judged),
    })),
    total,
    medianMinutesToClaim: summary?.claim ?? null,
    medianMinutesToContact: summary?.contact ?? null,
    slaBreaches: summary?.breaches ?? 0,
    escalatedShare: total === 0 ? 0 : (summary?.escalated ?? 0) / total,
  };
}
